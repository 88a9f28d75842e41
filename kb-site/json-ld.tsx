/**
 * Structured data for search engines, written as `<script type="application/ld+json">`: data the browser
 * never executes, so it is the one kind of script the strict CSP leaves harmless.
 */
import type { PageContext } from './page-context.ts';

/** A JSON-LD object (schema.org vocabulary). */
export type JsonLdObject = { '@context'?: string; '@type': string; [key: string]: unknown };

/**
 * JSON text safe inside `<script>`: `<`, `>` and `&` are escaped as `\u003c`…, so no content (a title with
 * `</script>`, say) can end the element early; line and paragraph separators are escaped for old parsers.
 */
export function jsonLdText(data: JsonLdObject): string {
  return JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One `<script type="application/ld+json">` element. */
export function JsonLd({ data }: { data: JsonLdObject }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}

/** A `BreadcrumbList` of absolute URLs; the last crumb (the page itself) may have no URL. */
export function breadcrumbList(crumbs: readonly { name: string; url?: string | undefined }[]): JsonLdObject {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, ...(c.url ? { item: c.url } : {}) })),
  };
}

/** The site as the `Organization` that publishes it, with its logo (Google's recommended publisher properties). */
export function organization(ctx: Pick<PageContext, 'absolute' | 'logo'>, name: string, home: string): JsonLdObject {
  return { '@type': 'Organization', name, url: ctx.absolute(home), logo: { '@type': 'ImageObject', url: ctx.absolute(ctx.logo) } };
}

/** The `src` of every image in the build's sanitized body HTML, in order, each once. */
export function imageSources(html: string): string[] {
  const sources = [...html.matchAll(/<img\b[^>]*?\ssrc="([^"]+)"/g)].map((m) => decodeEntities(m[1]!));
  return [...new Set(sources)];
}

/** A `FAQPage` of questions and their answers (answer text may be HTML, as schema.org allows). */
export function faqPage(items: readonly { question: string; answer: string }[]): JsonLdObject {
  return {
    '@type': 'FAQPage',
    mainEntity: items.map((q) => ({ '@type': 'Question', name: q.question, acceptedAnswer: { '@type': 'Answer', text: q.answer } })),
  };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'", nbsp: ' ' };

// Phrasing elements: their tags sit inside a sentence, so dropping them must not add a space ("Billing
// history." not "Billing history ."). Every other tag ends or starts a block and becomes a space.
const INLINE_TAG = /^<\/?(a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|img|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var|wbr)\b/i;

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, name: string) => {
    if (name in ENTITIES) return ENTITIES[name] ?? m;
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return m;
  });
}

/**
 * Plain text of the build's sanitized body HTML, for structured data: phrasing tags dropped, other tags
 * separating blocks by a space, the few entities the sanitizer writes decoded, whitespace collapsed, cut at
 * `max` characters.
 */
export function plainText(html: string, max = 5000): string {
  const text = decodeEntities(html.replace(/<(script|style|template)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, (tag) => (INLINE_TAG.test(tag) ? '' : ' ')))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

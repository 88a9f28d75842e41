import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

/**
 * What HTML may reach a reader. Two allowlists: what a writer may type as raw HTML in Markdown (small,
 * presentational), and what the renderer may emit (Markdown's own output plus our callouts). Everything
 * else — scripts, event handlers, styles, forms, frames, `javascript:`/`data:` URLs — is removed.
 */

/** Tags a writer may use as raw HTML inside Markdown. */
export const RAW_HTML_TAGS = new Set(['kbd', 'br', 'sup', 'sub', 'mark', 'abbr', 'details', 'summary', 'small', 'ins', 'del', 'wbr']);
const RAW_HTML_ATTRIBUTES: Record<string, Set<string>> = { abbr: new Set(['title']), details: new Set(['open']) };

const OUTPUT_TAGS = [
  ...RAW_HTML_TAGS,
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'a', 'img', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em',
  'strong', 's', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'input', 'div', 'span',
];

export const URL_SCHEMES = ['http', 'https', 'mailto', 'tel'];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: OUTPUT_TAGS,
  allowedAttributes: {
    '*': [],
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    h2: ['id'], h3: ['id'], h4: ['id'], h5: ['id'], h6: ['id'],
    ol: ['start'],
    th: ['align'], td: ['align'],
    input: ['type', 'checked', 'disabled', 'aria-label'],
    div: ['class', 'role'],
    p: ['class'],
    code: ['class'],
    abbr: ['title'],
    details: ['open'],
  },
  allowedClasses: { div: ['callout', 'callout-*'], p: ['callout-title'], code: ['language-*'] },
  allowedSchemes: URL_SCHEMES,
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside these is dropped along with the tag, never shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'object', 'template'],
  transformTags: {
    // Task-list checkboxes are the only inputs we emit: always inert.
    input: (_tag, attribs) => ({
      tagName: attribs.type === 'checkbox' ? 'input' : 'span',
      attribs:
        attribs.type === 'checkbox'
          ? { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined && { checked: '' }), ...(attribs['aria-label'] && { 'aria-label': attribs['aria-label'] }) }
          : {},
    }),
    div: (_tag, attribs) => ({ tagName: 'div', attribs: { ...attribs, ...(attribs.role ? { role: 'note' } : {}) } }),
  },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** Removes everything outside the output allowlist. Idempotent. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** One thing a writer's raw HTML tried to do that is not allowed. */
export interface RawHtmlViolation {
  /** Offset within the inspected HTML. */
  offset: number;
  message: string;
  fix: string;
}

/**
 * Inspects raw HTML typed in Markdown against the writer's allowlist, so `check` can report it with a line
 * number instead of silently dropping it.
 */
export function inspectRawHtml(html: string): RawHtmlViolation[] {
  const violations: RawHtmlViolation[] = [];
  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const at = parser.startIndex;
        if (!RAW_HTML_TAGS.has(name)) {
          violations.push({
            offset: at,
            message: `unsafe or unsupported raw HTML <${name}>`,
            fix: `use Markdown instead; raw HTML may only use ${[...RAW_HTML_TAGS].map((t) => `<${t}>`).join(' ')}`,
          });
          return;
        }
        for (const attr of Object.keys(attribs)) {
          if (!RAW_HTML_ATTRIBUTES[name]?.has(attr))
            violations.push({ offset: at, message: `attribute "${attr}" on <${name}> is not allowed`, fix: `remove ${attr}="…"; styling comes from the site theme` });
        }
      },
    },
    { lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return violations;
}

/** True when `href` may be linked to from content (http(s), mailto, tel, or a relative/fragment URL). */
export function isSafeHref(href: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme: "java\tscript:" is javascript:.
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return !compact.startsWith('//');
  return URL_SCHEMES.includes(scheme[1]!.toLowerCase());
}

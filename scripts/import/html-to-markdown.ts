import { gfm } from '@joplin/turndown-plugin-gfm';
import { Parser } from 'htmlparser2';
import TurndownService from 'turndown';
import { isSafeHref, OUTPUT_ATTRIBUTES } from '../pipeline/html-policy.ts';
import type { DropReason } from './model.ts';

/** What the conversion asks of the importer: where links and images go, and where to note what it leaves out. */
export interface ConvertContext {
  /** The Markdown target of a link (`id:entry`, an http(s) URL), or undefined to keep only its text (already reported). */
  link(href: string): string | undefined;
  /** The Markdown source of an image (a path into the content's assets, a remote URL), or undefined to keep its alt text. */
  image(src: string, alt: string): string | undefined;
  /** `reason` is a key of `importSite.why` in the tools' strings. */
  drop(what: string, reason: DropReason): void;
}

// Elements whose content is never text for a reader: Kotae's sanitizer drops them with their content, so do we.
const DROP_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'noscript',
  'template',
  'svg',
  'math',
  'select',
  'textarea',
  'video',
  'audio',
  'canvas',
  'form',
  'button',
  'applet',
  'frame',
  'frameset',
]);
// Containers that carry no meaning of their own in an article: their content is kept, silently.
const TRANSPARENT = new Set([
  'section',
  'article',
  'main',
  'header',
  'footer',
  'figure',
  'figcaption',
  'center',
  'font',
  'u',
  'b',
  'i',
  'caption',
  'tfoot',
  'colgroup',
  'col',
  'dl',
  'dt',
  'dd',
  'picture',
  'source',
  'label',
  'nav',
  'aside',
  'cite',
  'q',
  'var',
  'samp',
  'time',
]);
// Presentational tags with a Markdown equivalent.
const RENAMED: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's' };
const VOID = new Set(['br', 'hr', 'img', 'input', 'wbr', 'col', 'source', 'meta', 'link', 'area', 'base', 'param', 'track', 'embed']);
const CALLOUT_CLASS = /\b(callout|alert|admonition|notice|note|tip|info|warning|caution|danger|important|intercom-interblocks-callout)\b/i;

/**
 * Converts an article body from HTML to Kotae Markdown. The HTML is first rebuilt from its parse (like
 * Kotae's sanitizer, on htmlparser2): scripts, frames, forms, media and event handlers are dropped and
 * reported, never passed through; boxes styled as callouts become `> [!KIND]`. turndown with the GFM plugin
 * then writes the Markdown (tables, strikethrough, task lists).
 */
export function htmlToMarkdown(html: string, ctx: ConvertContext): string {
  const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_', hr: '---' });
  service.use(gfm);
  service.addRule('kotae-callout', {
    filter: (node) => node.nodeName === 'DIV' && node.getAttribute('data-callout') !== null,
    replacement: (content, node) => {
      const kind = node.getAttribute('data-callout')!.toUpperCase();
      const lines = content.trim().split('\n');
      return `\n\n> [!${kind}]\n${lines.map((l) => (l ? `> ${l}` : '>')).join('\n')}\n\n`;
    },
  });
  service.addRule('kotae-link', {
    filter: (node) => node.nodeName === 'A' && node.getAttribute('href') !== null,
    replacement: (content, node) => {
      const text = content.trim();
      const target = ctx.link(node.getAttribute('href')!);
      if (!text) return '';
      return target === undefined ? text : `[${text}](${target.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  service.addRule('kotae-image', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = (node.getAttribute('alt') ?? '').replace(/[[\]\n]/g, ' ').trim();
      const src = node.getAttribute('src');
      const target = src ? ctx.image(src, alt) : undefined;
      return target === undefined ? alt : `![${alt}](${target.replace(/[()\s]/g, encodeURIComponent)})`;
    },
  });
  // Markdown cannot say "heading level 1" inside an entry whose title is the page's heading.
  service.addRule('kotae-h1', { filter: 'h1', replacement: (content) => `\n\n## ${content.trim()}\n\n` });
  return tidy(service.turndown(cleanHtml(html, ctx)));
}

/** Rebuilds the HTML keeping what Markdown can say, dropping (and reporting) what Kotae would refuse. */
export function cleanHtml(html: string, ctx: Pick<ConvertContext, 'drop'>): string {
  let out = '';
  let dropping = 0;
  // Each open element as written and as rebuilt (a callout <aside> is rebuilt as <div>).
  const open: { name: string; out: string }[] = [];
  const parser = new Parser(
    {
      onopentag(tagName, attribs) {
        const name = RENAMED[tagName] ?? tagName;
        if (dropping) {
          if (!VOID.has(name)) dropping++;
          return;
        }
        if (DROP_WITH_CONTENT.has(name)) {
          const attr = ['src', 'data', 'action'].find((a) => attribs[a]);
          ctx.drop(`<${name}${attr ? ` ${attr}="${attribs[attr]}"` : ''}>`, 'element');
          if (!VOID.has(name)) dropping++;
          return;
        }
        for (const attr of Object.keys(attribs)) if (/^on/i.test(attr)) ctx.drop(`${attr} on <${name}>`, 'handler');
        const kind = calloutKind(name, attribs);
        if (kind) {
          out += `<div data-callout="${kind}">`;
          open.push({ name, out: 'div' });
          return;
        }
        const allowed = OUTPUT_ATTRIBUTES[name];
        if (!allowed && !TRANSPARENT.has(name)) {
          if (!VOID.has(name) || name === 'input') ctx.drop(`<${name}>`, 'unknownElement');
          return;
        }
        if (!allowed) return;
        let tag = `<${name}`;
        for (const attr of ['href', 'src', 'alt', 'title', 'class', 'colspan', 'rowspan', 'start', 'type', 'checked']) {
          const value = attribs[attr];
          if (value === undefined) continue;
          if ((attr === 'href' || attr === 'src') && !isSafeHref(value)) {
            ctx.drop(`${attr}="${value.slice(0, 60)}" on <${name}>`, 'unsafeUrl');
            continue;
          }
          if (attr === 'class' && !/^language-/.test(value)) continue;
          tag += ` ${attr}="${escapeAttribute(value)}"`;
        }
        out += `${tag}>`;
        if (!VOID.has(name)) open.push({ name, out: name });
      },
      ontext(text) {
        if (!dropping) out += escapeText(text);
      },
      onclosetag(tagName) {
        const name = RENAMED[tagName] ?? tagName;
        if (dropping) {
          if (!VOID.has(name)) dropping--;
          return;
        }
        if (VOID.has(name)) return;
        const at = open.findLastIndex((o) => o.name === name);
        if (at >= 0) while (open.length > at) out += `</${open.pop()!.out}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  while (open.length) out += `</${open.pop()!.out}>`;
  return out;
}

/** The callout a styled box stands for: by its class words, or for Intercom's callouts by their colour. */
function calloutKind(name: string, attribs: Record<string, string>): string | undefined {
  if (name !== 'div' && name !== 'aside' && name !== 'p') return undefined;
  const cls = attribs.class ?? '';
  if (!CALLOUT_CLASS.test(cls)) return undefined;
  const words = `${cls} ${attribs.style ?? ''}`.toLowerCase();
  if (/danger|error|caution/.test(words)) return 'caution';
  if (/warning|warn/.test(words)) return 'warning';
  if (/important/.test(words)) return 'important';
  if (/tip|success/.test(words)) return 'tip';
  // Intercom marks its callouts by background colour only: yellow warns, red cautions, green tips, blue notes.
  const colour = /background-color:\s*#([0-9a-f]{6})/i.exec(attribs.style ?? '')?.[1];
  if (colour) {
    const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
    if (r > 200 && g > 180 && b < 190) return 'warning';
    if (r > 200 && g < 180) return 'caution';
    if (g > r && g > b) return 'tip';
  }
  return 'note';
}

/** At most one blank line in a row; trailing spaces stay (two of them are a line break). */
function tidy(markdown: string): string {
  return `${markdown
    .replace(/^[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

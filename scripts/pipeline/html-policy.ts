import { Parser } from 'htmlparser2';

/**
 * What HTML may reach a reader. Two allowlists: what a writer may type as raw HTML in Markdown (small,
 * presentational), and what the renderer may emit (Markdown's own output plus our callouts). Everything
 * else — scripts, event handlers, styles, forms, frames, `javascript:`/`data:` URLs — is removed.
 */

/** Tags a writer may use as raw HTML inside Markdown. */
export const RAW_HTML_TAGS = new Set(['kbd', 'br', 'sup', 'sub', 'mark', 'abbr', 'details', 'summary', 'small', 'ins', 'del', 'wbr']);
const RAW_HTML_ATTRIBUTES: Record<string, Set<string>> = { abbr: new Set(['title']), details: new Set(['open']) };

/** Tags the renderer may emit, with the attributes each may carry. */
export const OUTPUT_ATTRIBUTES: Record<string, readonly string[]> = {
  ...Object.fromEntries([...RAW_HTML_TAGS].map((tag) => [tag, [...(RAW_HTML_ATTRIBUTES[tag] ?? [])]])),
  h1: [],
  h2: ['id'],
  h3: ['id'],
  h4: ['id'],
  h5: ['id'],
  h6: ['id'],
  p: ['class'],
  a: ['href', 'title', 'rel'],
  img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  pre: [],
  code: ['class'],
  em: [],
  strong: [],
  s: [],
  hr: [],
  table: [],
  thead: [],
  tbody: [],
  tr: [],
  th: ['align'],
  td: ['align'],
  input: ['type', 'checked', 'disabled', 'aria-label'],
  div: ['class', 'role'],
  span: [],
};

const VOID = new Set(['br', 'hr', 'img', 'input', 'wbr']);
// Content of these is never text for a reader: drop it together with the tag.
const DROP_CONTENT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'iframe',
  'object',
  'embed',
  'noscript',
  'noembed',
  'noframes',
  'template',
  'svg',
  'math',
  'xmp',
  'select',
  'option',
]);
const CLASS_ALLOWED: Record<string, RegExp> = { div: /^callout(-[a-z]+)?$/, p: /^callout-title$/, code: /^language-[A-Za-z0-9_+#-]+$/ };
const ATTRIBUTE_VALUE: Record<string, RegExp> = {
  role: /^note$/,
  type: /^checkbox$/,
  rel: /^(noopener|noreferrer| )+$/,
  loading: /^lazy$/,
  decoding: /^async$/,
  align: /^(left|right|center)$/,
  start: /^\d{1,6}$/,
  width: /^\d{1,5}$/,
  height: /^\d{1,5}$/,
};

export const URL_SCHEMES = ['http', 'https', 'mailto', 'tel'];

/**
 * Rebuilds HTML from scratch keeping only allowlisted tags and attributes: text is re-escaped, entities are
 * decoded before URLs are judged (so `&#106;avascript:` is seen for what it is), comments are dropped and
 * every open tag is closed. Nothing from the input is copied through unparsed. Idempotent.
 */
export function sanitize(html: string): string {
  let out = '';
  const open: string[] = [];
  let dropping = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (dropping || DROP_CONTENT.has(name)) {
          if (!VOID.has(name)) dropping++;
          return;
        }
        const allowed = OUTPUT_ATTRIBUTES[name];
        if (!allowed) return;
        let tag = `<${name}`;
        for (const attr of allowed) {
          const value = attribs[attr];
          if (value === undefined || !attributeAllowed(name, attr, value)) continue;
          tag += value === '' && (attr === 'checked' || attr === 'disabled' || attr === 'open') ? ` ${attr}` : ` ${attr}="${escapeAttribute(value)}"`;
        }
        out += `${tag}>`;
        if (!VOID.has(name)) open.push(name);
      },
      ontext(text) {
        if (!dropping) out += escapeText(text);
      },
      onclosetag(name) {
        if (dropping) {
          if (!VOID.has(name)) dropping--;
          return;
        }
        if (VOID.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at < 0) return;
        while (open.length > at) out += `</${open.pop()}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  while (open.length) out += `</${open.pop()}>`;
  return out;
}

function attributeAllowed(tag: string, attr: string, value: string): boolean {
  if (attr === 'href') return isSafeHref(value);
  if (attr === 'src') return isSafeHref(value) && !/^(mailto|tel):/i.test(value.trim());
  if (attr === 'class') return value.split(/\s+/).every((c) => CLASS_ALLOWED[tag]?.test(c));
  if (attr === 'checked' || attr === 'disabled' || attr === 'open') return true;
  const pattern = ATTRIBUTE_VALUE[attr];
  return pattern ? pattern.test(value) : true;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
            violations.push({
              offset: at,
              message: `attribute "${attr}" on <${name}> is not allowed`,
              fix: `remove ${attr}="…"; styling comes from the site theme`,
            });
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
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these inside a scheme, so must we
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  // Characters no real URL in content needs, and that old parsers treated as quotes.
  if (/[`<>"]/.test(compact)) return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return !compact.startsWith('//');
  return URL_SCHEMES.includes(scheme[1]!.toLowerCase());
}

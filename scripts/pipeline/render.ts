import path from 'node:path';
import { Marked, Renderer, type Token, type Tokens } from 'marked';
import type { TocItem } from '../../content/schema/index.ts';
import { entryUrl } from '../../content/urls.ts';
import { dedupe, sameShape, slugify, splitExplicitId, VALID_ID, type OutlineHeading } from './heading-ids.ts';
import { closest } from '../../content/human-errors.ts';
import { inspectRawHtml, isSafeHref, sanitize } from './html-policy.ts';
import { blockText, inlineText } from './plain-text.ts';
import type { Problem } from '../../content/problems.ts';
import type { EntryType } from '../../content/schema/entry.ts';

/**
 * Markdown → sanitized HTML, outline and section texts for one entry.
 *
 * Rendering is split in two so that links can be checked against every entry's headings: `prepare` lexes an
 * entry once and fixes its heading ids (needing only the source's outline for a translation); `render` turns
 * the prepared tokens into HTML for one locale, resolving links for that locale. A fallback entry (shown in a
 * locale that has no translation) is the same prepared entry rendered with another locale's context.
 */

const CALLOUT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(\n|$)/i;
const CALLOUT_LIKE = /^\[![A-Za-z]+\]/;
export const CALLOUT_KINDS = ['note', 'tip', 'important', 'warning', 'caution'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

const marked = new Marked({ gfm: true, breaks: false });

export interface PreparedHeading extends OutlineHeading {
  text: string;
}

/** An entry lexed once: tokens, positions and heading ids; locale-independent. */
export interface PreparedEntry {
  file: string;
  tokens: Token[];
  headings: PreparedHeading[];
  /** Problems found while lexing (explicit ids, outline mismatch, raw HTML, unknown callouts). */
  problems: Problem[];
  /** Offset in the body where each token starts. */
  offsets: WeakMap<object, number>;
  bodyLine: number;
  lineStarts: number[];
  callouts: WeakMap<object, CalloutKind>;
  headingIds: WeakMap<object, string>;
}

/** What `render` needs to know about the rest of the site. */
export interface RenderContext {
  /** Locale the page is shown in (URLs of links point into this locale). */
  locale: string;
  /** Localized titles of callouts. */
  calloutLabels: Record<CalloutKind, string>;
  /** Localized accessible names of task-list checkboxes. */
  taskLabels: { done: string; open: string };
  /** Looks up a link target by entry id. */
  entry(id: string): LinkTarget | undefined;
  /** Maps an absolute Markdown file path to the id of the entry in it. */
  entryAtFile(file: string): string | undefined;
  /** All entry ids, for "did you mean" hints. */
  knownIds(): readonly string[];
  /** Registers an image file; returns its public URL or undefined when the file does not exist. */
  asset(file: string): string | undefined;
  /** Absolute content folder: links and images may not point outside it. */
  contentDir: string;
}

export interface LinkTarget {
  id: string;
  type: EntryType;
  anchors: ReadonlySet<string>;
  draft: boolean;
}

export interface RenderedSection {
  anchor: string | null;
  headings: string[];
  text: string;
}

export interface RenderedEntry {
  html: string;
  toc: TocItem[];
  sections: RenderedSection[];
  problems: Problem[];
}

/**
 * Lexes an entry body and settles its heading ids.
 * @param sourceOutline the outline of the entry this one translates, to reuse its heading ids.
 */
export function prepare(file: string, body: string, bodyLine: number, sourceOutline?: readonly OutlineHeading[]): PreparedEntry {
  const text = body.replace(/\r\n?/g, '\n');
  const tokens = marked.lexer(text);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const prepared: PreparedEntry = {
    file,
    tokens,
    headings: [],
    problems: [],
    offsets: new WeakMap(),
    bodyLine,
    lineStarts,
    callouts: new WeakMap(),
    headingIds: new WeakMap(),
  };
  locate(tokens, text, 0, prepared.offsets);

  const headingTokens: { token: Tokens.Heading; explicit: string | undefined; text: string }[] = [];
  walk(tokens, (token) => {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      const { text, id } = splitExplicitId(heading.text);
      if (id !== undefined) stripExplicitId(heading);
      if (id !== undefined && !VALID_ID.test(id))
        problem(prepared, 'error', token, `heading id "{#${id}}" is not valid`, 'use lowercase letters, digits, "-" and "_", starting with a letter or digit');
      if (heading.depth === 1)
        problem(prepared, 'warning', token, 'a level-1 heading in the body', 'start sections with "##"; the title is the page\'s only level-1 heading');
      headingTokens.push({ token: heading, explicit: id && VALID_ID.test(id) ? id : undefined, text: inlineText(heading.tokens).trim() || text });
    } else if (token.type === 'blockquote') {
      markCallout(prepared, token as Tokens.Blockquote);
    } else if (token.type === 'html') {
      for (const v of inspectRawHtml(token.text)) problem(prepared, 'error', token, v.message, v.fix);
    }
  });

  const mapped =
    sourceOutline &&
    sameShape(
      sourceOutline,
      headingTokens.map((h) => ({ depth: h.token.depth })),
    );
  if (sourceOutline && !mapped && headingTokens.length + sourceOutline.length > 0)
    problem(
      prepared,
      'warning',
      tokens[0] ?? {},
      `the headings differ from the source (${sourceOutline.length} there, ${headingTokens.length} here)`,
      'keep the same headings as the source, or give headings explicit ids like "## Title {#id}" so links work in every language',
    );
  const ids = dedupe(headingTokens.map((h, i) => h.explicit ?? (mapped ? sourceOutline[i]!.id : slugify(h.text))));
  headingTokens.forEach((h, i) => {
    const id = ids[i]!;
    prepared.headingIds.set(h.token, id);
    prepared.headings.push({ depth: h.token.depth, id, text: h.text });
  });
  return prepared;
}

/** Renders a prepared entry for one locale: sanitized HTML, table of contents and section texts. */
export function render(prepared: PreparedEntry, ctx: RenderContext): RenderedEntry {
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], token: object, message: string, fix: string) => {
    const at = position(prepared, prepared.offsets.get(token) ?? 0);
    problems.push({ severity, file: prepared.file, line: at.line, col: at.col, message, fix });
  };
  const ownAnchors = new Set(prepared.headings.map((h) => h.id));

  const resolveHref = (token: Tokens.Link): string | undefined => {
    const href = token.href.trim();
    if (href.startsWith('id:')) {
      const [id = '', anchor] = href.slice(3).split('#', 2);
      return linkToEntry(token, id, anchor);
    }
    if (href.startsWith('#')) {
      if (!ownAnchors.has(decodeURIComponent(href.slice(1))))
        report(
          'error',
          token,
          `broken link: no heading with id "${href.slice(1)}" in this entry`,
          `use one of: ${[...ownAnchors].join(', ') || '(this entry has no headings)'}`,
        );
      return href;
    }
    if (!isSafeHref(href)) {
      report('error', token, `unsafe link "${href.slice(0, 40)}"`, 'link only to http(s), mailto: or tel: addresses, or to other entries with (id:entry-id)');
      return undefined;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('/')) return href;
    const [filePart = '', anchor] = href.split('#', 2);
    const target = path.resolve(path.dirname(prepared.file), decodeURIComponent(filePart));
    if (!filePart.endsWith('.md')) {
      report('error', token, `relative link "${href}" does not point to a Markdown entry`, 'link to another entry as (id:entry-id) or to its .md file');
      return undefined;
    }
    const id = ctx.entryAtFile(target);
    if (!id) {
      report('error', token, `broken link: ${path.relative(ctx.contentDir, target)} does not exist`, 'fix the path, or link by id as (id:entry-id)');
      return undefined;
    }
    return linkToEntry(token, id, anchor);
  };

  const linkToEntry = (token: Tokens.Link, id: string, anchor: string | undefined): string | undefined => {
    const target = ctx.entry(id);
    if (!target) {
      const hint = closest(id, ctx.knownIds());
      report(
        'error',
        token,
        `broken internal link: no entry with id "${id}"`,
        hint ? `did you mean "${hint}"?` : "check the id in the target file's frontmatter",
      );
      return undefined;
    }
    if (target.draft) {
      report('error', token, `link to draft entry "${id}"`, 'publish the target (draft: false) or remove the link');
      return undefined;
    }
    if (anchor && !target.anchors.has(anchor)) {
      report(
        'error',
        token,
        `broken internal link: "${id}" has no heading with id "${anchor}"`,
        `use one of: ${[...target.anchors].join(', ') || `(no headings; link to id:${id})`}`,
      );
      return entryUrl(ctx.locale, target.type, id);
    }
    return entryUrl(ctx.locale, target.type, id, anchor);
  };

  const resolveImage = (token: Tokens.Image): string | undefined => {
    const src = token.href.trim();
    if (!token.text.trim()) report('warning', token, 'image without alt text', 'describe the image in the brackets: ![what it shows](…)');
    if (/^https?:/i.test(src)) {
      report('warning', token, 'image loaded from another site', 'put the image in the content folder so it works offline and cannot change behind your back');
      return src;
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
      report('error', token, `unsafe image source "${src.slice(0, 40)}"`, 'use a relative path to an image file in the content folder');
      return undefined;
    }
    const file = path.resolve(path.dirname(prepared.file), decodeURIComponent(src.split('#')[0]!.split('?')[0]!));
    if (!file.startsWith(ctx.contentDir + path.sep)) {
      report('error', token, `image "${src}" is outside the content folder`, 'move the image into the content folder');
      return undefined;
    }
    const url = ctx.asset(file);
    if (!url) report('error', token, `missing image: ${path.relative(ctx.contentDir, file)}`, 'add the file or fix the path (relative to this Markdown file)');
    return url;
  };

  const renderer = new Renderer();
  renderer.heading = function (token) {
    const id = prepared.headingIds.get(token) ?? slugify(token.text);
    return `<h${token.depth} id="${escapeAttr(id)}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
  };
  renderer.link = function (token) {
    const inner = this.parser.parseInline(token.tokens);
    const href = resolveHref(token);
    if (href === undefined) return inner;
    const external = /^https?:/i.test(href);
    return `<a href="${escapeAttr(href)}"${token.title ? ` title="${escapeAttr(token.title)}"` : ''}${external ? ' rel="noopener noreferrer"' : ''}>${inner}</a>`;
  };
  renderer.image = (token) => {
    const src = resolveImage(token);
    if (src === undefined) return escapeText(token.text);
    return `<img src="${escapeAttr(src)}" alt="${escapeAttr(token.text)}"${token.title ? ` title="${escapeAttr(token.title)}"` : ''} loading="lazy" decoding="async">`;
  };
  renderer.checkbox = ({ checked }) =>
    `<input type="checkbox" disabled${checked ? ' checked' : ''} aria-label="${escapeAttr(checked ? ctx.taskLabels.done : ctx.taskLabels.open)}"> `;
  renderer.blockquote = function (token) {
    const kind = prepared.callouts.get(token);
    const inner = this.parser.parse(token.tokens);
    if (!kind) return `<blockquote>\n${inner}</blockquote>\n`;
    return `<div class="callout callout-${kind}" role="note"><p class="callout-title">${escapeText(ctx.calloutLabels[kind])}</p>\n${inner}</div>\n`;
  };

  const raw = marked.parser(prepared.tokens, { renderer });
  return {
    html: sanitize(raw),
    toc: prepared.headings.filter((h) => h.depth === 2 || h.depth === 3).map((h) => ({ id: h.id, text: h.text, depth: h.depth })),
    sections: sections(prepared),
    problems,
  };
}

/** Splits the body at `##`/`###` headings into the passages the search engine indexes. */
function sections(prepared: PreparedEntry): RenderedSection[] {
  const out: RenderedSection[] = [];
  let current: RenderedSection = { anchor: null, headings: [], text: '' };
  const parts: string[] = [];
  const trail: { depth: number; text: string }[] = [];
  const flush = () => {
    current.text = parts
      .join('\n')
      .replace(/\n{2,}/g, '\n')
      .trim();
    if (current.text || current.anchor !== null) out.push(current);
    parts.length = 0;
  };
  for (const token of prepared.tokens) {
    if (token.type === 'heading' && (token as Tokens.Heading).depth <= 3) {
      const heading = token as Tokens.Heading;
      flush();
      while (trail.length && trail[trail.length - 1]!.depth >= heading.depth) trail.pop();
      const text = inlineText(heading.tokens).trim();
      trail.push({ depth: heading.depth, text });
      current = { anchor: prepared.headingIds.get(heading) ?? null, headings: trail.map((t) => t.text), text: '' };
    } else {
      const text = blockText(token);
      if (text) parts.push(text);
    }
  }
  flush();
  return out;
}

function markCallout(prepared: PreparedEntry, quote: Tokens.Blockquote): void {
  const first = quote.tokens[0];
  if (first?.type !== 'paragraph') return;
  const paragraph = first as Tokens.Paragraph;
  const lead = paragraph.tokens[0];
  const match = lead && lead.type === 'text' ? CALLOUT.exec((lead as Tokens.Text).text) : null;
  if (!match) {
    if (lead && lead.type === 'text' && CALLOUT_LIKE.test((lead as Tokens.Text).text))
      problem(
        prepared,
        'warning',
        quote,
        `unknown callout ${(lead as Tokens.Text).text.split(/\s/)[0]}`,
        'use [!NOTE], [!TIP], [!IMPORTANT], [!WARNING] or [!CAUTION]',
      );
    return;
  }
  prepared.callouts.set(quote, match[1]!.toLowerCase() as CalloutKind);
  const text = lead as Tokens.Text;
  text.text = text.text.slice(match[0].length);
  text.raw = text.raw.slice(match[0].length);
  if (text.tokens) text.tokens = undefined as never;
  if (!text.text && paragraph.tokens.length === 1) quote.tokens.shift();
  else if (!text.text) paragraph.tokens.shift();
}

function stripExplicitId(heading: Tokens.Heading): void {
  heading.text = splitExplicitId(heading.text).text;
  const last = heading.tokens[heading.tokens.length - 1];
  if (last && last.type === 'text') {
    const stripped = splitExplicitId((last as Tokens.Text).text).text;
    (last as Tokens.Text).text = stripped;
    (last as Tokens.Text).raw = stripped;
    if (!stripped) heading.tokens.pop();
  }
}

function problem(prepared: PreparedEntry, severity: Problem['severity'], token: object, message: string, fix: string): void {
  const at = position(prepared, prepared.offsets.get(token) ?? 0);
  prepared.problems.push({ severity, file: prepared.file, line: at.line, col: at.col, message, fix });
}

/** Visits every token, depth first, including list items and table cells. */
function walk(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    for (const child of children(token)) walk([child], visit);
  }
}

function children(token: Token): Token[] {
  const out: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) out.push(...token.tokens);
  if (token.type === 'list') out.push(...(token as Tokens.List).items);
  if (token.type === 'table') {
    const table = token as Tokens.Table;
    for (const cell of [...table.header, ...table.rows.flat()]) out.push(...cell.tokens);
  }
  return out;
}

/**
 * Records where each token starts in the body by finding its first line of text after the previous
 * sibling. Marked keeps no positions; this is exact for blocks and close enough for inline tokens to send a
 * writer to the spot. Only offsets are stored; lines are computed when a problem is reported.
 */
function locate(tokens: readonly Token[], body: string, from: number, offsets: WeakMap<object, number>): void {
  let cursor = from;
  for (const token of tokens) {
    const probe = firstTextLine('raw' in token && typeof token.raw === 'string' ? token.raw : '');
    const found = probe ? body.indexOf(probe, cursor) : -1;
    const at = found >= 0 ? found : cursor;
    offsets.set(token, at);
    const kids = children(token);
    if (kids.length) locate(kids, body, at, offsets);
    if (found >= 0 && token.type !== 'list_item') cursor = found + Math.max(probe.length, 1);
  }
}

/** Line and column (1-based, in the file) of a body offset. */
function position(prepared: PreparedEntry, offset: number): { line: number; col: number } {
  const starts = prepared.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: prepared.bodyLine + lo, col: offset - starts[lo]! + 1 };
}

/** The first line of `raw` that has text, trimmed; without splitting the whole string. */
function firstTextLine(raw: string): string {
  let start = 0;
  while (start < raw.length) {
    let end = raw.indexOf('\n', start);
    if (end < 0) end = raw.length;
    const line = raw.slice(start, end).trim();
    if (line) return line;
    start = end + 1;
  }
  return '';
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

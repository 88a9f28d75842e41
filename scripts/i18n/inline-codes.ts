/**
 * Inline Markdown as a translator sees it: text interleaved with protected codes. A code is either
 * standalone (`ph`: a code span, an escape, an HTML tag, a heading id, an `{{interpolation}}`) or paired
 * around translatable text (`pc`: emphasis, a link's text, an image's alt text). Every code keeps the exact
 * bytes it stands for, so joining the parts back gives the original text byte for byte.
 */
export type Part = TextPart | PlaceholderPart | PairedPart;
export interface TextPart {
  kind: 'text';
  text: string;
}
export interface PlaceholderPart {
  kind: 'ph';
  id: number;
  /** The bytes the placeholder stands for. */
  data: string;
  /** What it is, for notes and QA: `code`, `html`, `escape`, `anchor`, `variable`, `break`, `literal`. */
  role: string;
}
export interface PairedPart {
  kind: 'pc';
  id: number;
  start: string;
  end: string;
  /** `strong`, `emphasis`, `strike`, `link`, `image`. */
  role: string;
  children: Part[];
}
export type Code = PlaceholderPart | PairedPart;

/** Which constructs are codes: full Markdown for entry bodies, only variables and tags for UI strings. */
export type InlineMode = 'markdown' | 'ui' | 'plain';

/**
 * Splits `text` into parts, numbering codes 1, 2, … in reading order. Anything that does not parse as a
 * construct stays text, so the function never fails. A literal `{n}` is protected too, because the PO
 * format writes codes that way.
 */
export function tokenizeInline(text: string, mode: InlineMode = 'markdown'): Part[] {
  const counter = { next: 1 };
  return scan(text, mode, counter);
}

/** The original text of parts (the inverse of `tokenizeInline`). */
export function partsText(parts: readonly Part[]): string {
  let out = '';
  for (const p of parts) out += p.kind === 'text' ? p.text : p.kind === 'ph' ? p.data : p.start + partsText(p.children) + p.end;
  return out;
}

/**
 * The parts with each code written as its number, `{1}` standalone and `{2}…{/2}` around words: how PO files
 * show a segment, and how an import tells whether a unit's source is the segment's source.
 */
export function numberedText(parts: readonly Part[]): string {
  let s = '';
  for (const p of parts) s += p.kind === 'text' ? p.text : p.kind === 'ph' ? `{${p.id}}` : `{${p.id}}${numberedText(p.children)}{/${p.id}}`;
  return s;
}

/** Every code of the parts, depth first in reading order. */
export function codesOf(parts: readonly Part[]): Code[] {
  const out: Code[] = [];
  const walk = (list: readonly Part[]) => {
    for (const p of list) {
      if (p.kind === 'ph') out.push(p);
      else if (p.kind === 'pc') {
        out.push(p);
        walk(p.children);
      }
    }
  };
  walk(parts);
  return out;
}

/** The text without codes (paired codes keep their inner text), for length checks and glossary matching. */
export function visibleText(parts: readonly Part[]): string {
  let out = '';
  for (const p of parts) out += p.kind === 'text' ? p.text : p.kind === 'pc' ? visibleText(p.children) : '';
  return out;
}

/**
 * Renumbers the codes of a translation so that each code equal to one of the source's takes that code's id
 * (first unused match in order); codes the source lacks get ids after the source's highest. Used so a
 * translator sees the same numbers in source and target.
 */
export function alignCodes(source: readonly Part[], target: Part[]): void {
  const pool = codesOf(source);
  const used = new Set<number>();
  let next = Math.max(0, ...pool.map((c) => c.id)) + 1;
  for (const code of codesOf(target)) {
    const match = pool.find((c) => !used.has(c.id) && sameCode(c, code));
    if (match) {
      used.add(match.id);
      code.id = match.id;
    } else code.id = next++;
  }
}

/** True when two codes stand for the same bytes. */
export function sameCode(a: Code, b: Code): boolean {
  return a.kind === 'ph' ? b.kind === 'ph' && a.data === b.data : b.kind === 'pc' && a.start === b.start && a.end === b.end;
}

const CODE_NAMES: Record<string, string> = {
  strong: 'bold text',
  emphasis: 'italic text',
  strike: 'struck-through text',
  link: 'link text',
  image: 'image alt text',
  code: 'code, keep as is',
  html: 'HTML tag',
  escape: 'escaped character',
  anchor: 'heading id',
  variable: 'variable',
  break: 'line break',
  literal: 'literal text',
  autolink: 'web address',
};

/**
 * A short human description of a code for translator notes, PO comments and QA findings:
 * `link text: "[" … "](id:faq)"`. `name` may give the role's name in another language.
 */
export function describeCode(code: Code, name: (role: string, english: string) => string = (_, english) => english): string {
  const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
  const what = name(code.role, CODE_NAMES[code.role] ?? code.role);
  return code.kind === 'pc' ? `${what}: ${show(code.start)} … ${show(code.end)}` : `${what}: ${show(code.data)}`;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|<>~"'&$]/;

function scan(text: string, mode: InlineMode, counter: { next: number }): Part[] {
  const parts: Part[] = [];
  let plain = '';
  const flush = () => {
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
  };
  const ph = (data: string, role: string) => {
    flush();
    parts.push({ kind: 'ph', id: counter.next++, data, role });
  };
  const pc = (start: string, end: string, role: string, inner: string, innerMode: InlineMode) => {
    flush();
    const part: PairedPart = { kind: 'pc', id: counter.next++, start, end, role, children: [] };
    parts.push(part);
    part.children = scan(inner, innerMode, counter);
  };

  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i]!;
    let m: RegExpExecArray | null;

    // A literal "{3}" would read as a PO placeholder: protect it in every mode.
    if ((m = /^\{\/?\d+\}/.exec(rest))) {
      ph(m[0], 'literal');
      i += m[0].length;
      continue;
    }
    if (mode !== 'plain' && (m = /^\{\{[^{}]*\}\}|^\$t\([^)]*\)/.exec(rest))) {
      ph(m[0], 'variable');
      i += m[0].length;
      continue;
    }
    if (mode !== 'plain' && ch === '<' && (m = /^<!--[\s\S]*?-->|^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?\/?>/.exec(rest))) {
      ph(m[0], 'html');
      i += m[0].length;
      continue;
    }
    if (mode !== 'markdown') {
      plain += ch;
      i++;
      continue;
    }
    if (ch === '\n' && (m = /^\n[ \t]*(?:>[ \t]?)*[ \t]*/.exec(rest))) {
      ph(m[0], 'break');
      i += m[0].length;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1]!)) {
      ph(text.slice(i, i + 2), 'escape');
      i += 2;
      continue;
    }
    if (ch === '`' && (m = /^(`+)([\s\S]*?[^`])\1(?!`)/.exec(rest))) {
      ph(m[0], 'code');
      i += m[0].length;
      continue;
    }
    if (ch === '<' && (m = /^<(?:https?:\/\/|mailto:)[^<>\s]+>/.exec(rest))) {
      ph(m[0], 'autolink');
      i += m[0].length;
      continue;
    }
    if (ch === '{' && (m = /^\{#[A-Za-z0-9_-]+\}\s*$/.exec(rest))) {
      ph(m[0], 'anchor');
      i += m[0].length;
      continue;
    }
    if (ch === '!' && text[i + 1] === '[') {
      const link = linkAt(text, i + 1);
      if (link) {
        pc('![', text.slice(link.labelEnd, link.end), 'image', text.slice(i + 2, link.labelEnd), 'plain');
        i = link.end;
        continue;
      }
    }
    if (ch === '[') {
      const link = linkAt(text, i);
      if (link) {
        pc('[', text.slice(link.labelEnd, link.end), 'link', text.slice(i + 1, link.labelEnd), 'markdown');
        i = link.end;
        continue;
      }
    }
    const delim = /^(\*\*|__|~~|\*|_)/.exec(rest)?.[1];
    if (delim) {
      const close = emphasisClose(text, i, delim);
      if (close > 0) {
        const role = delim === '~~' ? 'strike' : delim.length === 2 ? 'strong' : 'emphasis';
        pc(delim, delim, role, text.slice(i + delim.length, close), 'markdown');
        i = close + delim.length;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return parts;
}

/** For `[` at `open`: where the label ends (index of `]`) and where the `(destination)` ends, or undefined. */
function linkAt(text: string, open: number): { labelEnd: number; end: number } | undefined {
  let depth = 0;
  let j = open;
  for (; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '`') {
      const close = text.indexOf('`', j + 1);
      if (close < 0) return undefined;
      j = close;
    } else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) break;
  }
  if (j >= text.length || text[j + 1] !== '(') return undefined;
  const labelEnd = j;
  depth = 0;
  for (let k = j + 1; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { labelEnd, end: k + 1 };
    else if (c === '\n') return undefined;
  }
  return undefined;
}

/** Index of the delimiter closing emphasis opened at `open`, or -1 (CommonMark's flanking rules, simplified). */
function emphasisClose(text: string, open: number, delim: string): number {
  const after = text[open + delim.length];
  if (!after || /\s/.test(after)) return -1;
  const before = open > 0 ? text[open - 1]! : ' ';
  // Intraword underscores (snake_case) are not emphasis.
  if (delim[0] === '_' && /[\p{L}\p{N}]/u.test(before)) return -1;
  if (delim === '*' && text[open + 1] === '*') return -1;
  let k = open + delim.length + 1;
  while (k < text.length) {
    const c = text[k]!;
    if (c === '\\') {
      k += 2;
      continue;
    }
    if (c === '`') {
      const m = /^(`+)[\s\S]*?[^`]\1(?!`)/.exec(text.slice(k));
      if (m) {
        k += m[0].length;
        continue;
      }
    }
    if (text.startsWith(delim, k) && !/\s/.test(text[k - 1]!)) {
      const next = text[k + delim.length];
      const doubled = delim.length === 1 && next === delim;
      const intraword = delim[0] === '_' && next !== undefined && /[\p{L}\p{N}]/u.test(next);
      if (!doubled && !intraword) return k;
      if (doubled) {
        k += 2;
        continue;
      }
    }
    k++;
  }
  return -1;
}

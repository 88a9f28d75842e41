import { isMap, isScalar, isSeq, parseDocument, type Node, type Scalar } from 'yaml';
import { tokenizeInline, visibleText } from './inline-codes.ts';

/** What a segment is in its entry, told to translators in notes. */
export type SegmentKind = 'title' | 'summary' | 'alias' | 'heading' | 'paragraph' | 'list-item' | 'table-cell' | 'html';

/**
 * One translatable piece of an entry file: a frontmatter value or one block of the body. `start`/`end`
 * are offsets into the file text, so replacing that range with a translation leaves every other byte
 * (Markdown structure, frontmatter, whitespace) as it was.
 */
export interface Segment {
  /** Stable within a file's structure: `title`, `summary`, `alias1`, `b7` (seventh body block). */
  key: string;
  kind: SegmentKind;
  /** 1-based line of the file where it starts. */
  line: number;
  start: number;
  end: number;
  /** The text as a translator reads it (for YAML values: the decoded string, not its quoted form). */
  text: string;
  /** For YAML values: how the value is written, so an unchanged value keeps its bytes and a new one stays valid. */
  yaml?: { flow: boolean } | undefined;
  /** In a blockquote or callout. */
  quoted?: boolean | undefined;
}

/** An entry file cut into segments, plus where its `source.hash` value is written (if any). */
export interface SegmentedFile {
  text: string;
  segments: Segment[];
  /** Offsets of the frontmatter (between the `---` lines). */
  frontmatter: { start: number; end: number };
  /** Where the body starts (after the closing `---` line). */
  bodyStart: number;
  /** Offsets of the value of `source.hash`, when the file records one. */
  sourceHash?: { start: number; end: number } | undefined;
}

/** Thrown for a file that is not an entry (no frontmatter); the CLIs report it with the path. */
export class SegmentError extends Error {}

/**
 * Cuts an entry file into segments: title, summary and each alias from the frontmatter, then each heading,
 * paragraph, list item, table cell and text-bearing HTML line of the body. Code blocks, callout markers,
 * table delimiter rows and rules are structure and never segments. The same text always gives the same
 * keys, which is how an import finds where each translation goes.
 */
export function segmentFile(text: string): SegmentedFile {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  if (!text.startsWith('---', bom) || !/^---\r?\n/.test(text.slice(bom))) throw new SegmentError('the file does not start with frontmatter (`---`)');
  const fmStart = text.indexOf('\n', bom) + 1;
  const close = /^---[ \t]*\r?$/m;
  const rest = text.slice(fmStart);
  const m = close.exec(rest);
  if (!m) throw new SegmentError('the frontmatter is not closed (`---`)');
  const fmEnd = fmStart + m.index;
  const lineAt = lineCounter(text);
  const segments: Segment[] = [];
  let sourceHash: SegmentedFile['sourceHash'];

  const doc = parseDocument(text.slice(fmStart, fmEnd), { keepSourceTokens: false });
  if (doc.errors.length) throw new SegmentError(`invalid YAML in frontmatter: ${doc.errors[0]!.message.split('\n')[0]}`);
  const root = doc.contents;
  const scalarSegment = (node: unknown, key: string, kind: SegmentKind, flow: boolean) => {
    if (!isScalar(node) || typeof (node as Scalar).value !== 'string' || !node.range) return;
    const start = fmStart + node.range[0];
    // A block scalar's range ends after its last line break, which belongs to the document, not the value.
    const end = start + text.slice(start, fmStart + node.range[1]).trimEnd().length;
    segments.push({ key, kind, line: lineAt(start), start, end, text: (node as Scalar<string>).value, yaml: { flow } });
  };
  if (isMap(root)) {
    for (const pair of root.items) {
      const name = isScalar(pair.key) ? pair.key.value : undefined;
      if (name === 'title' || name === 'summary') scalarSegment(pair.value, name, name, false);
      else if (name === 'aliases' && isSeq(pair.value)) {
        const flow = (pair.value as Node & { flow?: boolean }).flow === true;
        pair.value.items.forEach((item, i) => scalarSegment(item, `alias${i + 1}`, 'alias', flow));
      } else if (name === 'source' && isMap(pair.value)) {
        const hash = pair.value.items.find((p) => isScalar(p.key) && p.key.value === 'hash')?.value;
        if (isScalar(hash) && hash.range) sourceHash = { start: fmStart + hash.range[0], end: fmStart + hash.range[1] };
      }
    }
  }

  const bodyStart = fmStart + m.index + m[0].length + 1;
  let n = 0;
  for (const block of bodyBlocks(text, Math.min(bodyStart, text.length))) {
    const raw = text.slice(block.start, block.end);
    if (!visibleText(tokenizeInline(raw)).trim()) continue;
    segments.push({
      key: `b${++n}`,
      kind: block.kind,
      line: lineAt(block.start),
      start: block.start,
      end: block.end,
      text: raw,
      quoted: block.quoted || undefined,
    });
  }
  return { text, segments, frontmatter: { start: fmStart, end: fmEnd }, bodyStart: Math.min(bodyStart, text.length), sourceHash };
}

/**
 * Writes translations into a segmented file: each `replacements` key's segment gets the new text, and
 * `newHash` (when given) becomes the `source.hash` value. A YAML value equal to the current one keeps its
 * bytes; a changed one is written plain when that is safe and double-quoted otherwise.
 */
export function applySegments(file: SegmentedFile, replacements: ReadonlyMap<string, string>, newHash?: string): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const seg of file.segments) {
    const value = replacements.get(seg.key);
    if (value === undefined || value === seg.text) continue;
    edits.push({ start: seg.start, end: seg.end, text: seg.yaml ? yamlScalar(value, seg.yaml.flow) : value });
  }
  if (newHash !== undefined && file.sourceHash) {
    const written = file.text.slice(file.sourceHash.start, file.sourceHash.end);
    const quote = /^["']/.test(written) ? written[0]! : /^[\d.eE+-]+$/.test(newHash) ? '"' : '';
    if (written !== `${quote}${newHash}${quote}`) edits.push({ ...file.sourceHash, text: `${quote}${newHash}${quote}` });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = file.text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A YAML scalar for `value`: plain when it reads back as the same string, else double-quoted (JSON syntax). */
export function yamlScalar(value: string, flow: boolean): string {
  const risky = /^[\s\-?:,[\]{}#&*!|>'"%@`]|\s$|: |:$| #|[\n\t\\]|^(?:true|false|yes|no|on|off|null|~|[-+]?[\d.][\d._eE+-]*)$/i;
  if (!value || risky.test(value) || (flow && /[,[\]{}]/.test(value))) return JSON.stringify(value);
  return value;
}

interface Block {
  kind: SegmentKind;
  start: number;
  end: number;
  quoted: boolean;
}

function bodyBlocks(text: string, from: number): Block[] {
  const blocks: Block[] = [];
  let open: Block | undefined;
  let fence: { char: string; len: number } | undefined;
  const closeOpen = () => {
    if (open) blocks.push(open);
    open = undefined;
  };
  let pos = from;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    const lineStart = pos;
    const lineEnd = lineStart + line.length;
    pos = nl + 1;

    const prefix = /^[ \t]*(?:>[ \t]?)*/.exec(line)![0];
    const quoted = prefix.includes('>');
    const rest = line.slice(prefix.length);
    const restStart = lineStart + prefix.length;

    if (fence) {
      const closing = new RegExp(`^[ \\t]*\\${fence.char}{${fence.len},}[ \\t]*$`);
      if (closing.test(rest)) fence = undefined;
      continue;
    }
    const fenceOpen = /^(`{3,}|~{3,})/.exec(rest);
    if (fenceOpen) {
      closeOpen();
      fence = { char: fenceOpen[1]![0]!, len: fenceOpen[1]!.length };
      continue;
    }
    if (!rest.trim()) {
      closeOpen();
      continue;
    }
    if (/^\[![A-Za-z]+\][ \t]*$/.test(rest)) {
      closeOpen();
      continue;
    }
    const heading = /^(#{1,6})[ \t]+/.exec(rest);
    if (heading) {
      closeOpen();
      blocks.push({ kind: 'heading', start: restStart + heading[0].length, end: trimEnd(text, lineEnd, restStart), quoted });
      continue;
    }
    // A line of = or - under a paragraph makes it a heading (setext); the underline is structure.
    if (open && /^(=+|-+)[ \t]*$/.test(rest)) {
      open.kind = 'heading';
      closeOpen();
      continue;
    }
    if (/^([-*_])([ \t]*\1){2,}[ \t]*$/.test(rest) && !open) continue;
    if (rest.startsWith('|')) {
      closeOpen();
      if (/^\|?[\s:|-]+$/.test(rest) && rest.includes('-')) continue;
      for (const cell of tableCells(rest)) {
        const s = restStart + cell.start;
        const e = restStart + cell.end;
        const lead = text.slice(s, e).length - text.slice(s, e).trimStart().length;
        const trail = text.slice(s, e).length - text.slice(s, e).trimEnd().length;
        if (e - trail > s + lead) blocks.push({ kind: 'table-cell', start: s + lead, end: e - trail, quoted });
      }
      continue;
    }
    const item = /^([-*+]|\d{1,9}[.)])([ \t]+)(\[[ xX]\][ \t]+)?/.exec(rest);
    if (item || (rest.length === 1 && /^[-*+]$/.test(rest))) {
      closeOpen();
      if (item && rest.length > item[0].length) open = { kind: 'list-item', start: restStart + item[0].length, end: trimEnd(text, lineEnd, restStart), quoted };
      continue;
    }
    if (open) {
      open.end = trimEnd(text, lineEnd, restStart);
      continue;
    }
    open = { kind: startsHtmlBlock(rest) ? 'html' : 'paragraph', start: restStart, end: trimEnd(text, lineEnd, restStart), quoted };
  }
  closeOpen();
  return blocks;
}

/** Block-level tag names that start an HTML block (CommonMark's HTML block condition 6). */
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK = [
  /^<(?:script|pre|style|textarea)(?:[\s>]|$)/i,
  /^<!--|^<\?|^<![A-Za-z]|^<!\[CDATA\[/,
  new RegExp(`^</?(?:${BLOCK_TAGS})(?:[\\s>]|/>|$)`, 'i'),
  // Any other tag alone on its line (condition 7).
  /^(?:<[A-Za-z][\w-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][\w-]*\s*>)[ \t]*$/,
];

/**
 * Whether a line opens an HTML block as CommonMark reads it. A paragraph that merely starts with an inline
 * tag (`<abbr>SAML</abbr> 2.0 に対応…`) is a paragraph: calling it HTML made a translation whose first
 * sentence starts with a word instead of the tag look like a different structure, so blocks were paired wrongly.
 */
function startsHtmlBlock(line: string): boolean {
  return HTML_BLOCK.some((re) => re.test(line));
}

function trimEnd(text: string, end: number, min: number): number {
  let e = end;
  while (e > min && /[ \t]/.test(text[e - 1]!)) e--;
  return e;
}

/** Cell ranges (relative to the row) of a table row that starts with `|`, honouring escapes and code spans. */
function tableCells(row: string): { start: number; end: number }[] {
  const cells: { start: number; end: number }[] = [];
  let start = 1;
  for (let i = 1; i < row.length; i++) {
    const c = row[i];
    if (c === '\\') i++;
    else if (c === '`') {
      const run = /^`+/.exec(row.slice(i))![0];
      const close = row.indexOf(run, i + run.length);
      if (close > 0) i = close + run.length - 1;
    } else if (c === '|') {
      cells.push({ start, end: i });
      start = i + 1;
    }
  }
  if (row.slice(start).trim()) cells.push({ start, end: row.length });
  return cells;
}

function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

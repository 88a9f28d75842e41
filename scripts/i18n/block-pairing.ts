import { codesOf, tokenizeInline, visibleText, type Part } from './inline-codes.ts';
import type { Segment } from './markdown-segments.ts';

/** Per source segment: the index of the translation segment that renders it and whether that translation is current. */
export type SegmentMapping = ({ index: number; current: boolean } | undefined)[];

/**
 * Whether two segment lists have the same structure: the same keys, each of the same kind, in or out of a
 * callout alike. Only then can a translation be edited in place, segment by segment.
 */
export function sameShape(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && a.every((s, i) => s.key === b[i]!.key && s.kind === b[i]!.kind && !!s.quoted === !!b[i]!.quoted);
}

/** Each segment paired with the one at the same position. */
export function identityMapping(segments: readonly Segment[], current: boolean): SegmentMapping {
  return segments.map((_, i) => ({ index: i, current }));
}

/**
 * Pairs a source's segments with a translation's when nothing tells which source version the translation was
 * made from (no git history), so texts cannot be compared. A pair is made only on evidence, never on order
 * alone:
 *
 * - title and summary pair with themselves; aliases by position only when both have as many;
 * - body blocks that carry the same language-neutral content (heading ids, link and image targets, code
 *   spans, HTML tags, or text without a letter such as `1,000`), found once in each file, and are of the same
 *   kind, in or out of a callout alike, pair in order (longest common subsequence): these are the anchors. Content
 *   found twice is no evidence: the first of two paragraphs with the same code span is not the first's partner
 *   once the other is removed;
 * - between two anchors (and before the first, after the last), one source block and one translation block of
 *   the same kind in the same callout pair: that block was rewritten, as `i18n:diff` reports it. A longer stretch
 *   stays unpaired even when both sides have as many blocks: a block removed and another added in it, or one
 *   moved within it, would shift every pair, and without the text the translation was made from nothing tells.
 *
 * Every pair is `current: false`: the translation is at best a draft to review.
 */
export function structuralMapping(source: readonly Segment[], translation: readonly Segment[]): SegmentMapping {
  const mapping: SegmentMapping = source.map(() => undefined);
  const aliases = (list: readonly Segment[]) => list.filter((s) => s.kind === 'alias').length;
  const sameAliasCount = aliases(source) === aliases(translation);
  const tIndex = new Map(translation.map((s, i) => [s.key, i]));
  source.forEach((s, i) => {
    if (!s.yaml || (s.kind === 'alias' && !sameAliasCount)) return;
    const j = tIndex.get(s.key);
    if (j !== undefined && translation[j]!.kind === s.kind) mapping[i] = { index: j, current: false };
  });

  const sBody = bodyIndexes(source);
  const tBody = bodyIndexes(translation);
  const sPrint = sBody.map((i) => fingerprint(source[i]!));
  const tPrint = tBody.map((j) => fingerprint(translation[j]!));
  const count = (prints: string[]) => prints.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>());
  const sCount = count(sPrint);
  const tCount = count(tPrint);
  const anchor = (a: number, b: number) =>
    sPrint[a] !== '' &&
    sPrint[a] === tPrint[b] &&
    sCount.get(sPrint[a]!) === 1 &&
    tCount.get(tPrint[b]!) === 1 &&
    compatible(source[sBody[a]!]!, translation[tBody[b]!]!);
  const n = sBody.length;
  const m = tBody.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let a = n - 1; a >= 0; a--)
    for (let b = m - 1; b >= 0; b--) lcs[a]![b] = anchor(a, b) ? lcs[a + 1]![b + 1]! + 1 : Math.max(lcs[a + 1]![b]!, lcs[a]![b + 1]!);
  const anchors: [number, number][] = [];
  for (let a = 0, b = 0; a < n && b < m; ) {
    if (anchor(a, b) && lcs[a]![b] === lcs[a + 1]![b + 1]! + 1) anchors.push([a++, b++]);
    else if (lcs[a + 1]![b]! >= lcs[a]![b + 1]!) a++;
    else b++;
  }
  let prevA = -1;
  let prevB = -1;
  for (const [a, b] of [...anchors, [n, m] as [number, number]]) {
    const x = prevA + 1;
    const y = prevB + 1;
    if (a - x === 1 && b - y === 1 && compatible(source[sBody[x]!]!, translation[tBody[y]!]!)) mapping[sBody[x]!] = { index: tBody[y]!, current: false };
    if (a < n) mapping[sBody[a]!] = { index: tBody[b]!, current: false };
    prevA = a;
    prevB = b;
  }
  return mapping;
}

function bodyIndexes(segments: readonly Segment[]): number[] {
  const out: number[] = [];
  segments.forEach((s, i) => {
    if (!s.yaml) out.push(i);
  });
  return out;
}

/** Same kind of block, in or out of a callout alike. */
function compatible(a: Segment, b: Segment): boolean {
  return a.kind === b.kind && !!a.quoted === !!b.quoted;
}

/** Roles whose bytes a translation keeps as they are (a link's target, a heading id, a code span…). */
const NEUTRAL_ROLES = new Set(['anchor', 'code', 'html', 'variable', 'link', 'image', 'autolink']);

/**
 * What a block says in no particular language: its heading ids, link and image targets, code spans and HTML
 * tags in order, or its whole text when it has no letter (`1,000`, `20`). Empty when it has none of these.
 */
export function fingerprint(seg: Segment): string {
  const parts: Part[] = tokenizeInline(seg.text, seg.yaml ? 'plain' : 'markdown');
  const neutral = codesOf(parts)
    .filter((c) => NEUTRAL_ROLES.has(c.role))
    .map((c) => (c.kind === 'ph' ? c.data.trim() : c.end));
  const shown = visibleText(parts).trim();
  if (shown && !/\p{L}/u.test(shown)) neutral.push(shown);
  return neutral.join('\u0000');
}

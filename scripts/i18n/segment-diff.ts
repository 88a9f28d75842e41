import type { Segment } from './markdown-segments.ts';

/** One difference between two versions of a source: a segment added, removed or rewritten. */
export interface SegmentChange {
  kind: 'added' | 'removed' | 'changed' | 'same';
  before?: Segment | undefined;
  after?: Segment | undefined;
}

/**
 * The changes between two segment lists (longest common subsequence on kind and text), with a removal
 * and an addition of the same kind in one run of differences reported as one rewritten segment. With
 * `withSame`, unchanged segments are listed too (`same`), in order.
 */
export function diffSegments(before: readonly Segment[], after: readonly Segment[], withSame = false): SegmentChange[] {
  const same = (a: Segment, b: Segment) => a.kind === b.kind && a.text === b.text;
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = same(before[i]!, after[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const raw: (SegmentChange | null)[] = [];
  const same_: { at: number; change: SegmentChange }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(before[i]!, after[j]!)) {
      raw.push(null);
      if (withSame) same_.push({ at: raw.length - 1, change: { kind: 'same', before: before[i], after: after[j] } });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) raw.push({ kind: 'added', after: after[j++] });
    else raw.push({ kind: 'removed', before: before[i++] });
  }
  // In each run of differences, a removal and an addition of the same kind are one rewritten segment.
  const out: SegmentChange[] = [];
  for (let k = 0; k < raw.length; ) {
    const run: SegmentChange[] = [];
    while (k < raw.length && raw[k] !== null) run.push(raw[k++]!);
    const equal = same_.find((e) => e.at === k);
    k++;
    const partner = new Map<SegmentChange, SegmentChange>();
    const taken = new Set<SegmentChange>();
    for (const r of run.filter((c) => c.kind === 'removed')) {
      const a = run.find((c) => c.kind === 'added' && !taken.has(c) && c.after!.kind === r.before!.kind);
      if (a) {
        taken.add(a);
        partner.set(a, r);
        taken.add(r);
      }
    }
    for (const c of run) {
      if (c.kind === 'added' && partner.has(c)) out.push({ kind: 'changed', before: partner.get(c)!.before, after: c.after });
      else if (!(c.kind === 'removed' && taken.has(c))) out.push(c);
    }
    if (equal) out.push(equal.change);
  }
  return out;
}

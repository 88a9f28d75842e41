/**
 * Typo and prefix matching against a sorted vocabulary.
 */

// Rows reused across calls: typo correction compares one word with thousands.
let rows: Int32Array[] = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Bit set of the letters a–z (and one bit for anything else) in `word`. */
export function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    mask |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Edit distance between `a` and `b` counting insertions, deletions, substitutions and swaps of adjacent
 * letters as one edit each (optimal string alignment), or `max + 1` as soon as it must exceed `max`.
 *
 * `editDistance('gthub', 'github', 2)` → 1, `editDistance('teh', 'the', 1)` → 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rows[0]!.length < n + 1) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

/**
 * The words of `vocabulary` closest to `word` within `max` edits, all at the same (smallest) distance.
 * Returns the distance too, or an empty list when nothing is close enough.
 */
export function closestWords(word: string, vocabulary: readonly string[], max: number, masks?: Int32Array): { words: string[]; distance: number } {
  let best = max + 1;
  let words: string[] = [];
  const mask = letterMask(word);
  for (let k = 0; k < vocabulary.length; k++) {
    const candidate = vocabulary[k]!;
    const limit = Math.min(max, best);
    if (Math.abs(candidate.length - word.length) > limit) continue;
    // One edit changes which letters occur by at most two: a cheap test that rejects most words.
    if (masks && popcount(masks[k]! ^ mask) > 2 * limit) continue;
    const d = editDistance(word, candidate, limit);
    if (d === 0 || d > limit) continue;
    if (d < best) {
      best = d;
      words = [candidate];
    } else if (d === best) {
      words.push(candidate);
    }
  }
  return { words, distance: best };
}

/** Index of the first element of sorted `terms` that is ≥ `key`. */
export function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The terms of sorted `terms` that start with `prefix` (the prefix itself excluded). */
export function termsWithPrefix(terms: readonly string[], prefix: string): string[] {
  const out: string[] = [];
  for (let i = lowerBound(terms, prefix); i < terms.length && terms[i]!.startsWith(prefix); i++) {
    if (terms[i] !== prefix) out.push(terms[i]!);
  }
  return out;
}

import type { Token } from './analyze.ts';

/** A piece of a snippet: plain text, highlighted when it matched the query. Render each as a text node. */
export interface SnippetPart {
  text: string;
  highlight: boolean;
}

/**
 * Cuts the passage of `text` (about `length` characters) that holds the most distinct matched terms, weighted
 * by `weights`, and splits it into parts with the matched tokens (`hits`, from analyzing `text`) highlighted.
 * Never returns markup: the parts are plain strings for text nodes, whatever the query or the text contains.
 */
export function makeSnippet(text: string, allHits: readonly Token[], weights: ReadonlyMap<string, number>, length = 160): SnippetPart[] {
  const hits = meaningfulHits(text, allHits);
  let from = 0;
  if (hits.length) {
    // Slide a window over the hits, keeping per-term counts: its score is the weight of distinct terms inside.
    let best = -1;
    let lo = 0;
    let score = 0;
    const inside = new Map<string, number>();
    for (let hi = 0; hi < hits.length; hi++) {
      const term = hits[hi]!.term;
      const count = inside.get(term) ?? 0;
      if (count === 0) score += weights.get(term)!;
      inside.set(term, count + 1);
      while (hits[hi]!.end - hits[lo]!.start > length) {
        const out = hits[lo++]!.term;
        const left = inside.get(out)! - 1;
        inside.set(out, left);
        if (left === 0) score -= weights.get(out)!;
      }
      if (score > best + 1e-9) {
        best = score;
        from = hits[lo]!.start;
      }
    }
    // Start at the beginning of the sentence when it is near, else a few words before the first hit.
    const back = Math.max(0, from - 60);
    const lead = text.slice(back, from);
    const sentence = Math.max(
      lead.lastIndexOf('\n'),
      lead.lastIndexOf('. ') + 1,
      lead.lastIndexOf('? ') + 1,
      lead.lastIndexOf('! ') + 1,
      lead.lastIndexOf('。'),
    );
    if (sentence >= 0 && (sentence > 0 || /^[\n。]/.test(lead))) from = back + sentence + 1;
    else if (back === 0) from = 0;
    else {
      const space = lead.indexOf(' ', lead.length - 25);
      if (space >= 0) from = back + space + 1;
    }
    while (from < text.length && /\s/.test(text[from]!)) from++;
  }
  let to = Math.min(text.length, from + length);
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > from + length * 0.6) to = space;
  }
  const parts: SnippetPart[] = [];
  const push = (piece: string, highlight: boolean): void => {
    if (!piece) return;
    const last = parts[parts.length - 1];
    if (last && last.highlight === highlight) last.text += piece;
    else parts.push({ text: piece, highlight });
  };
  if (from > 0) push('… ', false);
  let at = from;
  for (const hit of hits) {
    if (hit.end <= at || hit.start >= to) continue;
    const start = Math.max(hit.start, at);
    push(text.slice(at, start).replace(/\s+/g, ' '), false);
    push(text.slice(start, Math.min(hit.end, to)), true);
    at = Math.min(hit.end, to);
  }
  push(text.slice(at, to).replace(/\s+/g, ' '), false);
  if (to < text.length) push(' …', false);
  return parts;
}

const PARTICLES = new Set('のはがをにでともへやか');

function isKatakana(code: number): boolean {
  return (code >= 0x30a1 && code <= 0x30fa) || code === 0x30fc || (code >= 0xff66 && code <= 0xff9f);
}

function isHiragana(code: number): boolean {
  return code >= 0x3041 && code <= 0x309f;
}

function isHan(code: number): boolean {
  return (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3005;
}

/**
 * A bigram matched on its own (no matched neighbour overlapping it) that says nothing to a reader: a piece of a
 * longer katakana word (ード of バックアップコード for パスワード), two hiragana (れた, する), or a particle beside
 * a word (雨の, の期). A kanji pair (設定) or a kanji with its okurigana (忘れ) is a word and stays.
 */
function isStrayBigram(text: string, hit: Token): boolean {
  const first = text.charCodeAt(hit.start);
  const last = text.charCodeAt(hit.end - 1);
  if (isHan(first) && isHan(last)) return false;
  if (isHiragana(first) && isHiragana(last)) return true;
  if (PARTICLES.has(text[hit.start]!) || PARTICLES.has(text[hit.end - 1]!)) return true;
  if (isKatakana(first) && isKatakana(last)) {
    return (hit.start > 0 && isKatakana(text.charCodeAt(hit.start - 1))) || (hit.end < text.length && isKatakana(text.charCodeAt(hit.end)));
  }
  return false;
}

/**
 * The hits worth showing. Japanese matches as overlapping bigrams, so a run of overlapping matched bigrams is
 * a matched stretch of the query (パスワードを忘れ) and is kept whole, while a bigram matched alone is kept only
 * when it reads as a word by itself (see {@link isStrayBigram}). Words of spaced scripts are all kept.
 */
export function meaningfulHits(text: string, hits: readonly Token[]): Token[] {
  const kept: Token[] = [];
  let i = 0;
  while (i < hits.length) {
    const hit = hits[i]!;
    if (hit.kind !== 'b' && hit.kind !== 'u') {
      kept.push(hit);
      i++;
      continue;
    }
    let j = i + 1;
    let end = hit.end;
    let bigrams = hit.kind === 'b' ? 1 : 0;
    while (j < hits.length && (hits[j]!.kind === 'b' || hits[j]!.kind === 'u') && hits[j]!.start < end) {
      end = Math.max(end, hits[j]!.end);
      if (hits[j]!.kind === 'b') bigrams++;
      j++;
    }
    for (let k = i; k < j; k++) {
      const h = hits[k]!;
      if (bigrams === 1 && h.kind === 'b' && isStrayBigram(text, h)) continue;
      kept.push(h);
    }
    i = j;
  }
  return kept;
}

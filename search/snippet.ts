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
export function makeSnippet(text: string, hits: readonly Token[], weights: ReadonlyMap<string, number>, length = 160): SnippetPart[] {
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

import type { Analyzer } from './analyze.ts';

/** A piece of a snippet: plain text, highlighted when it matched the query. Render each as a text node. */
export interface SnippetPart {
  text: string;
  highlight: boolean;
}

/**
 * Cuts the passage of `text` (about `length` characters) that holds the most distinct matched terms, weighted
 * by `weights`, and splits it into parts with the matched tokens highlighted. Never returns markup: the parts
 * are plain strings for text nodes, whatever the query or the text contains.
 */
export function makeSnippet(
  text: string,
  analyzer: Analyzer,
  weights: ReadonlyMap<string, number>,
  length = 160,
): SnippetPart[] {
  const hits = analyzer.analyze(text, new Set(weights.keys()));
  let from = 0;
  if (hits.length) {
    // Slide a window over the hits; score = sum of weights of distinct terms inside it.
    let best = -1;
    let lo = 0;
    for (let hi = 0; hi < hits.length; hi++) {
      while (hits[hi]!.end - hits[lo]!.start > length) lo++;
      const distinct = new Set<string>();
      let score = 0;
      for (let k = lo; k <= hi; k++) {
        const term = hits[k]!.term;
        if (!distinct.has(term)) {
          distinct.add(term);
          score += weights.get(term)!;
        }
      }
      if (score > best) {
        best = score;
        from = hits[lo]!.start;
      }
    }
    // Start a little before the first hit, at a word or sentence boundary when one is near.
    const back = Math.max(0, from - 30);
    const lead = text.slice(back, from);
    const cut = Math.max(lead.lastIndexOf('\n'), lead.lastIndexOf('. '), lead.lastIndexOf('。'), lead.lastIndexOf(' '));
    from = cut >= 0 ? back + cut + 1 : back;
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

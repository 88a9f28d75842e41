/**
 * Halves of a relevance set (format of shared/data/relevance/README.md) for choosing settings on one half and
 * confirming them on the other, as `eval:search -- --split` and `--holdout` use them.
 */

export type Split = 'tune' | 'check';

function fnv(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Deterministic half split by query id (the older --holdout): typo twins land on either side. */
export function half(id: string): 'even' | 'odd' {
  return fnv(id) % 2 === 0 ? 'even' : 'odd';
}

/**
 * The document group a query belongs to, from its id: StackFAQ `sfaq-12-3-typo` → thread `sfaq-12`; JSQuAD
 * `a10336p7q0` → article `a10336` (all paragraphs of one article, since their questions share the article's
 * words and the withheld paragraph's questions are about its neighbours). Any other id scheme: the first relevant
 * document, else the id without a `-typo` suffix.
 */
export function documentGroup(query: { id: string; relevant: readonly string[] }): string {
  const id = query.id.replace(/-typo$/, '');
  const jsquad = /^(a\d+)p\d+q\d+$/.exec(id);
  if (jsquad) return jsquad[1]!;
  const thread = /^(.+?)-\d+$/.exec(id);
  if (thread) return thread[1]!;
  return query.relevant[0] ?? id;
}

/** Tuning or checking half, by a hash of the query's document group. */
export function splitOf(query: { id: string; relevant: readonly string[] }): Split {
  return fnv(documentGroup(query)) % 2 === 0 ? 'tune' : 'check';
}

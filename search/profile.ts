/**
 * Ranking and decision settings per language. One configuration per language, never per corpus: values
 * were chosen on held-out halves of the development sets and are re-checked on unseen sets.
 */

/** The fields of a search document that the ranking weighs separately (BM25F). */
export const FIELDS = ['title', 'aliases', 'tags', 'headings', 'summary', 'text'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface FieldSetting {
  /** How much one occurrence in this field counts relative to one in the body text. */
  weight: number;
  /** BM25 length normalization for this field (0: none, 1: full). */
  b: number;
}

export interface Profile {
  /** BM25 term-frequency saturation. */
  k1: number;
  fields: Record<FieldName, FieldSetting>;
  /** Weight of a query term that only matched after typo correction, per edit (distance 1, 2). */
  typoWeight: [number, number];
  /** Shortest word corrected at distance 1, and at distance 2. */
  typoMinLength: [number, number];
  /** Weight of words that complete the last, still-typed query word. */
  prefixWeight: number;
  prefixMinLength: number;
  prefixMaxExpansions: number;
  /** Length of the character n-grams indexed beside words (0: none), the fields that get them, and the weight
   *  of a query word's n-grams taken together. */
  grams: number;
  gramFields: FieldName[];
  gramWeight: number;
  /** Weight of a query bigram that straddles a Japanese word boundary (a particle, or hiragana beside another
   *  script: 雨の, の期, のは), relative to one inside a word. */
  boundaryWeight: number;
  /** Query terms found in more than this share of the sections are skipped when the query has others (0: never). */
  commonShare: number;
  /** Bonus, relative to the matched weight, for query terms found next to each other in order. */
  proximity: number;
  /** Score multipliers for entries that fit the host's context. */
  context: { product: number; resource: number; page: number };
  /** Score multiplier for sections shown from a fallback locale. */
  fallback: number;
  /**
   * Logistic "does anything answer" model over the gate features [coverage, relative score, missing,
   * margin]; answered when the probability is at least `threshold`.
   */
  gate: { weights: [number, number, number, number]; bias: number; threshold: number };
}

const BASE: Profile = {
  k1: 1.2,
  fields: {
    title: { weight: 3, b: 0.5 },
    aliases: { weight: 3, b: 0.5 },
    tags: { weight: 2, b: 0.3 },
    headings: { weight: 2, b: 0.5 },
    summary: { weight: 1.5, b: 0.5 },
    text: { weight: 1, b: 0.75 },
  },
  typoWeight: [0.6, 0.4],
  typoMinLength: [4, 8],
  prefixWeight: 0.5,
  prefixMinLength: 2,
  prefixMaxExpansions: 16,
  commonShare: 0,
  boundaryWeight: 0.5,
  grams: 0,
  gramFields: [],
  gramWeight: 0,
  proximity: 0.05,
  context: { product: 1.25, resource: 1.15, page: 1.1 },
  fallback: 0.9,
  // Logistic regression on the English development set's answerable/unanswerable queries, weights held to
  // their meaningful signs. Paraphrased questions share few words with their answers, so coverage says
  // little there and the lead over the next result carries the decision.
  gate: { weights: [0, 0, -0.37, 5.151], bias: -1.064, threshold: 0.25 },
};

const PROFILES: Record<string, Profile> = {
  // English questions paraphrase their answer: the question (title) carries most of the evidence, and long
  // answers repeat their key words, so term frequency saturates slowly (high k1).
  en: {
    ...BASE,
    k1: 6,
    grams: 3,
    gramFields: ['title', 'aliases', 'tags'],
    gramWeight: 0.5,
    fields: {
      title: { weight: 10, b: 0.5 },
      aliases: { weight: 10, b: 0.5 },
      tags: { weight: 4, b: 0.3 },
      headings: { weight: 4, b: 0.5 },
      summary: { weight: 2, b: 0.5 },
      text: { weight: 1, b: 0.8 },
    },
  },
  // Japanese bigrams and ideograph unigrams repeat a lot within one passage; a low k1 rewards covering many
  // distinct ones instead.
  ja: {
    ...BASE,
    k1: 0.5,
    // Bigrams and ideographs of everyday words fill a large share of the sections; skipping those above a
    // quarter changes no ranking measurably and spares the largest postings.
    commonShare: 0.25,
    fields: {
      title: { weight: 6, b: 0.5 },
      aliases: { weight: 6, b: 0.5 },
      tags: { weight: 3, b: 0.3 },
      headings: { weight: 3, b: 0.5 },
      summary: { weight: 1.5, b: 0.5 },
      text: { weight: 1, b: 0.75 },
    },
    // Fitted on the Japanese development set; threshold for ≥ 80 % of unanswerable questions sent to the
    // inquiry with ≤ 10 % of answerable ones.
    gate: { weights: [6.275, 2.468, -0.604, 3.996], bias: -6.034, threshold: 0.35 },
  },
};

/** The profile of `locale`'s language, or the default for languages without one of their own. */
export function profileFor(locale: string): Profile {
  return PROFILES[locale.split('-')[0]!.toLowerCase()] ?? BASE;
}

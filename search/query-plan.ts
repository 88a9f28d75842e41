/**
 * Query planning: what each word of a query stands for in the index (itself, a typo correction, the
 * completions of a word still being typed, its character n-grams), and fetching the shards that hold them.
 */
import { createAnalyzer, type Analyzer, type Token } from './analyze.ts';
import { closestWords, letterMask, termsWithPrefix } from './fuzzy.ts';
import { shardIndexOf, type SearchIndex } from './search-index.ts';

/** What planning needs of the search options. */
export interface PlanOptions {
  prefix?: boolean;
  typo?: boolean;
}

/** An index term standing for a query term, and how much it counts. */
export interface Variant {
  term: string;
  weight: number;
}

/** One distinct term of the query with the index terms that may stand for it. */
export interface QueryTerm {
  token: Token;
  variants: Variant[];
  /** Weight of this query term for coverage: the idf of what was typed (0 for a skipped common term). */
  idf: number;
  /** How much the term counts relative to others (a bigram across a word boundary counts less); already
   *  applied to the variants' weights. */
  weight: number;
}

const analyzers = new WeakMap<SearchIndex, Analyzer>();
const wordMasks = new WeakMap<readonly string[], Int32Array>();

function masksOf(words: readonly string[]): Int32Array {
  let masks = wordMasks.get(words);
  if (!masks) wordMasks.set(words, (masks = Int32Array.from(words, letterMask)));
  return masks;
}

/** The analyzer of the index's locale, created once per index. */
export function analyzerOf(index: SearchIndex): Analyzer {
  let analyzer = analyzers.get(index);
  if (!analyzer) analyzers.set(index, (analyzer = createAnalyzer(index.locale)));
  return analyzer;
}

/** BM25 inverse document frequency. */
export function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

async function ensureShards(index: SearchIndex, terms: Iterable<string>, prefixes: Iterable<string>): Promise<void> {
  if (!index.loader) return;
  const wanted = new Set<number>();
  for (const term of terms) wanted.add(shardIndexOf(index.shards, term));
  for (const prefix of prefixes) {
    const last = shardIndexOf(index.shards, `${prefix}\uffff`);
    for (let s = shardIndexOf(index.shards, prefix); s <= last; s++) wanted.add(s);
  }
  const loads: Promise<void>[] = [];
  for (const s of wanted) {
    const shard = index.shards[s]!;
    if (!shard.terms) loads.push(index.loader.shard(shard));
  }
  await Promise.all(loads);
}

function prefixTerms(index: SearchIndex, prefix: string): string[] {
  const out: string[] = [];
  const last = shardIndexOf(index.shards, `${prefix}\uffff`);
  for (let s = shardIndexOf(index.shards, prefix); s <= last; s++) {
    const terms = index.shards[s]!.terms;
    if (terms) out.push(...termsWithPrefix(terms, prefix));
  }
  return out;
}

function gramCount(tokens: readonly Token[], surface: string): number {
  let count = 0;
  for (const t of tokens) if (t.kind === 'g' && t.surface === surface) count++;
  return count;
}

/** Query text ends inside a word: the last word may still be being typed. */
function endsOpen(query: string): boolean {
  return /[\p{L}\p{N}\p{M}]$/u.test(query);
}

/**
 * Plans the query: for each distinct query term, the index terms that may stand for it (itself, typo
 * corrections when it is unknown, completions of the last word) and their weights. Loads the shards needed.
 */
export async function planQuery(index: SearchIndex, query: string, options: PlanOptions): Promise<QueryTerm[]> {
  const profile = index.profile;
  const tokens = analyzerOf(index).analyze(query, undefined, profile.grams);
  const n = index.sectionCount;
  const open = (options.prefix ?? true) && endsOpen(query);
  const unique: Token[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    if (!seen.has(token.term)) {
      seen.add(token.term);
      unique.push(token);
    }
  }
  const lastToken = tokens[tokens.length - 1];
  const prefixes: string[] = [];
  let completing: Token | undefined;
  if (open && lastToken) {
    if (lastToken.kind === 'w' && lastToken.surface.length >= profile.prefixMinLength) {
      completing = lastToken;
      prefixes.push(lastToken.surface);
      if (lastToken.term !== lastToken.surface) prefixes.push(lastToken.term);
    } else if (tokens.length === 1 && lastToken.kind === 'u') {
      // CJK: bigrams and ideograph unigrams already match a word being typed; only a lone character needs
      // the bigrams that start with it.
      completing = lastToken;
      prefixes.push(lastToken.term.slice(-1));
    }
  }
  // Terms in a large share of the sections (設定 in a settings KB) say little and cost the most to
  // fetch: skip them unless the query has nothing else.
  const common = index.common;
  const skipped: Token[] = [];
  if (common?.size && unique.some((t) => !common.has(t.term))) {
    for (let k = unique.length - 1; k >= 0; k--) {
      if (common.has(unique[k]!.term) && unique[k] !== completing) skipped.push(...unique.splice(k, 1));
    }
  }
  await ensureShards(
    index,
    unique.map((t) => t.term),
    prefixes,
  );

  const planned: QueryTerm[] = [];
  const unknown: QueryTerm[] = [];
  for (const token of unique) {
    const variants: Variant[] = [];
    const postings = index.postings.get(token.term);
    const weight = token.boundary ? profile.boundaryWeight : 1;
    if (postings) variants.push({ term: token.term, weight });
    const term: QueryTerm = { token, variants, idf: idf(n, postings ? postings.docs.length : 0), weight };
    if (token.kind === 'g') {
      // N-grams support the word they come from: together they weigh gramWeight, and coverage ignores them.
      if (postings) {
        variants[0]!.weight = profile.gramWeight / gramCount(tokens, token.surface);
        term.idf = 0;
        planned.push(term);
      }
      continue;
    }
    if (token === completing || (completing && token.term === completing.term)) {
      // Completions: the most frequent ones, each weighing less than an exact match so that a complete
      // word is never outranked by its longer relatives.
      const single = token.kind === 'u';
      const candidates = prefixes.flatMap((p) => prefixTerms(index, p)).filter((t) => t !== token.term);
      const ranked = [...new Set(candidates)]
        .map((t) => ({ t, df: index.postings.get(t)?.docs.length ?? 0 }))
        .sort((a, b) => b.df - a.df)
        .slice(0, profile.prefixMaxExpansions);
      for (const { t } of ranked) variants.push({ term: t, weight: weight * (single ? 1 : profile.prefixWeight) });
      if (!postings && ranked.length) {
        // A word being typed is not misspelled: measure coverage by what it completes to.
        term.idf = idf(n, index.postings.get(ranked[0]!.t)!.docs.length);
      }
    }
    if (!postings && token.kind === 'w' && (options.typo ?? true) && variants.length === 0) unknown.push(term);
    planned.push(term);
  }

  const corrections: Variant[][] = [];
  if (unknown.length) {
    if (!index.words && index.loader) await index.loader.words();
    const words = index.words ?? [];
    for (const term of unknown) {
      const length = term.token.surface.length;
      const [min1, min2] = profile.typoMinLength;
      const max = length >= min2 ? 2 : length >= min1 ? 1 : 0;
      if (!max) continue;
      const found = closestWords(term.token.term, words, max, masksOf(words));
      const weight = profile.typoWeight[found.distance - 1] ?? 0;
      const variants = found.words.map((w) => ({ term: w, weight }));
      corrections.push(variants);
      term.variants.push(...variants);
    }
    await ensureShards(
      index,
      corrections.flat().map((v) => v.term),
      [],
    );
  }
  // Skipped terms stay in the plan without variants: they score nothing but are still highlighted.
  for (const token of skipped) planned.push({ token, variants: [], idf: 0, weight: 0 });
  return planned;
}

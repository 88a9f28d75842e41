import { createAnalyzer, type Analyzer, type Token } from './analyze.ts';
import { closestWords, letterMask, termsWithPrefix } from './fuzzy.ts';
import type { MatchSignals } from './gate.ts';
import type { Postings, SearchIndex, ShardState } from './search-index.ts';
import { makeSnippet, type SnippetPart } from './snippet.ts';

/** Where the widget is shown; matching entries rank higher. */
export interface SearchContext {
  /** Product id from the site config. */
  product?: string;
  /** Resource id of that product. */
  resource?: string;
  /** The host page (path or id); matches entries that list it among their resources or tags. */
  page?: string;
}

/** Options of {@link search}. */
export interface SearchOptions {
  /** Most entries returned (default 10). */
  limit?: number;
  context?: SearchContext;
  /** Complete the last word while the customer types (default true). Only applies when the query does not
   *  end with a space or punctuation. */
  prefix?: boolean;
  /** Correct query words unknown to the index (default true). */
  typo?: boolean;
  /** Compute snippets for the first this many results (default: all returned). */
  snippets?: number;
}

/** One entry that matches, with the section that matches best. */
export interface SearchResult {
  entry: string;
  type: 'faq' | 'article';
  /** Id of the best section (`<entry>` or `<entry>#<anchor>`). */
  section: string;
  anchor: string | null;
  title: string;
  /** Headings leading to the best section (empty for the lead section). */
  headings: string[];
  url: string;
  score: number;
  /** The passage that matched, as plain-text parts; render each part as a text node. */
  snippet: SnippetPart[];
  /** Set when the entry is shown from this fallback locale rather than in the index's locale. */
  fallbackFrom?: string;
  /** Locale of the index that produced the result. */
  locale: string;
  match: MatchSignals;
}

interface Variant {
  term: string;
  weight: number;
}

interface QueryTerm {
  token: Token;
  variants: Variant[];
  /** Weight of this query term for coverage: the idf of what was typed. */
  idf: number;
}

const analyzers = new WeakMap<SearchIndex, Analyzer>();
const wordMasks = new WeakMap<readonly string[], Int32Array>();

function masksOf(index: SearchIndex, words: readonly string[]): Int32Array {
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

function idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function shardIndexOf(shards: readonly ShardState[], term: string): number {
  let lo = 0;
  let hi = shards.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (shards[mid]!.first <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

async function ensureShards(index: SearchIndex, terms: Iterable<string>, prefixes: Iterable<string>): Promise<void> {
  if (!index.loader) return;
  const wanted = new Set<number>();
  for (const term of terms) wanted.add(shardIndexOf(index.shards, term));
  for (const prefix of prefixes) {
    const last = shardIndexOf(index.shards, prefix + '\uffff');
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
  const last = shardIndexOf(index.shards, prefix + '\uffff');
  for (let s = shardIndexOf(index.shards, prefix); s <= last; s++) {
    const terms = index.shards[s]!.terms;
    if (terms) out.push(...termsWithPrefix(terms, prefix));
  }
  return out;
}

function knownTerm(index: SearchIndex, term: string): boolean {
  return index.postings.has(term);
}

/** Query text ends inside a word: the last word may still be being typed. */
function endsOpen(query: string): boolean {
  return /[\p{L}\p{N}\p{M}]$/u.test(query);
}

/**
 * Plans the query: for each distinct query term, the index terms that may stand for it (itself, typo
 * corrections when it is unknown, completions of the last word) and their weights. Loads the shards needed.
 */
async function plan(index: SearchIndex, query: string, options: SearchOptions): Promise<QueryTerm[]> {
  const profile = index.profile;
  const tokens = analyzerOf(index).analyze(query);
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
    } else if (lastToken.kind !== 'w' && lastToken.end === query.length) {
      completing = lastToken;
      prefixes.push(lastToken.term.slice(-1));
    }
  }
  await ensureShards(index, unique.map((t) => t.term), prefixes);

  const planned: QueryTerm[] = [];
  const unknown: QueryTerm[] = [];
  for (const token of unique) {
    const variants: Variant[] = [];
    const postings = index.postings.get(token.term);
    if (postings) variants.push({ term: token.term, weight: 1 });
    const term: QueryTerm = { token, variants, idf: idf(n, postings ? postings.docs.length : 0) };
    if (token === completing || (completing && token.term === completing.term)) {
      // Completions: the most frequent ones, each weighing less than an exact match so that a complete
      // word is never outranked by its longer relatives.
      const single = token.kind === 'u';
      const candidates = prefixes.flatMap((p) => prefixTerms(index, p)).filter((t) => t !== token.term);
      const ranked = [...new Set(candidates)]
        .map((t) => ({ t, df: index.postings.get(t)?.docs.length ?? 0 }))
        .sort((a, b) => b.df - a.df)
        .slice(0, profile.prefixMaxExpansions);
      for (const { t } of ranked) variants.push({ term: t, weight: single ? 1 : profile.prefixWeight });
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
      const found = closestWords(term.token.term, words, max, masksOf(index, words));
      const weight = profile.typoWeight[found.distance - 1] ?? 0;
      const variants = found.words.map((w) => ({ term: w, weight }));
      corrections.push(variants);
      term.variants.push(...variants);
    }
    await ensureShards(index, corrections.flat().map((v) => v.term), []);
  }
  return planned.filter((t) => t.variants.length > 0 || t.idf > 0);
}

/**
 * Searches the index for `query` and returns the best entries, each with its best-matching section and a
 * snippet. Loads the index shards and section texts it needs (nothing for an in-memory index).
 *
 * @example
 * const results = await search(index, 'reset my passwrd', { limit: 5, context: { product: 'cloud' } });
 * results[0]?.title   // 'Reset your password'
 * results[0]?.snippet // [{ text: 'To ', highlight: false }, { text: 'reset', highlight: true }, …]
 */
export async function search(index: SearchIndex, query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
  if (typeof query !== 'string') throw new TypeError('search: the query must be a string');
  const limit = options.limit ?? 10;
  const terms = await plan(index, query, options);
  const ranked = rankSections(index, terms, options);
  const results = pickEntries(index, ranked, limit);
  const snippetCount = Math.min(results.length, options.snippets ?? results.length);
  if (index.loader && results.length) {
    const chunks = new Set<number>();
    for (const r of results) chunks.add(Math.floor(r.section / index.chunkSize));
    const loader = index.loader;
    await Promise.all([...chunks].filter((c) => !index.sections[c * index.chunkSize]).map((c) => loader.sections(c)));
  }
  const analyzer = analyzerOf(index);
  const weights = new Map<string, number>();
  for (const term of terms) for (const v of term.variants) weights.set(v.term, Math.max(weights.get(v.term) ?? 0, term.idf * v.weight));
  return results.map((r, k) => {
    const section = index.sections[r.section];
    if (!section) throw new Error(`search: section ${r.section} of the index could not be loaded`);
    const result: SearchResult = {
      entry: section.entry,
      type: section.type,
      section: section.id,
      anchor: section.anchor,
      title: section.title,
      headings: section.headings,
      url: section.url,
      score: r.score,
      snippet: k < snippetCount ? makeSnippet(section.text, analyzer, weights) : [],
      locale: index.locale,
      match: { coverage: r.coverage, relevance: r.relevance, missing: missingWeight(index, terms, r.section) },
    };
    if (section.fallbackFrom !== undefined) result.fallbackFrom = section.fallbackFrom;
    return result;
  });
}

/**
 * The idf of the rarest query term the section does not match, relative to the idf of a term found
 * nowhere: a question naming something the section never mentions is rarely answered by it.
 */
function missingWeight(index: SearchIndex, terms: readonly QueryTerm[], section: number): number {
  const top = idf(index.sectionCount, 0);
  let missing = 0;
  for (const term of terms) {
    if (term.idf <= missing * top) continue;
    const found = term.variants.some((v) => hasDoc(index.postings.get(v.term), section));
    if (!found) missing = term.idf / top;
  }
  return missing;
}

function hasDoc(postings: Postings | undefined, doc: number): boolean {
  if (!postings) return false;
  const { docs } = postings;
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! === doc) return true;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

interface RankedSection {
  section: number;
  score: number;
  coverage: number;
  relevance: number;
}

/** BM25F over the planned terms (impacts precomputed at build time), then proximity and context boosts. */
function rankSections(index: SearchIndex, terms: readonly QueryTerm[], options: SearchOptions): RankedSection[] {
  const profile = index.profile;
  const n = index.sectionCount;
  const k1p = (profile.k1 + 1) / 255;
  const scores = new Float64Array(n);
  const covered = new Float64Array(n);
  const termBest = new Float64Array(n);
  const touched: number[] = [];
  let totalIdf = 0;
  let maxScore = 0;
  for (const term of terms) {
    totalIdf += term.idf;
    maxScore += term.idf * (profile.k1 + 1);
    const termTouched: number[] = [];
    for (const variant of term.variants) {
      const postings = index.postings.get(variant.term);
      if (!postings) continue;
      const w = idf(n, postings.docs.length) * variant.weight * k1p;
      const { docs, impacts } = postings;
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        const s = w * impacts[k]!;
        if (termBest[d] === 0) termTouched.push(d);
        if (s > termBest[d]!) termBest[d] = s;
      }
    }
    // A query term counts once per section: its best variant (dis-max), so expansions cannot pile up.
    const bestWeight = Math.max(0, ...term.variants.map((v) => v.weight));
    for (const d of termTouched) {
      if (scores[d] === 0 && covered[d] === 0) touched.push(d);
      scores[d]! += termBest[d]!;
      covered[d]! += term.idf * bestWeight;
      termBest[d] = 0;
    }
  }
  const ranked: RankedSection[] = [];
  for (const d of touched) {
    ranked.push({ section: d, score: scores[d]!, coverage: totalIdf ? covered[d]! / totalIdf : 0, relevance: 0 });
  }
  ranked.sort((a, b) => b.score - a.score);
  if (profile.proximity > 0) applyProximity(index, terms, ranked.slice(0, 50));
  applyContext(index, ranked, options.context);
  for (const r of ranked) r.relevance = maxScore ? Math.min(1, r.score / maxScore) : 0;
  ranked.sort((a, b) => b.score - a.score || a.section - b.section);
  return ranked;
}

function positionsOf(postings: Postings | undefined, doc: number): Uint32Array | undefined {
  if (!postings?.positions) return undefined;
  const { docs } = postings;
  let lo = 0;
  let hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! === doc) return postings.positions[mid];
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Adds a bonus for consecutive query terms found close together and in order. */
function applyProximity(index: SearchIndex, terms: readonly QueryTerm[], top: RankedSection[]): void {
  const ordered = [...terms].sort((a, b) => a.token.position - b.token.position);
  const k1 = index.profile.k1 + 1;
  for (const r of top) {
    let bonus = 0;
    for (let t = 0; t + 1 < ordered.length; t++) {
      const a = ordered[t]!;
      const b = ordered[t + 1]!;
      const pa = positionsOf(index.postings.get(a.variants[0]?.term ?? ''), r.section);
      const pb = positionsOf(index.postings.get(b.variants[0]?.term ?? ''), r.section);
      if (!pa || !pb) continue;
      const gap = b.token.position - a.token.position;
      let best = Infinity;
      for (const x of pa) {
        const k = lowerBoundNumber(pb, x);
        for (const y of [pb[k - 1], pb[k]]) {
          if (y === undefined) continue;
          const d = Math.abs(y - x - gap);
          if (d < best) best = d;
        }
      }
      if (best < 8) bonus += (Math.min(a.idf, b.idf) * k1) / (1 + best);
    }
    r.score += index.profile.proximity * bonus;
  }
}

function lowerBoundNumber(values: Uint32Array, key: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function applyContext(index: SearchIndex, ranked: RankedSection[], context: SearchContext | undefined): void {
  const { profile } = index;
  for (const r of ranked) {
    const entry = index.entries[index.sectionEntry[r.section]!]!;
    let factor = entry.fallbackFrom !== undefined ? profile.fallback : 1;
    if (context?.product && entry.product === context.product) factor *= profile.context.product;
    if (context?.resource && entry.resources.includes(context.resource)) factor *= profile.context.resource;
    if (context?.page && (entry.resources.includes(context.page) || entry.tags.includes(context.page))) {
      factor *= profile.context.page;
    }
    r.score *= factor;
  }
}

/** Best section per entry, best entries first. */
function pickEntries(index: SearchIndex, ranked: readonly RankedSection[], limit: number): RankedSection[] {
  const out: RankedSection[] = [];
  const seen = new Set<number>();
  for (const r of ranked) {
    const entry = index.sectionEntry[r.section]!;
    if (seen.has(entry)) continue;
    seen.add(entry);
    out.push(r);
    if (out.length >= limit) break;
  }
  return out;
}


import type { Token } from './analyze.ts';
import type { MatchSignals } from './gate.ts';
import { analyzerOf, idf, planQuery, type QueryTerm } from './query-plan.ts';
import type { Postings, SearchIndex } from './search-index.ts';
import { makeSnippet, type SnippetPart } from './snippet.ts';
import type { EntryType } from '../content/schema/entry.ts';

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
  type: EntryType;
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
  const terms = await planQuery(index, query, options);
  const ranked = rankSections(index, terms, options, limit);
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
  for (const term of terms) {
    for (const v of term.variants) weights.set(v.term, Math.max(weights.get(v.term) ?? 0, term.idf * v.weight));
    // A skipped common term weighs almost nothing in choosing the passage but is highlighted like the rest.
    if (!term.variants.length && !weights.has(term.token.term)) weights.set(term.token.term, 1e-3);
  }
  const only = new Set(weights.keys());
  const hits = new Map<number, { title: Token[]; text: Token[] }>();
  for (const r of results) {
    const section = index.sections[r.section];
    if (!section) throw new Error(`search: section ${r.section} of the index could not be loaded`);
    hits.set(r.section, { title: analyzer.analyze(section.title, only), text: analyzer.analyze(section.text, only) });
  }
  if (index.profile.proximity > 0) {
    for (const r of results) {
      const h = hits.get(r.section)!;
      r.score += index.profile.proximity * (index.profile.k1 + 1) * Math.max(proximity(terms, h.title), proximity(terms, h.text));
    }
    results.sort((a, b) => b.score - a.score || a.section - b.section);
  }
  return results.map((r, k) => {
    const section = index.sections[r.section]!;
    const result: SearchResult = {
      entry: section.entry,
      type: section.type,
      section: section.id,
      anchor: section.anchor,
      title: section.title,
      headings: section.headings,
      url: section.url,
      score: r.score,
      snippet: k < snippetCount ? makeSnippet(section.text, hits.get(r.section)!.text, weights) : [],
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
    const weight = term.idf * term.weight;
    if (weight <= missing * top) continue;
    const found = term.variants.some((v) => hasDoc(index.postings.get(v.term), section));
    if (!found) missing = weight / top;
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

interface Scratch {
  scores: Float64Array;
  covered: Float64Array;
  best: Float64Array;
  /** Per entry: n-gram score. */
  entryScores: Float64Array;
  /** Per entry: its first section (and one past the last entry). */
  firstSection: Uint32Array;
  /** Sections a query touched, sections one query term touched, entries its n-grams touched. */
  touched: Int32Array;
  termTouched: Int32Array;
  touchedEntries: Int32Array;
}

const scratches = new WeakMap<SearchIndex, Scratch>();

/** Per-index score buffers, reused by every query (and left zeroed) so that a query allocates little. */
function scratchOf(index: SearchIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch) {
    const n = index.sectionCount;
    const firstSection = new Uint32Array(index.entries.length + 1);
    for (let d = n - 1; d >= 0; d--) firstSection[index.sectionEntry[d]!] = d;
    firstSection[index.entries.length] = n;
    scratch = {
      scores: new Float64Array(n),
      covered: new Float64Array(n),
      best: new Float64Array(n),
      entryScores: new Float64Array(index.entries.length),
      firstSection,
      touched: new Int32Array(n),
      termTouched: new Int32Array(n),
      touchedEntries: new Int32Array(index.entries.length),
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** Sections kept for grouping into entries: a few per entry asked for. */
const CANDIDATES_PER_RESULT = 4;

/**
 * BM25F over the planned terms (impacts precomputed at build time) with the context boosts, then the best
 * sections in order: enough of them to fill `limit` entries.
 */
function rankSections(index: SearchIndex, terms: readonly QueryTerm[], options: SearchOptions, limit: number): RankedSection[] {
  const profile = index.profile;
  const n = index.sectionCount;
  const k1p = (profile.k1 + 1) / 255;
  const { scores, covered, best, entryScores, firstSection, touched, termTouched, touchedEntries } = scratchOf(index);
  let touchedCount = 0;
  let entryCount = 0;
  let totalIdf = 0;
  let maxScore = 0;
  for (const term of terms) {
    if (term.token.kind === 'g') {
      // N-gram postings list entries: their score goes to every section of the entry (below).
      const postings = index.postings.get(term.variants[0]!.term);
      if (!postings) continue;
      const w = idf(index.entries.length, postings.docs.length) * term.variants[0]!.weight * k1p;
      const { docs, impacts } = postings;
      for (let k = 0; k < docs.length; k++) {
        const e = docs[k]!;
        if (entryScores[e] === 0) touchedEntries[entryCount++] = e;
        entryScores[e]! += w * impacts[k]!;
      }
      continue;
    }
    totalIdf += term.idf * term.weight;
    maxScore += term.idf * term.weight * (profile.k1 + 1);
    let bestWeight = 0;
    for (const v of term.variants) bestWeight = Math.max(bestWeight, v.weight);
    const coverage = term.idf * bestWeight;
    if (term.variants.length === 1) {
      const postings = index.postings.get(term.variants[0]!.term);
      if (!postings) continue;
      const w = idf(n, postings.docs.length) * term.variants[0]!.weight * k1p;
      const { docs, impacts } = postings;
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        if (scores[d] === 0 && covered[d] === 0) touched[touchedCount++] = d;
        scores[d]! += w * impacts[k]!;
        covered[d]! += coverage;
      }
      continue;
    }
    // A query term counts once per section: its best variant (dis-max), so expansions cannot pile up.
    let termCount = 0;
    for (const variant of term.variants) {
      const postings = index.postings.get(variant.term);
      if (!postings) continue;
      const w = idf(n, postings.docs.length) * variant.weight * k1p;
      const { docs, impacts } = postings;
      for (let k = 0; k < docs.length; k++) {
        const d = docs[k]!;
        const s = w * impacts[k]!;
        if (best[d] === 0) termTouched[termCount++] = d;
        if (s > best[d]!) best[d] = s;
      }
    }
    for (let t = 0; t < termCount; t++) {
      const d = termTouched[t]!;
      if (scores[d] === 0 && covered[d] === 0) touched[touchedCount++] = d;
      scores[d]! += best[d]!;
      covered[d]! += coverage;
      best[d] = 0;
    }
  }
  for (let t = 0; t < entryCount; t++) {
    const e = touchedEntries[t]!;
    const g = entryScores[e]!;
    entryScores[e] = 0;
    let any = false;
    for (let d = firstSection[e]!; d < firstSection[e + 1]!; d++) {
      if (scores[d] === 0 && covered[d] === 0) continue;
      scores[d]! += g;
      any = true;
    }
    // An entry found only through n-grams is represented by its first (lead) section.
    if (!any) {
      const lead = firstSection[e]!;
      touched[touchedCount++] = lead;
      scores[lead] = g;
    }
  }
  const context = options.context;
  const factors = context || index.entries.some((e) => e.fallbackFrom !== undefined);
  const sections = touched.subarray(0, touchedCount);
  if (factors) for (const d of sections) scores[d]! *= contextFactor(index, d, context);

  let keep = Math.max(1, limit) * CANDIDATES_PER_RESULT;
  let ranked: RankedSection[];
  for (;;) {
    const top = topSections(scores, sections, keep);
    ranked = top.map((d) => ({
      section: d,
      score: scores[d]!,
      coverage: totalIdf ? covered[d]! / totalIdf : 0,
      relevance: maxScore ? Math.min(1, scores[d]! / maxScore) : 0,
    }));
    if (top.length === touchedCount || distinctEntries(index, top) >= limit) break;
    keep *= 4;
  }
  for (const d of sections) {
    scores[d] = 0;
    covered[d] = 0;
  }
  return ranked;
}

/** The `keep` best of `touched` by score, best first (ties: lower section first), with a bounded heap. */
function topSections(scores: Float64Array, touched: Int32Array, keep: number): number[] {
  const better = (a: number, b: number): boolean => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
  const heap: number[] = []; // min-heap: heap[0] is the worst kept
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (const d of touched) {
    if (heap.length < keep) {
      heap.push(d);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (better(d, heap[0]!)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

function distinctEntries(index: SearchIndex, sections: readonly number[]): number {
  return new Set(sections.map((d) => index.sectionEntry[d]!)).size;
}

/**
 * Phrase and proximity evidence in one field: for each pair of consecutive query terms, how close their
 * occurrences come to the distance they have in the query (1 for a phrase, falling with each step off),
 * weighted by the rarer term's idf.
 */
function proximity(terms: readonly QueryTerm[], hits: readonly Token[]): number {
  if (hits.length < 2) return 0;
  const ordered = terms.filter((t) => t.token.kind !== 'g' && t.variants.length > 0).sort((a, b) => a.token.position - b.token.position);
  const positions = new Map<string, number[]>();
  for (const hit of hits) {
    const list = positions.get(hit.term);
    if (list) list.push(hit.position);
    else positions.set(hit.term, [hit.position]);
  }
  const of = (term: QueryTerm): number[] => term.variants.flatMap((v) => positions.get(v.term) ?? []);
  let bonus = 0;
  for (let t = 0; t + 1 < ordered.length; t++) {
    const a = ordered[t]!;
    const b = ordered[t + 1]!;
    const pa = of(a);
    const pb = of(b);
    if (!pa.length || !pb.length) continue;
    const gap = b.token.position - a.token.position;
    let off = Infinity;
    for (const x of pa) for (const y of pb) off = Math.min(off, Math.abs(y - x - gap));
    if (off < PROXIMITY_WINDOW) bonus += Math.min(a.idf, b.idf) / (1 + off);
  }
  return bonus;
}

/** Occurrences further off than this from their distance in the query are not near each other. */
const PROXIMITY_WINDOW = 4;

/** Score multiplier of a section for the host's context and for coming from a fallback locale. */
function contextFactor(index: SearchIndex, section: number, context: SearchContext | undefined): number {
  const { profile } = index;
  const entry = index.entries[index.sectionEntry[section]!]!;
  let factor = entry.fallbackFrom !== undefined ? profile.fallback : 1;
  if (context?.product && entry.product === context.product) factor *= profile.context.product;
  if (context?.resource && entry.resources.includes(context.resource)) factor *= profile.context.resource;
  if (context?.page && (entry.resources.includes(context.page) || entry.tags.includes(context.page))) {
    factor *= profile.context.page;
  }
  return factor;
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

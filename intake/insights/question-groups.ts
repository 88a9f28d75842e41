import { createAnalyzer, type Analyzer } from '../../search/index.ts';

/**
 * Groups the questions customers asked that found no answer, so that one missing FAQ shows up as one line
 * with its count, not as twenty spellings of it. Two questions fall together when, after the search
 * engine's own analysis (width, case, kana and long-vowel folding, stemming, CJK bigrams, stop words):
 * - their terms are the same set (word order: "reset router" / "router reset"),
 * - their word terms differ by a typo (one edit: "conect" / "connect"), or
 * - their term sets overlap by at least SIMILAR (Japanese written without spaces in another order shares all
 *   bigrams but the ones at the junction).
 */

/** Jaccard overlap of two questions' terms from which they count as the same question. */
const SIMILAR = 0.7;
/** Word terms shorter than this are not typo-corrected: too many short words are one edit apart. */
const TYPO_MIN = 4;
/** Variants listed per group. */
const VARIANTS_SHOWN = 10;

export interface AskedQuestion {
  query: string;
  locale: string;
  product?: string | undefined;
  /** How many times it was asked (1 for one event). */
  count?: number;
}

export interface QuestionGroup {
  /** The most asked spelling, as typed. */
  example: string;
  count: number;
  /** Spellings as typed, most asked first. */
  variants: { query: string; count: number }[];
  locales: { locale: string; count: number }[];
  products: { product: string; count: number }[];
}

export function groupQuestions(asked: Iterable<AskedQuestion>): QuestionGroup[] {
  const analyzers = new Map<string, Analyzer>();
  const analyzerFor = (locale: string) => {
    let analyzer = analyzers.get(locale);
    if (!analyzer) analyzers.set(locale, (analyzer = createAnalyzer(locale)));
    return analyzer;
  };

  // 1. Each distinct spelling once, with its terms.
  interface Spelling {
    query: string;
    terms: string[];
    count: number;
    locales: Map<string, number>;
    products: Map<string, number>;
  }
  const spellings = new Map<string, Spelling>();
  const stems = new Map<string, string>();
  for (const q of asked) {
    const key = `${q.locale}\u0000${q.query}`;
    let s = spellings.get(key);
    if (!s)
      spellings.set(key, (s = { query: q.query, terms: termsOf(analyzerFor(q.locale), q.query, stems), count: 0, locales: new Map(), products: new Map() }));
    const n = q.count ?? 1;
    s.count += n;
    bump(s.locales, q.locale, n);
    if (q.product) bump(s.products, q.product, n);
  }

  // 2. Word terms one typo apart become the most asked of them.
  const termCounts = new Map<string, number>();
  for (const s of spellings.values()) for (const t of s.terms) bump(termCounts, t, s.count);
  const canonical = typoCanonical(termCounts, stems);

  // 3. Spellings with the same canonical terms are one signature; similar signatures are joined.
  const signatures = new Map<string, { terms: string[]; spellings: Spelling[] }>();
  for (const s of spellings.values()) {
    const terms = [...new Set(s.terms.map((t) => canonical.get(t) ?? t))].sort();
    const key = terms.length ? terms.join(' ') : `\u0000${s.query.trim().toLowerCase()}`;
    let sig = signatures.get(key);
    if (!sig) signatures.set(key, (sig = { terms, spellings: [] }));
    sig.spellings.push(s);
  }
  const list = [...signatures.values()];
  const sets = new UnionFind(list.length);
  const byTerm = new Map<string, number[]>();
  list.forEach((sig, i) => {
    for (const t of sig.terms) {
      const others = byTerm.get(t);
      if (others) others.push(i);
      else byTerm.set(t, [i]);
    }
  });
  list.forEach((sig, i) => {
    const a = new Set(sig.terms);
    const seen = new Set<number>();
    for (const t of sig.terms)
      for (const j of byTerm.get(t) ?? []) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        const b = list[j]!.terms;
        const shared = b.filter((x) => a.has(x)).length;
        if (shared / (a.size + b.length - shared) >= SIMILAR) sets.union(i, j);
      }
  });

  // 4. One group per set.
  const groups = new Map<number, Spelling[]>();
  list.forEach((sig, i) => {
    const root = sets.find(i);
    const members = groups.get(root);
    if (members) members.push(...sig.spellings);
    else groups.set(root, [...sig.spellings]);
  });
  return [...groups.values()]
    .map((members) => {
      members.sort((x, y) => y.count - x.count || x.query.localeCompare(y.query));
      const locales = new Map<string, number>();
      const products = new Map<string, number>();
      for (const m of members) {
        for (const [k, n] of m.locales) bump(locales, k, n);
        for (const [k, n] of m.products) bump(products, k, n);
      }
      const merged = new Map<string, number>();
      for (const m of members) bump(merged, m.query, m.count);
      return {
        example: members[0]!.query,
        count: members.reduce((n, m) => n + m.count, 0),
        variants: ranked(merged, VARIANTS_SHOWN).map(([query, count]) => ({ query, count })),
        locales: ranked(locales).map(([locale, count]) => ({ locale, count })),
        products: ranked(products).map(([product, count]) => ({ product, count })),
      };
    })
    .sort((a, b) => b.count - a.count || a.example.localeCompare(b.example));
}

/** The terms search would look up for `query`: stemmed words and CJK bigrams, stop words left out. */
function termsOf(analyzer: Analyzer, query: string, stems: Map<string, string>): string[] {
  const tokens = analyzer.analyze(query);
  const hasPairs = tokens.some((t) => t.kind === 'b');
  // A lone ideograph is a term of its own only when the query has no bigram to say more.
  return tokens
    .filter((t) => t.kind === 'b' || t.kind === 'w' || (t.kind === 'u' && !hasPairs))
    .map((t) => {
      if (t.kind !== 'w') return t.term;
      // Words keep their surface (a typo is one edit from the surface, not always from the stem) and remember
      // their stem, so that "exporting" and "exports" still meet.
      stems.set(`w:${t.surface}`, t.term);
      return `w:${t.surface}`;
    });
}

/**
 * Maps each word to the most frequent of the words it is joined with: the same stem, or at most one edit
 * away (insertion, deletion, substitution or swap of neighbours; words of TYPO_MIN letters or more), found
 * through shared one-deletion variants (as SymSpell does), not by comparing every pair.
 */
function typoCanonical(counts: ReadonlyMap<string, number>, stems: ReadonlyMap<string, string>): Map<string, string> {
  const words = [...counts.keys()].filter((t) => t.startsWith('w:'));
  const byDelete = new Map<string, string[]>();
  for (const w of words)
    for (const d of w.length - 2 >= TYPO_MIN ? deletes(w) : [w]) {
      const list = byDelete.get(d);
      if (list) list.push(w);
      else byDelete.set(d, [w]);
    }
  const sets = new UnionFind(words.length);
  const index = new Map(words.map((w, i) => [w, i]));
  const byStem = new Map<string, number>();
  words.forEach((w, i) => {
    const stem = stems.get(w) ?? w;
    const first = byStem.get(stem);
    if (first === undefined) byStem.set(stem, i);
    else sets.union(first, i);
  });
  for (const list of byDelete.values())
    for (let k = 1; k < list.length; k++) if (withinOneEdit(list[0]!, list[k]!)) sets.union(index.get(list[0]!)!, index.get(list[k]!)!);
  const best = new Map<number, string>();
  words.forEach((w, i) => {
    const root = sets.find(i);
    const current = best.get(root);
    if (!current || counts.get(w)! > counts.get(current)! || (counts.get(w) === counts.get(current) && w < current)) best.set(root, w);
  });
  return new Map(words.map((w, i) => [w, best.get(sets.find(i))!]));
}

function deletes(word: string): string[] {
  const out = [word];
  for (let i = 2; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Levenshtein distance ≤ 1, or one swap of neighbouring letters. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function bump<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function ranked<K extends string>(map: ReadonlyMap<K, number>, limit = Number.POSITIVE_INFINITY): [K, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}

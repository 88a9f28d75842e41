/**
 * The search libraries a team would pick instead of Kotae, configured as their documentation recommends, behind
 * one interface so that `eval:search -- --peers` and `bench:search` measure them beside Kotae in one process.
 *
 * - MiniSearch: fields title and body, `searchOptions: { boost: { title: 2 }, fuzzy: 0.2 }` (its README's
 *   example; its `prefix: true` on every query word drops stackfaq-dev MRR@10 from 0.76 to 0.53, so it is left
 *   off, as for a search-as-you-type box it would be on the last word only); for Japanese a character-bigram tokenizer at index and query time (MiniSearch splits on
 *   spaces and punctuation only, so a Japanese sentence would otherwise be one term).
 * - lunr: title `{ boost: 10 }` and body (the lunr-languages README's example); Japanese through lunr-languages'
 *   `lunr.ja` with its TinySegmenter (`tinyseg`). The query's words are passed through the query builder (the
 *   query-string syntax would throw on `:`, `~`, `^`, `+`, `-` in customers' text).
 * - fuse.js: keys title and body, `includeScore`, otherwise defaults (`ignoreLocation`, its docs' advice for long
 *   text, made queries 9× slower, about 1.6 s each on stackfaq-dev, and MRR no better: 0.53 against 0.55 on a
 *   sample). fuse.js scans every document per query, so it is measured on a sample of the queries (`sample`).
 */
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import Fuse from 'fuse.js';
import lunr from 'lunr';
import MiniSearch from 'minisearch';

export interface PeerDocument {
  id: string;
  title: string;
  body: string;
}

export interface PeerHit {
  id: string;
  score: number;
}

export interface Peer {
  name: string;
  /** Best first, at most `limit`; `score` grows with relevance (fuse.js's distance is turned into 1 − distance). */
  search(query: string, limit: number): PeerHit[];
  /** The serialized index, gzipped: what a browser would download before its first query. */
  indexBytesGz(): number;
  /** At most this many queries are measured (an even sample), for engines too slow to run a whole set. */
  sample?: number;
}

export const PEER_NAMES = ['minisearch', 'lunr', 'fuse'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** Character bigrams of CJK runs, whole lower-cased words elsewhere: the usual tokenizer for MiniSearch in Japanese. */
export function bigramTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const run of text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)) {
    if (!run) continue;
    let word = '';
    let cjk = '';
    const flushCjk = (): void => {
      if (cjk.length === 1) tokens.push(cjk);
      for (let i = 0; i + 1 < cjk.length; i++) tokens.push(cjk.slice(i, i + 2));
      cjk = '';
    };
    for (const char of run) {
      if (CJK.test(char)) {
        if (word) tokens.push(word);
        word = '';
        cjk += char;
      } else {
        flushCjk();
        word += char;
      }
    }
    flushCjk();
    if (word) tokens.push(word);
  }
  return tokens;
}

function gz(value: unknown): number {
  return gzipSync(typeof value === 'string' ? value : JSON.stringify(value)).length;
}

/** The documents' stored text, gzipped: what a peer needs beside its index to show a title and a snippet. */
export function storedTextBytesGz(documents: readonly PeerDocument[]): number {
  return gz(documents);
}

function miniSearch(documents: readonly PeerDocument[], locale: string): Peer {
  const japanese = locale === 'ja';
  const options = {
    fields: ['title', 'body'],
    ...(japanese ? { tokenize: bigramTokens } : {}),
    searchOptions: japanese ? { boost: { title: 2 }, tokenize: bigramTokens } : { boost: { title: 2 }, fuzzy: 0.2 },
  };
  const index = new MiniSearch<PeerDocument>(options);
  index.addAll(documents as PeerDocument[]);
  return {
    name: japanese ? 'minisearch-bigram' : 'minisearch',
    search: (query, limit) =>
      index
        .search(query)
        .slice(0, limit)
        .map((r) => ({ id: String(r.id), score: r.score })),
    indexBytesGz: () => gz(index),
  };
}

let lunrJapanese = false;
function lunrEngine(documents: readonly PeerDocument[], locale: string): Peer {
  const japanese = locale === 'ja';
  if (japanese && !lunrJapanese) {
    // lunr-languages registers itself on the lunr object it is given (CommonJS plugins).
    const require = createRequire(import.meta.url);
    (require('lunr-languages/lunr.stemmer.support') as (l: typeof lunr) => void)(lunr);
    (require('lunr-languages/tinyseg') as (l: typeof lunr) => void)(lunr);
    (require('lunr-languages/lunr.ja') as (l: typeof lunr) => void)(lunr);
    lunrJapanese = true;
  }
  const ja = (lunr as unknown as { ja: lunr.Builder.Plugin & { tokenizer: (text: string) => lunr.Token[] } }).ja;
  const index = lunr(function (this: lunr.Builder) {
    if (japanese) this.use(ja);
    this.ref('id');
    this.field('title', { boost: 10 });
    this.field('body');
    for (const doc of documents) this.add(doc);
  });
  const tokenize = japanese ? ja.tokenizer : (text: string) => lunr.tokenizer(text);
  return {
    name: japanese ? 'lunr-ja' : 'lunr',
    search: (query, limit) =>
      index
        .query((q) => {
          for (const token of tokenize(query)) q.term(token, {});
        })
        .slice(0, limit)
        .map((r) => ({ id: r.ref, score: r.score })),
    indexBytesGz: () => gz(index),
  };
}

function fuseEngine(documents: readonly PeerDocument[]): Peer {
  const keys = ['title', 'body'];
  const index = Fuse.createIndex(keys, documents as PeerDocument[]);
  const fuse = new Fuse(documents as PeerDocument[], { keys, includeScore: true }, index);
  return {
    name: 'fuse',
    sample: 150,
    search: (query, limit) => fuse.search(query, { limit }).map((r) => ({ id: r.item.id, score: 1 - (r.score ?? 1) })),
    indexBytesGz: () => gz(index.toJSON()),
  };
}

export function buildPeer(name: PeerName, documents: readonly PeerDocument[], locale: string): Peer {
  if (name === 'minisearch') return miniSearch(documents, locale);
  if (name === 'lunr') return lunrEngine(documents, locale);
  return fuseEngine(documents);
}

/**
 * The trade-off of "nothing answers" made by thresholding one number per query (a peer's top score, or Kotae's
 * gate confidence): the largest share of unanswerable queries turned away while at most `maxLost` of the
 * answerable ones are turned away too. A query with no result is always turned away.
 */
export function gateAt(points: readonly { answerable: boolean; value: number }[], maxLost: number): number | null {
  const answerable = points.filter((p) => p.answerable).map((p) => p.value);
  const unanswerable = points.filter((p) => !p.answerable).map((p) => p.value);
  if (!answerable.length || !unanswerable.length) return null;
  answerable.sort((a, b) => a - b);
  // Turned away: value < t. The highest t allowed keeps the lost answerable queries within budget.
  const budget = Math.floor(maxLost * answerable.length + 1e-9);
  const limit = budget < answerable.length ? answerable[budget]! : Number.POSITIVE_INFINITY;
  return unanswerable.filter((v) => v < limit).length / unanswerable.length;
}

/**
 * `npm run bench:search [-- --sizes 1000,10000] [--locale en] [--seed 1]`
 *
 * Generates corpora of 1,000 and 10,000 entries (`npm run gen:corpus`), builds them (`npm run build`), indexes
 * the search documents of one locale with Kotae (`buildIndexFiles`) and measures, on the same corpus in the
 * same run: query latency of Kotae and of its peers (MiniSearch, bigram-tokenized for Japanese; lunr, with
 * lunr-languages for Japanese; fuse.js — one record per entry, configured as in scripts/search-peers.ts), index
 * bytes gzipped with and without the stored text, and the bytes a fresh Kotae client fetches for its first
 * query. Per size: one JSON line per engine ("engine"), one of ratios Kotae ÷ best peer ("engine":"kotae/best"),
 * then the summary line (fields kept from earlier runs), the largest size last. Corpora are cached under
 * bench/.out/search/.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import type { SearchDocument } from '../content/schema/search-document.ts';
import { answers, buildIndexFiles, loadIndex, search, type SearchIndex } from '../search/index.ts';
import { reportLine } from './record.ts';
import { buildPeer, PEER_NAMES, storedTextBytesGz } from '../scripts/search-peers.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    locale: { type: 'string', default: 'en' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '300' },
    record: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const locale = values.locale!;
const queryCount = Number(values.queries);
const root = join(import.meta.dirname, '.out', 'search');

/** Small deterministic generator (mulberry32), so that every run asks the same queries. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function npm(args: string[]): void {
  execFileSync('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function corpus(entries: number): SearchDocument[] {
  const dir = join(root, String(entries));
  const documents = join(dir, 'dist', 'data', locale, 'search-documents.json');
  if (!existsSync(documents)) {
    npm(['gen:corpus', '--', '--entries', String(entries), '--locales', 'ja,en', '--out', join(dir, 'content'), '--seed', values.seed!, '--force']);
    npm(['build', '--', '--content', join(dir, 'content'), '--out', join(dir, 'dist'), '--quiet']);
  }
  return (JSON.parse(readFileSync(documents, 'utf8')) as { documents: SearchDocument[] }).documents;
}

/** Queries as customers type them: a title, an alias, a few words of a section, some cut short or misspelled. */
function makeQueries(documents: readonly SearchDocument[], count: number, next: () => number): string[] {
  const queries: string[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  while (queries.length < count) {
    const doc = pick(documents);
    const kind = next();
    let q: string;
    if (kind < 0.35) q = doc.title;
    else if (kind < 0.55 && doc.aliases.length) q = pick(doc.aliases);
    else if (locale === 'ja') {
      // Japanese has no spaces: a phrase of 6–15 characters from the text.
      const length = 6 + Math.floor(next() * 10);
      if (doc.text.length < length + 2) continue;
      const start = Math.floor(next() * (doc.text.length - length));
      q = doc.text.slice(start, start + length).trim();
    } else {
      const words = doc.text.split(/\s+/).filter((w) => w.length > 3);
      if (words.length < 4) continue;
      const start = Math.floor(next() * (words.length - 3));
      q = words.slice(start, start + 3).join(' ');
    }
    if (locale !== 'ja' && next() < 0.2) {
      // One typing error in the longest word.
      const words = q.split(' ');
      const longest = words.reduce((a, w, i) => (w.length > words[a]!.length ? i : a), 0);
      const w = words[longest]!;
      const at = 1 + Math.floor(next() * (w.length - 2));
      words[longest] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
      q = words.join(' ');
    } else if (next() < 0.2) {
      q = q.slice(0, Math.max(2, Math.floor(q.length * 0.7))); // still typing
    }
    queries.push(q);
  }
  return queries;
}

/** A full garbage collection, through V8's `gc` made reachable at run time (no node flag needed). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function percentiles(times: number[]): { p50: number; p95: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number): number => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(3));
  return { p50: at(0.5), p95: at(0.95) };
}

async function run(entries: number): Promise<Record<string, unknown>> {
  const documents = corpus(entries);
  const next = random(Number(values.seed) * 7919 + entries);
  const queries = makeQueries(documents, queryCount, next);

  const buildStart = performance.now();
  const files = buildIndexFiles(documents, { locale });
  const buildMs = performance.now() - buildStart;
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const gz = new Map(files.map((f) => [f.path, gzipSync(f.content).length]));
  const indexBytesGz = [...gz.values()].reduce((a, b) => a + b, 0);

  // First query of a fresh client: what it downloads (manifest and entry table included).
  const firstBytes: number[] = [];
  const firstFiles: number[] = [];
  for (const q of queries.slice(0, 20)) {
    const fetched: string[] = [];
    const fresh = await loadIndex(async (path) => {
      fetched.push(path);
      return byPath.get(path)!;
    }, locale);
    await search(fresh, q, { limit: 10 });
    firstBytes.push(fetched.reduce((sum, p) => sum + gz.get(p)!, 0));
    firstFiles.push(fetched.length);
  }
  firstBytes.sort((a, b) => a - b);

  // Latency of a running client: every query once to fetch and warm up, then timed, after collecting the
  // garbage the build and the fresh clients above left (a widget's heap holds none of it).
  const index: SearchIndex = await loadIndex(async (path) => byPath.get(path)!, locale);
  for (const q of queries) answers(await search(index, q, { limit: 10 }), index);
  collectGarbage();
  const kotaeTimes: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    answers(await search(index, q, { limit: 10 }), index);
    kotaeTimes.push(performance.now() - start);
  }

  // The peers, one record per entry with its whole body. fuse.js scans every record per query (seconds at
  // 10,000 entries): it answers a sample.
  const bodies = new Map<string, { id: string; title: string; body: string }>();
  for (const d of documents) {
    const record = bodies.get(d.entry);
    if (record) record.body += `\n${d.text}`;
    else bodies.set(d.entry, { id: d.entry, title: d.title, body: d.text });
  }
  const records = [...bodies.values()];
  const textBytes = storedTextBytesGz(records);
  const peerLines: Record<string, unknown>[] = [];
  let fuseTimes: number[] = [];
  let fuseQueries: string[] = [];
  for (const name of PEER_NAMES) {
    const peerStart = performance.now();
    const peer = buildPeer(name, records, locale);
    const peerBuildMs = performance.now() - peerStart;
    const asked = name === 'fuse' ? queries.slice(0, entries >= 10000 ? 10 : 50) : queries;
    for (const q of name === 'fuse' ? asked.slice(0, 1) : asked) peer.search(q, 10);
    collectGarbage();
    const times: number[] = [];
    for (const q of asked) {
      const start = performance.now();
      peer.search(q, 10);
      times.push(performance.now() - start);
    }
    if (name === 'fuse') {
      fuseTimes = times;
      fuseQueries = asked;
    }
    const noText = peer.indexBytesGz();
    const at = percentiles(times);
    peerLines.push({
      engine: peer.name,
      queries: asked.length,
      p50_ms: at.p50,
      p95_ms: at.p95,
      index_bytes_gz: noText + textBytes,
      index_bytes_gz_no_text: noText,
      build_index_ms: Math.round(peerBuildMs),
    });
  }

  const kotae = percentiles(kotaeTimes);
  const baseline = percentiles(fuseTimes);
  const indexBytesGzNoText = files.filter((f) => !f.path.startsWith('s/')).reduce((sum, f) => sum + gz.get(f.path)!, 0);
  const head = { bench: 'search', entries: bodies.size, locale };
  const kotaeLine = {
    engine: 'kotae',
    queries: queries.length,
    p50_ms: kotae.p50,
    p95_ms: kotae.p95,
    index_bytes_gz: indexBytesGz,
    index_bytes_gz_no_text: indexBytesGzNoText,
    build_index_ms: Math.round(buildMs),
  };
  for (const line of [kotaeLine, ...peerLines]) process.stdout.write(`${JSON.stringify({ ...head, ...line })}\n`);
  // Kotae ÷ best peer: below 1 means Kotae is faster or smaller.
  const ratio: Record<string, number> = {};
  for (const key of ['p50_ms', 'p95_ms', 'index_bytes_gz', 'index_bytes_gz_no_text'] as const) {
    const best = Math.min(...peerLines.map((l) => l[key] as number));
    ratio[key] = Number((kotaeLine[key] / best).toFixed(3));
  }
  process.stdout.write(`${JSON.stringify({ ...head, engine: 'kotae/best', ...ratio })}\n`);
  const peerField = (name: string, key: string): unknown => peerLines.find((l) => String(l.engine).startsWith(name))?.[key];
  return {
    bench: 'search',
    entries: bodies.size,
    locale,
    sections: documents.length,
    queries: queries.length,
    kotae_p50_ms: kotae.p50,
    kotae_p95_ms: kotae.p95,
    fuse_p50_ms: baseline.p50,
    fuse_p95_ms: baseline.p95,
    fuse_queries: fuseQueries.length,
    index_bytes_gz: indexBytesGz,
    index_files: files.length,
    first_query_bytes_gz_p50: firstBytes[Math.floor(firstBytes.length / 2)],
    first_query_bytes_gz_max: firstBytes[firstBytes.length - 1],
    first_query_files_max: Math.max(...firstFiles),
    build_index_ms: Math.round(buildMs),
    index_bytes_gz_no_text: indexBytesGzNoText,
    minisearch_p50_ms: peerField('minisearch', 'p50_ms'),
    minisearch_p95_ms: peerField('minisearch', 'p95_ms'),
    lunr_p50_ms: peerField('lunr', 'p50_ms'),
    lunr_p95_ms: peerField('lunr', 'p95_ms'),
  };
}

for (const entries of sizes.sort((a, b) => a - b)) {
  reportLine('search', await run(entries));
}

/**
 * `npm run eval:search -- FILE.json [--split tune|check|both] [--holdout even|odd] [--peers] [--curve] [--via-files]
 *  [--features OUT.jsonl] [--no-prefix] [--no-typo]`
 *
 * --split keeps the queries of one half of the documents (see `splitOf`): `tune` is the half settings are chosen
 * on, `check` the half they are confirmed on; `both` prints one line per half. A document's questions, their typo
 * twins and the unanswerable questions about its withheld neighbours all fall on the same side, so the checking
 * half has no near-duplicate of a tuning question. --holdout (older) keeps the half of the queries with that id
 * hash parity; it puts typo twins opposite their originals, so it flatters whatever was tuned on the other half.
 * --peers also runs MiniSearch, lunr and fuse.js on the same documents and queries (scripts/search-peers.ts) and
 * prints one line per engine (with "engine") and a line of ratios Kotae ÷ best peer ("engine":"kotae/best").
 * --curve prints the gate's trade-off (one JSON line per threshold) before the summary; --via-files searches
 * the serialized, lazily loaded index instead of the in-memory one; --features writes per-query gate features.
 *
 * Indexes the documents of a relevance set (format of shared/data/relevance/README.md) with Kotae's search
 * pipeline, runs every query and prints one JSON line last:
 * {"set","docs","queries","r1","r5","mrr10","typo_mrr10","gate_unanswerable","gate_false","p50_ms","p95_ms","index_bytes_gz",
 *  "split"?, "gate_curve_at10", "gate_curve_at8", "index_bytes_gz_no_text"}
 * gate_curve_at10 / _at8: unanswerable queries turned away by the best threshold on one number (Kotae: the gate's
 * confidence; peers: their top score) with at most 10 % / 8 % of answerable queries lost.
 * index_bytes_gz_no_text: without the stored section text (Kotae's `s/` chunks; peers: the index alone), so
 * engines compare like for like; index_bytes_gz counts what each needs to show results (peers: + the documents).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { SearchDocument } from '../content/schema/search-document.ts';
import { answers, buildIndex, gateFeatures, loadIndex, search, type SearchIndex } from '../search/index.ts';
import { indexToFiles } from '../search/index-files.ts';
import type { Profile } from '../search/profile.ts';
import { reportLine } from '../bench/record.ts';
import { buildPeer, gateAt, PEER_NAMES, storedTextBytesGz } from './search-peers.ts';
import { half, type Split, splitOf } from './relevance-split.ts';

interface Query {
  id: string;
  q: string;
  relevant: string[];
  typo?: boolean;
}

interface RelevanceSet {
  name: string;
  locale: string;
  docs: { id: string; title: string; body: string }[];
  queries: Query[];
}

function fail(message: string): never {
  process.stderr.write(`eval:search: ${message}\n`);
  process.exit(2);
}

interface Args {
  file: string;
  holdout?: string;
  split?: Split | 'both';
  features?: string;
  prefix: boolean;
  typo: boolean;
  curve: boolean;
  viaFiles: boolean;
  peers: boolean;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let curve = false;
  let viaFiles = false;
  let peers = false;
  let holdout: string | undefined;
  let split: string | undefined;
  let features: string | undefined;
  let prefix = true;
  let typo = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--holdout') holdout = argv[++i];
    else if (arg === '--split') split = argv[++i];
    else if (arg === '--features') features = argv[++i];
    else if (arg === '--no-prefix') prefix = false;
    else if (arg === '--no-typo') typo = false;
    else if (arg === '--curve') curve = true;
    else if (arg === '--via-files') viaFiles = true;
    else if (arg === '--peers') peers = true;
    else if (arg === '--record')
      continue; // read by reportLine
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else file = arg;
  }
  if (!file) fail('usage: npm run eval:search -- FILE.json');
  if (holdout && holdout !== 'even' && holdout !== 'odd') fail('--holdout takes "even" or "odd"');
  if (split && split !== 'tune' && split !== 'check' && split !== 'both') fail('--split takes "tune", "check" or "both"');
  if (split && holdout) fail('--split and --holdout are two ways of halving: give one');
  return {
    file,
    prefix,
    typo,
    curve,
    viaFiles,
    peers,
    ...(holdout ? { holdout } : {}),
    ...(split ? { split: split as Split | 'both' } : {}),
    ...(features ? { features } : {}),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

/** What one engine says about one query. */
interface Outcome {
  ids: string[];
  /** The number the engine's "nothing answers" would threshold: Kotae's gate confidence, a peer's top score. */
  value: number;
  /** Kotae's own decision; peers have none. */
  answered?: boolean;
}

type Engine = (query: string) => Promise<Outcome> | Outcome;

interface Measured {
  metrics: Record<string, number | null>;
  outcomes: Outcome[];
}

/** Runs every query untimed (JIT warm, shards fetched), then timed; relevance figures from the timed pass. */
async function measure(engine: Engine, queries: readonly Query[], warm = queries.length): Promise<Measured> {
  for (const q of queries.slice(0, warm)) await engine(q.q);
  const times: number[] = [];
  const outcomes: Outcome[] = [];
  for (const q of queries) {
    const start = performance.now();
    const outcome = await engine(q.q);
    times.push(performance.now() - start);
    outcomes.push(outcome);
  }
  let r1 = 0,
    r5 = 0,
    mrr = 0,
    answerable = 0,
    typoMrr = 0,
    typoCount = 0,
    unanswerable = 0,
    gateUnanswerable = 0,
    gateFalse = 0;
  const points: { answerable: boolean; value: number }[] = [];
  queries.forEach((q, i) => {
    const outcome = outcomes[i]!;
    const relevant = new Set(q.relevant);
    points.push({ answerable: relevant.size > 0, value: outcome.value });
    if (relevant.size === 0) {
      unanswerable++;
      if (outcome.answered === false) gateUnanswerable++;
      return;
    }
    answerable++;
    if (outcome.answered === false) gateFalse++;
    const rank = outcome.ids.findIndex((id) => relevant.has(id)) + 1;
    const rr = rank > 0 ? 1 / rank : 0;
    if (rank === 1) r1++;
    if (rank > 0 && rank <= 5) r5++;
    mrr += rr;
    if (q.typo) {
      typoCount++;
      typoMrr += rr;
    }
  });
  const own = outcomes.some((o) => o.answered !== undefined);
  const curve10 = gateAt(points, 0.1);
  const curve8 = gateAt(points, 0.08);
  return {
    outcomes,
    metrics: {
      r1: round(answerable ? r1 / answerable : 0),
      r5: round(answerable ? r5 / answerable : 0),
      mrr10: round(answerable ? mrr / answerable : 0),
      typo_mrr10: typoCount ? round(typoMrr / typoCount) : null,
      gate_unanswerable: own && unanswerable ? round(gateUnanswerable / unanswerable) : null,
      gate_false: own && answerable ? round(gateFalse / answerable) : null,
      p50_ms: round(percentile(times, 50), 3),
      p95_ms: round(percentile(times, 95), 3),
      gate_curve_at10: curve10 === null ? null : round(curve10),
      gate_curve_at8: curve8 === null ? null : round(curve8),
    },
  };
}

/** Kotae ÷ best peer per figure, the best being the highest (relevance, gate) or the lowest (times, bytes). */
function ratios(kotae: Record<string, number | null>, peers: Record<string, number | null>[]): Record<string, number | null> {
  const higher = ['r1', 'r5', 'mrr10', 'typo_mrr10', 'gate_curve_at10', 'gate_curve_at8'];
  const lower = ['p50_ms', 'p95_ms', 'index_bytes_gz', 'index_bytes_gz_no_text'];
  const out: Record<string, number | null> = {};
  for (const key of [...higher, ...lower]) {
    const values = peers.map((p) => p[key]).filter((v): v is number => typeof v === 'number');
    const own = kotae[key];
    if (typeof own !== 'number' || !values.length) {
      out[key] = null;
      continue;
    }
    const best = higher.includes(key) ? Math.max(...values) : Math.min(...values);
    out[key] = best === 0 ? null : round(own / best, 3);
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let set: RelevanceSet;
  try {
    set = JSON.parse(readFileSync(args.file, 'utf8')) as RelevanceSet;
  } catch (error) {
    fail(`cannot read ${args.file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(set.docs) || !Array.isArray(set.queries) || typeof set.locale !== 'string') {
    fail(`${args.file} is not a relevance set (needs "locale", "docs" and "queries")`);
  }
  const documents: SearchDocument[] = set.docs.map((doc) => ({
    id: doc.id,
    entry: doc.id,
    type: 'faq',
    locale: set.locale,
    title: doc.title,
    aliases: [],
    tags: [],
    headings: [],
    anchor: null,
    text: doc.body,
    resources: [],
    category: '',
    url: `/${set.locale}/${doc.id}/`,
    updated: '1970-01-01',
  }));
  const override = process.env.KOTAE_PROFILE ? (JSON.parse(process.env.KOTAE_PROFILE) as Partial<Profile>) : {};
  const built = buildIndex(documents, { locale: set.locale, profile: override });
  const files = indexToFiles(built);
  const fileBytes = files.map((f) => ({ path: f.path, gz: gzipSync(f.content).length }));
  const indexBytesGz = fileBytes.reduce((sum, f) => sum + f.gz, 0);
  const indexBytesGzNoText = fileBytes.filter((f) => !f.path.startsWith('s/')).reduce((sum, f) => sum + f.gz, 0);
  let index: SearchIndex = built;
  if (args.viaFiles) {
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    index = await loadIndex(async (path) => {
      const content = byPath.get(path);
      if (content === undefined) throw new Error(`no file ${path}`);
      return content;
    }, set.locale);
  }

  const kotae: Engine = async (q) => {
    const results = await search(index, q, { limit: 10, prefix: args.prefix, typo: args.typo });
    const verdict = answers(results, index);
    return { ids: results.map((r) => r.entry), value: verdict.confidence, answered: verdict.answered };
  };
  const peers = args.peers
    ? PEER_NAMES.map((name) => {
        const peer = buildPeer(name, set.docs, set.locale);
        const engine: Engine = (q) => {
          const hits = peer.search(q, 10);
          return { ids: hits.map((h) => h.id), value: hits[0]?.score ?? 0 };
        };
        const noText = peer.indexBytesGz();
        return {
          name: peer.name,
          engine,
          sample: peer.sample,
          bytes: { index_bytes_gz: noText + storedTextBytesGz(set.docs), index_bytes_gz_no_text: noText },
        };
      })
    : [];

  const splits: (Split | undefined)[] = args.split === 'both' ? ['tune', 'check'] : [args.split as Split | undefined];
  const recordable = !args.holdout && !args.split && !args.peers && args.prefix && args.typo && !args.viaFiles;
  for (const split of splits) {
    const queries = set.queries.filter((q) => (!args.holdout || half(q.id) === args.holdout) && (!split || splitOf(q) === split));
    const own = await measure(kotae, queries);
    if (args.features) {
      const lines = await Promise.all(
        queries.map(async (q) => {
          const results = await search(index, q.q, { limit: 10, prefix: args.prefix, typo: args.typo });
          const relevant = new Set(q.relevant);
          const rank = results.findIndex((r) => relevant.has(r.entry)) + 1;
          const scores = results.map((r) => r.score);
          return JSON.stringify({ id: q.id, answerable: relevant.size > 0, split: splitOf(q), rank, x: gateFeatures(results), scores });
        }),
      );
      writeFileSync(args.features, `${lines.join('\n')}\n`);
    }
    if (args.curve) {
      const threshold = index.profile.gate.threshold;
      const un = queries.flatMap((q, i) => (q.relevant.length ? [] : [own.outcomes[i]!.value]));
      const an = queries.flatMap((q, i) => (q.relevant.length ? [own.outcomes[i]!.value] : []));
      for (let t = 5; t <= 95; t += 5) {
        const at = t / 100;
        process.stdout.write(
          `${JSON.stringify({
            threshold: at,
            gate_unanswerable: un.length ? round(un.filter((c) => c < at).length / un.length, 3) : null,
            gate_false: an.length ? round(an.filter((c) => c < at).length / an.length, 3) : null,
            ...(Math.abs(at - threshold) < 1e-9 ? { chosen: true } : {}),
          })}\n`,
        );
      }
    }
    const m = own.metrics;
    const head = { set: set.name ?? args.file, docs: set.docs.length, queries: queries.length };
    const kotaeLine = {
      ...head,
      r1: m.r1,
      r5: m.r5,
      mrr10: m.mrr10,
      typo_mrr10: m.typo_mrr10,
      gate_unanswerable: m.gate_unanswerable,
      gate_false: m.gate_false,
      p50_ms: m.p50_ms,
      p95_ms: m.p95_ms,
      index_bytes_gz: indexBytesGz,
      ...(split ? { split } : {}),
      ...(args.peers ? { engine: 'kotae' } : {}),
      gate_curve_at10: m.gate_curve_at10,
      gate_curve_at8: m.gate_curve_at8,
      index_bytes_gz_no_text: indexBytesGzNoText,
    };
    if (!args.peers) {
      // Only the full set is a figure worth keeping; a half, an ablation or a side-by-side run is an experiment.
      reportLine(`eval-search.${head.set}`, kotaeLine, recordable ? process.argv : []);
      continue;
    }
    process.stdout.write(`${JSON.stringify(kotaeLine)}\n`);
    const peerLines: Record<string, number | null>[] = [];
    for (const peer of peers) {
      // A slow engine answers an even sample (every n-th query), warmed on a few.
      const step = peer.sample ? Math.max(1, Math.ceil(queries.length / peer.sample)) : 1;
      const asked = queries.filter((_, i) => i % step === 0);
      const measured = await measure(peer.engine, asked, step > 1 ? 5 : asked.length);
      const line = { ...measured.metrics, ...peer.bytes };
      peerLines.push(line);
      process.stdout.write(`${JSON.stringify({ ...head, queries: asked.length, ...(split ? { split } : {}), engine: peer.name, ...line })}\n`);
    }
    const best = ratios({ ...m, index_bytes_gz: indexBytesGz, index_bytes_gz_no_text: indexBytesGzNoText }, peerLines);
    process.stdout.write(`${JSON.stringify({ ...head, ...(split ? { split } : {}), engine: 'kotae/best', ...best })}\n`);
  }
}

await main();

/**
 * `npm run eval:search -- FILE.json [--holdout even|odd] [--curve] [--via-files] [--features OUT.jsonl] [--no-prefix] [--no-typo]`
 *
 * --holdout keeps only the half of the queries with that id parity (tuning on one half, checking on the other);
 * --curve prints the gate's trade-off (one JSON line per threshold) before the summary; --via-files searches
 * the serialized, lazily loaded index instead of the in-memory one; --features writes per-query gate features.
 *
 * Indexes the documents of a relevance set (format of shared/data/relevance/README.md) with Kotae's search
 * pipeline, runs every query and prints one JSON line last:
 * {"set","docs","queries","r1","r5","mrr10","typo_mrr10","gate_unanswerable","gate_false","p50_ms","p95_ms","index_bytes_gz"}
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { SearchDocument } from '../content/schema/search-document.ts';
import { answers, buildIndex, gateFeatures, loadIndex, search, type SearchIndex } from '../search/index.ts';
import { indexToFiles } from '../search/index-files.ts';
import type { Profile } from '../search/profile.ts';
import { reportLine } from '../bench/record.ts';

interface RelevanceSet {
  name: string;
  locale: string;
  docs: { id: string; title: string; body: string }[];
  queries: { id: string; q: string; relevant: string[]; typo?: boolean }[];
}

function fail(message: string): never {
  process.stderr.write(`eval:search: ${message}\n`);
  process.exit(2);
}

interface Args {
  file: string;
  holdout?: string;
  features?: string;
  prefix: boolean;
  typo: boolean;
  curve: boolean;
  viaFiles: boolean;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let curve = false;
  let viaFiles = false;
  let holdout: string | undefined;
  let features: string | undefined;
  let prefix = true;
  let typo = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--holdout') holdout = argv[++i];
    else if (arg === '--features') features = argv[++i];
    else if (arg === '--no-prefix') prefix = false;
    else if (arg === '--no-typo') typo = false;
    else if (arg === '--curve') curve = true;
    else if (arg === '--via-files') viaFiles = true;
    else if (arg === '--record')
      continue; // read by reportLine
    else if (arg.startsWith('--')) fail(`unknown option ${arg}`);
    else file = arg;
  }
  if (!file) fail('usage: npm run eval:search -- FILE.json');
  if (holdout && holdout !== 'even' && holdout !== 'odd') fail('--holdout takes "even" or "odd"');
  return { file, prefix, typo, curve, viaFiles, ...(holdout ? { holdout } : {}), ...(features ? { features } : {}) };
}

/** Deterministic half split by query id, so tuning can be checked on the other half. */
function half(id: string): 'even' | 'odd' {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % 2 === 0 ? 'even' : 'odd';
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

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
  const indexBytesGz = files.reduce((sum, f) => sum + gzipSync(f.content).length, 0);
  let index: SearchIndex = built;
  if (args.viaFiles) {
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    index = await loadIndex(async (path) => {
      const content = byPath.get(path);
      if (content === undefined) throw new Error(`no file ${path}`);
      return content;
    }, set.locale);
  }

  const queries = set.queries.filter((q) => !args.holdout || half(q.id) === args.holdout);
  let r1 = 0,
    r5 = 0,
    mrr = 0,
    answerable = 0,
    typoMrr = 0,
    typoCount = 0;
  let unanswerable = 0,
    gateUnanswerable = 0,
    gateFalse = 0;
  const times: number[] = [];
  const featureLines: string[] = [];
  const confidences: { answerable: boolean; confidence: number }[] = [];
  // One untimed pass first: latency should reflect a running widget (JIT warm, shards fetched), not the
  // collection of the garbage that building the index left behind.
  for (const q of queries) await search(index, q.q, { limit: 10, prefix: args.prefix, typo: args.typo });
  for (const q of queries) {
    const start = performance.now();
    const results = await search(index, q.q, { limit: 10, prefix: args.prefix, typo: args.typo });
    const verdict = answers(results, index);
    times.push(performance.now() - start);
    confidences.push({ answerable: q.relevant.length > 0, confidence: verdict.confidence });
    const relevant = new Set(q.relevant);
    const rank = results.findIndex((r) => relevant.has(r.entry)) + 1;
    if (args.features) featureLines.push(JSON.stringify({ id: q.id, answerable: relevant.size > 0, rank, x: gateFeatures(results) }));
    if (relevant.size === 0) {
      unanswerable++;
      if (!verdict.answered) gateUnanswerable++;
      continue;
    }
    answerable++;
    if (!verdict.answered) gateFalse++;
    const rr = rank > 0 ? 1 / rank : 0;
    if (rank === 1) r1++;
    if (rank > 0 && rank <= 5) r5++;
    mrr += rr;
    if (q.typo) {
      typoCount++;
      typoMrr += rr;
    }
  }
  if (args.features) writeFileSync(args.features, `${featureLines.join('\n')}\n`);
  if (args.curve) {
    const threshold = index.profile.gate.threshold;
    for (let t = 5; t <= 95; t += 5) {
      const at = t / 100;
      const un = confidences.filter((c) => !c.answerable);
      const an = confidences.filter((c) => c.answerable);
      process.stdout.write(
        `${JSON.stringify({
          threshold: at,
          gate_unanswerable: un.length ? round(un.filter((c) => c.confidence < at).length / un.length, 3) : null,
          gate_false: an.length ? round(an.filter((c) => c.confidence < at).length / an.length, 3) : null,
          ...(Math.abs(at - threshold) < 1e-9 ? { chosen: true } : {}),
        })}\n`,
      );
    }
  }
  const line = {
    set: set.name ?? args.file,
    docs: set.docs.length,
    queries: queries.length,
    r1: round(answerable ? r1 / answerable : 0),
    r5: round(answerable ? r5 / answerable : 0),
    mrr10: round(answerable ? mrr / answerable : 0),
    typo_mrr10: typoCount ? round(typoMrr / typoCount) : null,
    gate_unanswerable: unanswerable ? round(gateUnanswerable / unanswerable) : null,
    gate_false: answerable ? round(gateFalse / answerable) : null,
    p50_ms: round(percentile(times, 50), 3),
    p95_ms: round(percentile(times, 95), 3),
    index_bytes_gz: indexBytesGz,
  };
  // Only the full set is a figure worth keeping; a holdout half or an ablation is an experiment.
  reportLine(`eval-search.${line.set}`, line, args.holdout || !args.prefix || !args.typo || args.viaFiles ? [] : process.argv);
}

await main();

/**
 * `npm run figures [-- --check]`: writes the benchmark figures quoted in the READMEs from the recorded
 * benchmark results (`bench/results/*.jsonl`, written by `npm run bench:* -- --record`), so a document cannot
 * quote a number no benchmark printed, and two documents cannot disagree.
 *
 * A figure in Markdown is an HTML comment naming the result, field and format, then the value:
 *
 *   <!--fig widget.loader_gz bytes-->1,808 B<!--/fig-->
 *   <!--fig build[entries=10000].peak_rss_mb mb-->889 MB<!--/fig-->
 *
 * `--check` changes nothing and exits 1 when a document's figures differ from the results (run by the tests).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULTS_DIR } from '../bench/record.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The documents that quote figures. The CHANGELOG is history: its numbers stay as they were measured. */
export const FIGURE_DOCUMENTS = ['README.md', 'widget/README.md', 'search/README.md', 'kb-site/README.md', 'intake/README.md'];

type Result = Record<string, unknown>;

const FORMATS: Record<string, (value: unknown) => string> = {
  bytes: (v) => `${num(v).toLocaleString('en')} B`,
  kb: (v) => `${(num(v) / 1000).toFixed(1)} KB`,
  s: (v) => `${num(v).toFixed(1)} s`,
  ms: (v) => `${num(v) < 10 ? num(v).toFixed(1) : Math.round(num(v)).toLocaleString('en')} ms`,
  mb: (v) => `${Math.round(num(v)).toLocaleString('en')} MB`,
  int: (v) => Math.round(num(v)).toLocaleString('en'),
  n2: (v) => num(v).toFixed(2),
  n3: (v) => num(v).toFixed(3),
  times: (v) => `${num(v).toFixed(1)}×`,
  pct: (v) => `${(num(v) * 100).toFixed(num(v) * 100 < 10 ? 1 : 0)}%`,
  text: (v) => String(v),
};

function num(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`not a number: ${JSON.stringify(value)}`);
  return value;
}

/** Every recorded result, by benchmark name (the file name without `.jsonl`). */
export function readResults(dir = RESULTS_DIR): Map<string, Result[]> {
  const results = new Map<string, Result[]>();
  if (!existsSync(dir)) return results;
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    const lines = readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean);
    results.set(
      name.slice(0, -'.jsonl'.length),
      lines.map((line) => JSON.parse(line) as Result),
    );
  }
  return results;
}

const MARKER = /<!--fig ([^\s[]+?)(?:\[([^\]]*)\])?\.(\w+) (\w+)-->([\s\S]*?)<!--\/fig-->/g;

/** The document with each figure's value rewritten; throws naming the marker when a result is missing. */
export function fillFigures(markdown: string, results: Map<string, Result[]>, where = 'document'): string {
  return markdown.replace(MARKER, (_all, bench: string, filter: string | undefined, field: string, format: string) => {
    const marker = `${where}: <!--fig ${bench}${filter ? `[${filter}]` : ''}.${field} ${format}-->`;
    const formatter = FORMATS[format];
    if (!formatter) throw new Error(`${marker}: unknown format "${format}" (one of ${Object.keys(FORMATS).join(', ')})`);
    const conditions = (filter ?? '')
      .split(',')
      .filter(Boolean)
      .map((c) => c.split('=') as [string, string]);
    const lines = (results.get(bench) ?? []).filter((r) => conditions.every(([k, v]) => String(r[k]) === v));
    if (lines.length !== 1) throw new Error(`${marker}: ${lines.length} recorded results match (record one with npm run … -- --record)`);
    const value = lines[0]![field];
    if (value === undefined) throw new Error(`${marker}: the result has no field "${field}"`);
    return `<!--fig ${bench}${filter ? `[${filter}]` : ''}.${field} ${format}-->${formatter(value)}<!--/fig-->`;
  });
}

function main(): void {
  const check = process.argv.includes('--check');
  const results = readResults();
  const stale: string[] = [];
  for (const doc of FIGURE_DOCUMENTS) {
    const file = path.join(ROOT, doc);
    if (!existsSync(file)) continue;
    const before = readFileSync(file, 'utf8');
    const after = fillFigures(before, results, doc);
    if (after === before) continue;
    stale.push(doc);
    if (!check) writeFileSync(file, after);
  }
  if (check && stale.length) {
    process.stderr.write(`figures differ from bench/results in ${stale.join(', ')}: run npm run figures\n`);
    process.exit(1);
  }
  process.stdout.write(check ? 'figures match bench/results\n' : stale.length ? `rewrote ${stale.join(', ')}\n` : 'figures already match\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * How a benchmark reports: one JSON line per measurement on stdout (the contract other tools read), and with
 * `--record` the same lines kept in `bench/results/<name>.jsonl` with the date, machine and load, which is where
 * the figures in the READMEs come from (`npm run figures`). A run replaces the file it records to.
 */

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const started = new Set<string>();

export function reportLine(bench: string, line: Record<string, unknown>, argv: readonly string[] = process.argv): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (!argv.includes('--record')) return;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${bench}.jsonl`);
  // The load average says whether the machine was quiet: timings taken beside other jobs are not comparable.
  const recorded = {
    ...line,
    measured: new Date().toISOString().slice(0, 10),
    node: process.version,
    cores: cpus().length,
    load1: Number(loadavg()[0]!.toFixed(2)),
  };
  if (!started.has(bench)) writeFileSync(file, '');
  started.add(bench);
  appendFileSync(file, `${JSON.stringify(recorded)}\n`);
}

/**
 * `npm run bench:build`: how fast the real build turns a large content tree into a site.
 *
 * Generates synthetic corpora (`npm run gen:corpus`'s generator) of 1,000 and 10,000 entries × 2 locales
 * (ja, en) in a temporary folder, runs `npm run build -- --content DIR --out DIR2` on each exactly as a
 * user would, and prints one JSON line per size, the 10k line last:
 *
 *   {"entries":10000,"locales":2,"seconds":…,"entries_per_s":…,"peak_rss_mb":…}
 *
 * - `entries` is per locale.
 * - `entries_per_s` counts every entry built: entries × locales / seconds.
 * - `seconds` is wall time around the child `npm run build`, startup included.
 * - `peak_rss_mb` is the peak resident memory of the build process (worker threads included): the
 *   larger of what the build reports with `--stats` (`process.resourceUsage().maxRSS`) and the highest
 *   kernel high-water mark (`VmHWM` in /proc) seen in the child's process tree while it runs.
 *
 * Goal of the build (ARCHITECTURE.md): 10,000 × 2 locales in ≤ 30 s with ≤ 1 GB peak RSS on 2 cores.
 * Only the JSON lines go to stdout; progress and the build's own output go to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from '../scripts/corpus/corpus.ts';
import { reportLine } from './record.ts';

const SIZES = [1_000, 10_000];
const LOCALES = ['ja', 'en'];
const SEED = 'bench-build';
const SAMPLE_MS = 100;

const progress = (line: string): void => {
  process.stderr.write(`bench:build: ${line}\n`);
};

/** Pids of `root` and all its descendants, from the parent pid in /proc/<pid>/stat. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; fields after its closing ")" are fixed.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      // The process ended between listing and reading.
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** The peak resident set of a process so far, in kB, or 0 once it has ended. */
function highWaterKb(pid: number): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** How to run npm: the npm that runs this script if there is one, else `npm` from PATH. */
function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
}

interface BuildRun {
  seconds: number;
  peakRssMb: number;
}

async function runBuild(content: string, out: string, statsFile: string): Promise<BuildRun> {
  const [command, prefix] = npmCommand();
  const args = [...prefix, 'run', '-s', 'build', '--', '--content', content, '--out', out, '--quiet', '--stats', statsFile];
  const started = performance.now();
  // The build's stdout is not ours to print: stdout carries only the benchmark's JSON lines.
  const child = spawn(command, args, { stdio: ['ignore', 2, 2] });
  let peakKb = 0;
  const sample = (): void => {
    if (child.pid === undefined || !existsSync('/proc')) return;
    for (const pid of processTree(child.pid)) peakKb = Math.max(peakKb, highWaterKb(pid));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  }).finally(() => clearInterval(timer));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`npm run build exited with code ${code} on the generated corpus in ${content}`);

  let reportedMb = 0;
  if (existsSync(statsFile)) {
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as { peak_rss_mb?: unknown };
    if (typeof stats.peak_rss_mb === 'number') reportedMb = stats.peak_rss_mb;
  }
  const peakRssMb = Math.max(reportedMb, peakKb / 1024);
  progress(`built in ${seconds.toFixed(2)} s; peak RSS reported by --stats ${reportedMb} MB, seen in /proc ${Math.round(peakKb / 1024)} MB`);
  if (peakRssMb === 0) throw new Error('could not measure the build’s memory: no --stats file and no /proc');
  return { seconds, peakRssMb };
}

async function main(): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'kotae-bench-build-'));
  const cleanUp = (): void => rmSync(work, { recursive: true, force: true });
  const interrupted = (): void => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    for (const entries of SIZES) {
      const content = join(work, `content-${entries}`);
      const generated = performance.now();
      const { bytes } = await writeCorpus(content, { entries, locales: LOCALES, seed: SEED });
      progress(
        `generated ${entries} entries × ${LOCALES.length} locales (${(bytes / 1e6).toFixed(1)} MB) in ` +
          `${((performance.now() - generated) / 1000).toFixed(1)} s; building…`,
      );
      const run = await runBuild(content, join(work, `out-${entries}`), join(work, `stats-${entries}.json`)).catch((error: Error) => {
        const again = `npm run gen:corpus -- --entries ${entries} --locales ${LOCALES.join(',')} --seed ${SEED} --out DIR`;
        throw new Error(`${error.message}\n  reproduce with: ${again} && npm run build -- --content DIR`);
      });
      const line = {
        entries,
        locales: LOCALES.length,
        seconds: Number(run.seconds.toFixed(2)),
        // Every entry built, in every locale, per second of wall time.
        entries_per_s: Math.round((entries * LOCALES.length) / run.seconds),
        peak_rss_mb: Math.round(run.peakRssMb),
      };
      reportLine('build', line);
      rmSync(content, { recursive: true, force: true });
      rmSync(join(work, `out-${entries}`), { recursive: true, force: true });
    }
    return 0;
  } catch (error) {
    progress(`failed: ${(error as Error).message}`);
    return 1;
  } finally {
    cleanUp();
  }
}

process.exitCode = await main();

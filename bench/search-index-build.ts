/**
 * `npx tsx bench/search-index-build.ts [--sizes 1000,10000] [--locales en,ja] [--seed 1]`
 *
 * How fast and how lean the search index build is: runs `buildIndexFiles` on the search documents of a
 * generated corpus (the same corpora as `npm run bench:search`, cached under bench/.out/search/), each size
 * and locale in a fresh child process, and prints one JSON line per run:
 *
 *   {"entries","locale","sections","seconds","peak_rss_mb","base_rss_mb","files","bytes","sha256","peak_heap_mb"}
 *
 * - `seconds`: wall time of `buildIndexFiles` alone (documents already parsed).
 * - `peak_rss_mb`: the child's peak resident memory (`maxRSS`); `base_rss_mb`: its resident memory with the
 *   documents loaded, just before the build, so the build's own share is the difference.
 * - `peak_heap_mb`: the highest V8 heap in use (from `--trace-gc`; loading the documents included).
 * - `sha256`: of every file's path and content, to check that the output does not change.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchDocument } from '../content/schema/search-document.ts';
import { buildIndexFiles } from '../search/index-files.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    locales: { type: 'string', default: 'en,ja' },
    seed: { type: 'string', default: '1' },
    child: { type: 'string' },
  },
});
const root = join(import.meta.dirname, '.out', 'search');

function npm(args: string[]): void {
  execFileSync('npm', ['run', '--silent', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Search documents of the generated corpus of `entries` entries (generated and built on first use). */
function documentsPath(entries: number, locale: string): string {
  const dir = join(root, String(entries));
  const path = join(dir, 'dist', 'data', locale, 'search-documents.json');
  if (!existsSync(path)) {
    npm(['gen:corpus', '--', '--entries', String(entries), '--locales', 'ja,en', '--out', join(dir, 'content'), '--seed', values.seed!, '--force']);
    npm(['build', '--', '--content', join(dir, 'content'), '--out', join(dir, 'dist'), '--quiet']);
  }
  return path;
}

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);

function child(spec: string): void {
  const [entries, locale, path] = JSON.parse(spec) as [number, string, string];
  const documents = (JSON.parse(readFileSync(path, 'utf8')) as { documents: SearchDocument[] }).documents;
  globalThis.gc?.();
  const baseRss = process.memoryUsage().rss;
  const start = performance.now();
  const files = buildIndexFiles(documents, { locale });
  const seconds = (performance.now() - start) / 1000;
  const hash = createHash('sha256');
  let bytes = 0;
  for (const file of files) {
    hash.update(file.path).update('\0').update(file.content).update('\0');
    bytes += typeof file.content === 'string' ? Buffer.byteLength(file.content) : file.content.length;
  }
  process.stdout.write(
    `${JSON.stringify({
      bench: 'search-index-build',
      entries,
      locale,
      sections: documents.length,
      seconds: Number(seconds.toFixed(2)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      base_rss_mb: mb(baseRss),
      files: files.length,
      bytes,
      sha256: hash.digest('hex').slice(0, 16),
    })}\n`,
  );
}

if (values.child) {
  child(values.child);
} else {
  for (const entries of values.sizes!.split(',').map(Number)) {
    for (const locale of values.locales!.split(',')) {
      const spec = JSON.stringify([entries, locale, documentsPath(entries, locale)]);
      // --trace-gc prints the heap in use before and after every collection: its highest value is the peak.
      const run = spawnSync(process.execPath, ['--expose-gc', '--trace-gc', '--import', 'tsx', import.meta.filename, '--child', spec], {
        stdio: ['ignore', 'pipe', 'inherit'],
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      if (run.status !== 0) process.exit(run.status ?? 1);
      let peakHeap = 0;
      let line = '';
      for (const text of run.stdout.split('\n')) {
        const gc = /(?:Scavenge|Mark-Compact|Mark-sweep)[^\d]*([\d.]+) \([\d.]+\) -> ([\d.]+)/.exec(text);
        if (gc) peakHeap = Math.max(peakHeap, Number(gc[1]), Number(gc[2]));
        else if (text.startsWith('{')) line = text;
      }
      const result = JSON.parse(line) as Record<string, unknown>;
      process.stdout.write(`${JSON.stringify({ ...result, peak_heap_mb: Math.round(peakHeap) })}\n`);
    }
  }
}

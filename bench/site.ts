/**
 * `npm run bench:site`: how fast Kotae builds a help center compared with VitePress, on the same content.
 *
 * Generates a corpus of 1,000 entries × 2 locales (ja, en; `npm run gen:corpus`'s generator), builds it
 * with `npm run build` (content pipeline, search index and KB site, exactly as a user would) and with
 * VitePress (the same Markdown files as a two-locale VitePress site, default theme and local search), in
 * the same run, then builds 10,000 × 2 with Kotae alone. Prints one JSON line:
 *
 *   {"entries":1000,"kotae_s":…,"vitepress_s":…,"ratio":…,"article_page_gz":…,"kotae_10k_s":…,"vitepress_version":"…"}
 *
 * - `kotae_s`, `vitepress_s`: wall time of each build, process start included.
 * - `ratio` = kotae_s / vitepress_s (goal ≤ 0.2).
 * - `article_page_gz`: bytes of an article page's HTML + CSS + JS, each gzipped, as a browser first loads
 *   it (the page, its stylesheet, its module script and the widget loader).
 * - `kotae_10k_s`: `npm run build` of 10,000 entries × 2 locales (`--no-10k` skips it).
 *
 * VitePress is installed only for the benchmark, with `npm install --prefix` into a folder under the
 * system temp dir (reused by later runs), never into this project. Progress goes to stderr.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeCorpus } from '../scripts/corpus/corpus.ts';
import { reportLine } from './record.ts';

const VITEPRESS = '1.6.4';
const LOCALES = ['ja', 'en'];
const SEED = 'bench-site';
const skip10k = process.argv.includes('--no-10k');

const progress = (line: string): void => {
  process.stderr.write(`bench:site: ${line}\n`);
};

/** Runs a command; resolves with its wall time in seconds; its output goes to stderr. */
function timed(command: string, args: string[], cwd?: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { stdio: ['ignore', 2, 2], cwd, env: { ...process.env, NODE_ENV: 'production' } });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

function npm(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli?.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
}

async function kotaeBuild(content: string, out: string): Promise<number> {
  const [command, prefix] = npm();
  return timed(command, [...prefix, 'run', '-s', 'build', '--', '--content', content, '--out', out, '--quiet']);
}

/** VitePress in a temp folder of its own (installed once, reused by later runs). */
async function installVitePress(): Promise<{ bin: string; modules: string }> {
  const dir = join(tmpdir(), `kotae-bench-vitepress-${VITEPRESS}`);
  const modules = join(dir, 'node_modules');
  const bin = join(modules, 'vitepress', 'bin', 'vitepress.js');
  if (existsSync(bin)) return { bin, modules };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  progress(`installing vitepress@${VITEPRESS} into ${dir} (benchmark only)…`);
  const [command, prefix] = npm();
  await timed(command, [...prefix, 'install', '--prefix', dir, '--no-audit', '--no-fund', '--save-exact', `vitepress@${VITEPRESS}`]);
  return { bin, modules };
}

/** The corpus as a VitePress site: `/ja/…` and `/en/…` locales, an index per locale, local search on. */
function vitePressSite(content: string, dir: string, modules: string): void {
  mkdirSync(dir, { recursive: true });
  // The site imports vue from its own folder, as a VitePress project would.
  symlinkSync(modules, join(dir, 'node_modules'), 'dir');
  for (const locale of LOCALES) cpSync(join(content, locale), join(dir, locale), { recursive: true });
  if (existsSync(join(content, 'assets'))) cpSync(join(content, 'assets'), join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.md'), '# Help center\n\n- [日本語](/ja/)\n- [English](/en/)\n');
  for (const locale of LOCALES) writeFileSync(join(dir, locale, 'index.md'), `# ${locale}\n`);
  mkdirSync(join(dir, '.vitepress'), { recursive: true });
  const locales = Object.fromEntries(LOCALES.map((l) => [l, { label: l, lang: l, link: `/${l}/` }]));
  writeFileSync(
    join(dir, '.vitepress', 'config.mjs'),
    `export default ${JSON.stringify({ title: 'Help center', ignoreDeadLinks: true, locales: { root: { label: 'Help', lang: 'en' }, ...locales }, themeConfig: { search: { provider: 'local' } } })};\n`,
  );
}

/** HTML + CSS + JS an article page loads first, each gzipped, in bytes. */
function articlePageGz(out: string): number {
  const section = join(out, 'en', 'articles');
  const first = readdirSync(section).sort()[0];
  if (!first) throw new Error('the build wrote no English article');
  const html = readFileSync(join(section, first, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/<(?:link rel="stylesheet" href|script[^>]*src)="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  let total = gzipSync(html, { level: 9 }).length;
  for (const asset of assets) {
    const file = join(out, asset.slice(1));
    if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length;
    else progress(`note: ${asset} is referenced but was not built`);
  }
  return total;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kotae-bench-site-'));
  const cleanUp = () => rmSync(work, { recursive: true, force: true });
  process.once('SIGINT', () => (cleanUp(), process.exit(130)));
  try {
    const vitepress = await installVitePress();
    const content = join(work, 'content-1000');
    await writeCorpus(content, { entries: 1000, locales: LOCALES, seed: SEED });
    progress('building 1,000 × 2 with Kotae…');
    const kotae = await kotaeBuild(content, join(work, 'kotae-1000'));
    progress(`Kotae: ${kotae.toFixed(2)} s; building the same content with VitePress…`);
    const vpDir = join(work, 'vitepress');
    vitePressSite(content, vpDir, vitepress.modules);
    const vite = await timed(process.execPath, [vitepress.bin, 'build', vpDir]);
    progress(`VitePress: ${vite.toFixed(2)} s`);
    const line: Record<string, number | string> = {
      entries: 1000,
      kotae_s: Number(kotae.toFixed(2)),
      vitepress_s: Number(vite.toFixed(2)),
      ratio: Number((kotae / vite).toFixed(3)),
      article_page_gz: articlePageGz(join(work, 'kotae-1000')),
    };
    rmSync(vpDir, { recursive: true, force: true });
    if (!skip10k) {
      const big = join(work, 'content-10000');
      await writeCorpus(big, { entries: 10_000, locales: LOCALES, seed: SEED });
      progress('building 10,000 × 2 with Kotae…');
      line.kotae_10k_s = Number((await kotaeBuild(big, join(work, 'kotae-10000'))).toFixed(2));
    }
    line.vitepress_version = VITEPRESS;
    reportLine('site', line);
  } finally {
    cleanUp();
  }
}

await main();

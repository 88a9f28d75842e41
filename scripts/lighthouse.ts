/**
 * `npm run lighthouse`: Lighthouse (mobile: emulated phone, slow 4G, 4× CPU slowdown — the default config)
 * on the KB site's home, an article and the search page, in Japanese and English, and (accessibility only:
 * they are private, `noindex` pages) on a customer's status page in both languages, served by a real intake
 * on a temporary data folder, and the console's sign-in page. Builds the sample
 * content into a temporary folder (or uses `--dist DIR`), serves it with the project's static server
 * (strict CSP), and drives the Chromium at `CHROME_PATH` (default /usr/bin/chromium). Prints one JSON line
 * per page and a last line with the lowest score of each category:
 *
 *   {"url":"/ja/","performance":100,"accessibility":100,"best-practices":100,"seo":100}
 *   {"pages":5,"performance":…,"accessibility":…,"best-practices":…,"seo":…}
 *
 * Failed audits of a page below 100 are listed on stderr.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { createLogger } from '../intake/log.ts';
import { startIntake } from '../intake/server.ts';
import { cliArgs, helpRequested } from './cli-args.ts';
import { serveStatic } from './static-server.ts';

const USAGE = 'npm run lighthouse -- [--dist DIR] [--content DIR]';
const { values } = cliArgs(USAGE, { dist: { type: 'string' }, content: { type: 'string', default: 'content' } });
helpRequested(values, USAGE);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (line: string) => process.stderr.write(`lighthouse: ${line}\n`);

function startChrome(): Promise<{ chrome: ChildProcess; port: number }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'kotae-lh-profile-'));
  const chrome = spawn(process.env.CHROME_PATH ?? '/usr/bin/chromium', [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-extensions',
    `--user-data-dir=${profile}`,
    '--remote-debugging-port=0',
    'about:blank',
  ]);
  chrome.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    let err = '';
    chrome.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (match) resolve({ chrome, port: Number(match[1]) });
    });
    chrome.once('error', reject);
    chrome.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before it listened:\n${err}`)));
  });
}

let dist = values.dist;
let temp: string | undefined;
if (!dist) {
  temp = mkdtempSync(path.join(tmpdir(), 'kotae-lh-'));
  dist = path.join(temp, 'dist');
  log(`building ${values.content} into ${dist}…`);
  const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build.ts'), '--content', values.content!, '--out', dist, '--quiet'], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const articleOf = (locale: string) => {
  const first = readdirSync(path.join(dist!, locale, 'articles')).sort()[0];
  return `/${locale}/articles/${first}/`;
};
const server = await serveStatic(dist, 0);
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const pages: Array<{ url: string; categories: readonly (typeof CATEGORIES)[number][] }> = [
  '/ja/',
  articleOf('ja'),
  '/en/',
  articleOf('en'),
  `/ja/search/?q=${encodeURIComponent('パスワード')}`,
].map((url) => ({ url: `${origin}${url}`, categories: CATEGORIES }));

// The intake's pages people read: a status page per language (from a real receipt) and the console's sign-in.
const intakeData = mkdtempSync(path.join(tmpdir(), 'kotae-lh-intake-'));
const intake = await startIntake({ dataDir: intakeData, contentDir: values.content!, port: 0, env: {}, log: createLogger('error') });
const example = JSON.parse(readFileSync(path.join(root, 'intake/examples/inquiry.json'), 'utf8')) as Record<string, unknown>;
for (const locale of ['ja', 'en']) {
  const response = await fetch(`${intake.url}/v1/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `lighthouse-${locale}-${Date.now()}` },
    body: JSON.stringify({ ...example, locale }),
  });
  const receipt = (await response.json()) as { status_url?: string };
  if (!receipt.status_url) throw new Error(`the intake refused the ${locale} inquiry: ${JSON.stringify(receipt)}`);
  pages.push({ url: receipt.status_url, categories: ['accessibility'] });
}
pages.push({ url: `${intake.url}/admin/sign-in?lang=ja`, categories: ['accessibility'] });
const shown = (url: string) =>
  url
    .replace(origin, '')
    .replace(intake.url, '')
    .replace(/token=[^&]+/, 'token=…');

const { chrome, port } = await startChrome();
const lowest: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 100]));
try {
  for (const { url: address, categories } of pages) {
    const url = shown(address);
    const result = await lighthouse(address, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    const line: Record<string, string | number> = { url };
    for (const category of categories) {
      const score = Math.round((lhr.categories[category]?.score ?? 0) * 100);
      line[category] = score;
      lowest[category] = Math.min(lowest[category] ?? 100, score);
      if (score < 100)
        for (const ref of lhr.categories[category]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
            log(`${url} ${category}: ${audit.id} (${audit.score}) ${audit.displayValue ?? ''}`);
        }
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  process.stdout.write(`${JSON.stringify({ pages: pages.length, ...lowest })}\n`);
} finally {
  chrome.kill();
  server.close();
  await intake.close();
  rmSync(intakeData, { recursive: true, force: true });
  if (temp) rmSync(temp, { recursive: true, force: true });
}

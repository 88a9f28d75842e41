/**
 * `npm run bench:widget [-- --content DIR] [--query "reset password"] [--runs 5]`
 *
 * Builds the content's data files and the widget, serves them gzipped (level 9, as a static host serving
 * precompressed files would) under the strict CSP, and measures in headless Chromium with the network
 * throttled through the DevTools protocol (1.6 Mbps down, 750 kbps up, 150 ms RTT), each run in a fresh
 * browser context (cold caches). Prints one JSON line:
 *   loader_gz           bytes of widget/kotae.js gzipped
 *   first_open_gz       bytes transferred (HTTP, as Chromium counts them) from page load until the opened
 *                       widget shows its start view, site data (/data/…) excluded; median of the runs
 *   first_open_data_gz  the site data transferred in the same interval (manifest, site config, catalog)
 *   first_result_ms     from the `Kotae('search', query)` call on a page where only the loader ran, to the
 *                       first rendered result; median of the runs
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { compileContent } from '../scripts/pipeline/compile-site.ts';
import { STRICT_CSP } from '../scripts/static-server.ts';
import { buildWidget } from '../scripts/pipeline/widget-bundle.ts';
// The page's `window.Kotae`, as the widget declares it.
import type {} from '../widget/api.ts';
import { reportLine } from './record.ts';

const { values } = parseArgs({
  options: {
    content: { type: 'string', default: 'content' },
    query: { type: 'string', default: 'reset password' },
    runs: { type: 'string', default: '5' },
    record: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got "${values.runs}"`);

const files = new Map<string, Uint8Array>();
const put = (file: string, content: string | Uint8Array) => files.set(file, typeof content === 'string' ? Buffer.from(content) : content);
const compiled = compileContent({ contentDir: values.content! }, put);
if (!compiled.config) {
  process.stderr.write(`bench:widget: ${values.content} did not compile; run npm run check\n`);
  process.exit(1);
}
await buildWidget(put);
put(
  'bench.html',
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><script async src="widget/kotae.js"></script></head><body><main><h1>Host page</h1></main></body></html>',
);

const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });
/** Gzipped bytes of the widget chunk `widget/<name>-<hash>.js`; 0 when the build has no such chunk. */
const chunkGz = (name: string): number => {
  const chunk = [...files.keys()].find((f) => new RegExp(`^widget/${name}-[\\w-]+\\.js$`).test(f));
  return chunk ? gz(files.get(chunk)!).length : 0;
};
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  json: 'application/json',
  bin: 'application/octet-stream',
  txt: 'text/plain; charset=utf-8',
};
const compressed = new Map<string, Buffer>();
const server = http.createServer((req, res) => {
  const file = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
  const body = files.get(file);
  if (!body) return res.writeHead(404).end();
  let packed = compressed.get(file);
  if (!packed) compressed.set(file, (packed = gz(body)));
  const useGzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
  res.writeHead(200, {
    'content-type': TYPES[file.split('.').pop()!] ?? 'application/octet-stream',
    'content-security-policy': STRICT_CSP,
    'cache-control': 'no-cache',
    ...(useGzip ? { 'content-encoding': 'gzip' } : {}),
  });
  res.end(useGzip ? packed : body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** A fresh context and page with the throttled network; returns the page and a transfer log by path. */
async function throttledPage(browser: Browser): Promise<{ page: Page; transferred: Map<string, number>; close: () => Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
  const urls = new Map<string, string>();
  const transferred = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, new URL(e.request.url).pathname));
  cdp.on('Network.loadingFinished', (e) => {
    const path = urls.get(e.requestId);
    if (path) transferred.set(path, (transferred.get(path) ?? 0) + e.encodedDataLength);
  });
  return { page, transferred, close: () => context.close() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const openBytes: number[] = [];
  const dataBytes: number[] = [];
  const resultMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    // First open: page load, then a click on the launcher, until the start view lists entries.
    const a = await throttledPage(browser);
    await a.page.goto(`${origin}/bench.html`);
    await a.page.locator('kotae-widget .launcher').click();
    await a.page.locator('kotae-widget .result').first().waitFor({ timeout: 60_000 });
    let code = 0;
    let data = 0;
    for (const [path, bytes] of a.transferred) {
      if (path === '/bench.html') continue;
      if (path.startsWith('/data/')) data += bytes;
      else code += bytes;
    }
    openBytes.push(code);
    dataBytes.push(data);
    await a.close();

    // First result: from the API call (only the loader has run) to the first result on screen.
    const b = await throttledPage(browser);
    await b.page.goto(`${origin}/bench.html`);
    await b.page.waitForFunction(() => typeof window.Kotae === 'function' && 'v' in window.Kotae);
    resultMs.push(
      await b.page.evaluate(async (query) => {
        const started = performance.now();
        await window.Kotae('search', query);
        const root = document.querySelector('kotae-widget')!.shadowRoot!;
        // No named functions in here: tsx would wrap them in a helper the page does not have.
        while (!root.querySelector('kotae-search-view .result')) await new Promise((resolve) => requestAnimationFrame(resolve));
        await new Promise((resolve) => requestAnimationFrame(resolve));
        return performance.now() - started;
      }, values.query!),
    );
    await b.close();
  }
  reportLine('widget', {
    loader_gz: gz(files.get('widget/kotae.js')!).length,
    first_open_gz: median(openBytes),
    first_open_data_gz: median(dataBytes),
    first_result_ms: Math.round(median(resultMs)),
    // The chunks loaded later, on the way to an answer or an inquiry (gzip, as served).
    engine_gz: chunkGz('engine'),
    inquiry_form_gz: chunkGz('inquiry-form'),
    page_outbox_gz: chunkGz('page-outbox'),
  });
} finally {
  await browser.close();
  server.close();
}

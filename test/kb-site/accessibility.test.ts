import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, EntryPayload, Manifest } from '../../content/schema/index.ts';
import { renderSite, type KbSiteConfig } from '../../kb-site/render-site.tsx';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';

// Real Chromium, the site served with a strict Content-Security-Policy, checked with axe-core.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'";
const PAGES = [
  '/',
  '/ja/',
  '/en/',
  '/ja/articles/camera-wifi/',
  '/en/faq/camera-reset/',
  '/en/faq/led-codes/',
  '/en/products/camera/',
  '/ja/products/camera/setup/',
  '/en/faqs/',
  '/ja/faqs/errors/',
  '/en/search/?q=wifi',
  '/ja/contact/',
  '/en/404.html',
];
// The widget is built by its own module; its loader is stood in by an empty script here.
const WIDGET_STUB = '/* widget loader stand-in */';

let browser: Browser;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  const files = new Map<string, string | Uint8Array>();
  compileContent({ contentDir: 'test/fixtures/good-content', today: '2026-11-01' }, (file, content) => files.set(file, content));
  const json = (file: string): unknown => JSON.parse(String(files.get(file)));
  const manifest = Manifest.parse(json('data/manifest.json'));
  const site = renderSite({
    // Self-service events go to this server (same origin: the CSP allows it), which accepts them (below).
    config: { ...(json('data/site.json') as KbSiteConfig), intake: { url: '/' } },
    manifest,
    catalogs: new Map(manifest.locales.map((l) => [l.code, Catalog.parse(json(l.catalog))])),
    payload: (locale, id) => EntryPayload.parse(json(`data/${locale}/entries/${id}.json`)),
  });
  for (const [file, content] of site) files.set(file, content);
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    css: 'text/css',
    svg: 'image/svg+xml',
    js: 'text/javascript',
    json: 'application/json',
    bin: 'application/octet-stream',
    txt: 'text/plain',
  };
  server = http.createServer((req, res) => {
    let file = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    if (file === 'v1/events' && req.method === 'POST') return void req.resume().on('end', () => res.writeHead(202).end());
    if (file === '' || file.endsWith('/')) file += 'index.html';
    const body = file === 'widget/kotae.js' ? WIDGET_STUB : files.get(file);
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[file.split('.').pop() ?? ''] ?? 'application/octet-stream', 'content-security-policy': CSP });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

describe('KB pages in Chromium', () => {
  // One test per page and scheme, so a slow machine spends its time limit on one page, not on all of them.
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const url of PAGES) {
      it(`${url} has no axe violations and no CSP violations (${colorScheme})`, async () => {
        const context = await browser.newContext({ colorScheme, viewport: { width: 320, height: 800 } });
        const problems: string[] = [];
        const page = await context.newPage();
        // A CSP violation is reported as a console error; failed loads are checked by response instead.
        page.on('console', (msg) => {
          if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
        });
        page.on('response', (res) => {
          if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
        });
        page.on('requestfailed', (req) => problems.push(`failed ${req.url()}`));
        await page.goto(origin + url);
        if (url.includes('?q=')) await page.locator('.search-result').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${overflow}px wider than a 320px screen`);
        // page.evaluate is not subject to the page's CSP, so axe runs without weakening the policy under test.
        await page.evaluate(AXE_SOURCE);
        // The dark scheme changes colours only: every rule runs in light, the colour rules in dark.
        const options =
          colorScheme === 'light' ? { resultTypes: ['violations'] } : { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['cat.color'] } };
        const result = (await page.evaluate((o) => (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run(o), options)) as AxeResult;
        for (const v of result.violations) problems.push(`${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        // The page's own problems: closing it aborts its self-service events still on their way (they go
        // 5 s after the page opens, which a slow machine reaches before axe is done).
        const found = [...problems];
        await context.close();
        expect(found).toEqual([]);
      });
    }
  }

  it('the skip link is hidden until focused, then visible, and moves focus to main', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    const link = page.locator('a.skip-link');
    const hiddenBox = await link.boundingBox();
    expect((hiddenBox?.y ?? 0) + (hiddenBox?.height ?? 0)).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect((await link.boundingBox())?.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-main');
    await page.close();
  });
});

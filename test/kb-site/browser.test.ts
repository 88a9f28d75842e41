import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite, type RenderSiteInput } from '../../kb-site/render-site.tsx';
import { serveStatic } from '../../scripts/static-server.ts';
import { compileFixture } from './fixture-site.ts';

// The fixture site written to a folder and served by our static server (strict CSP, 404 pages), in Chromium.
let browser: Browser;
let server: Server;
let origin: string;
let dir: string;
let input: RenderSiteInput;
let data: Map<string, string | Uint8Array>;

function writeSite(files: Iterable<[string, string | Uint8Array]>): void {
  for (const [file, content] of files) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-kb-browser-'));
  ({ data, input } = compileFixture());
  writeSite(data);
  writeSite(renderSite(input));
  writeSite([['widget/kotae.js', '/* widget loader stand-in */']]);
  server = await serveStatic(dir, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

async function stopServer(): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

afterAll(async () => {
  await browser?.close();
  if (server?.listening) await stopServer();
  rmSync(dir, { recursive: true, force: true });
});

describe('search page', () => {
  it('shows results with highlighted passages for ?q= and keeps the typed query in the URL', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/en/search/?q=password`);
    await page.locator('.search-result').first().waitFor();
    expect(await page.inputValue('#kb-search-q')).toBe('password');
    expect(await page.locator('.search-result-title a').first().getAttribute('href')).toMatch(/^\/en\/articles\/camera-wifi\//);
    expect(await page.locator('.search-result mark').count()).toBeGreaterThan(0);
    expect(await page.textContent('#kb-search-status')).toMatch(/^\d+ results? for “password”$/);
    expect(await page.textContent('.search-result mark')).toBe('password');

    await page.fill('#kb-search-q', 'LED blink');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'LED blink');
    await page.waitForFunction(() => document.querySelector('#kb-search-status')?.textContent?.includes('LED blink'));
    expect(await page.locator('.search-result-title a').first().getAttribute('href')).toMatch(/^\/en\/faq\/led-codes\//);
    // The help widget's loader joins after the page has loaded, in the page's language.
    await page.waitForFunction(() => document.querySelector<HTMLScriptElement>('script[src="/widget/kotae.js"]')?.dataset.locale === 'en');
    expect(await page.locator('script[src="/widget/kotae.js"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when nothing matches, in the page’s language', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${origin}/ja/search/?q=${encodeURIComponent('xyzzyqq')}`);
    await page.waitForFunction(() => document.querySelector('#kb-search-status')?.textContent?.includes('xyzzyqq'));
    expect(await page.textContent('#kb-search-status')).toContain('一致する結果はありません');
    expect(await page.locator('.search-result-title').count()).toBe(0);
    await context.close();
  });

  it('without JavaScript, the home search box leads to the search page and browse links remain', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/en/`);
    await page.fill('#kb-home-q', 'wifi');
    await page.press('#kb-home-q', 'Enter');
    await page.waitForURL(/\/en\/search\/\?q=wifi$/);
    expect(await page.locator('.browse a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toContain('/en/products/camera/');
    // An article reads completely without JavaScript.
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    expect(await page.textContent('h1')).toBe('Connect the camera to Wi-Fi');
    expect((await page.textContent('.entry-body'))?.length).toBeGreaterThan(50);
    await page.click('text=Yes');
    expect(await page.isVisible('#kb-vote-thanks')).toBe(true);
    await context.close();
  });

  it('an unknown URL gets the locale’s 404 page with status 404', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/ja/no-such-page/`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('ページが見つかりません');
    await page.close();
  });
});

describe('root page', () => {
  it('sends a reader to their browser’s language, or to the one they chose in the switcher', async () => {
    const context = await browser.newContext({ locale: 'en-GB', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForURL(`${origin}/en/`);
    await page.click('.language-switcher a[hreflang="ja"]');
    await page.waitForURL(`${origin}/ja/`);
    await page.goto(`${origin}/`);
    await page.waitForURL(`${origin}/ja/`);
    await context.close();
  });

  it('without JavaScript, it is a list of links to every locale', async () => {
    const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('.locale-list a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['/ja/', '/en/']);
    await context.close();
  });
});

describe('offline', () => {
  it('a visited article reloads offline from the service worker; a new build offers “updated content — reload”', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    await expect
      .poll(() => page.evaluate(async () => Boolean(navigator.serviceWorker.controller) && Boolean(await caches.match(location.href))), { timeout: 60_000 })
      .toBe(true);

    // Offline: the server is gone (closer to a lost connection than DevTools' offline mode, which
    // Chromium applies before the service worker sees the request).
    await stopServer();
    await page.reload();
    expect(await page.textContent('h1')).toBe('Connect the camera to Wi-Fi');
    // The shell is precached: a locale home never visited opens offline too.
    await page.goto(`${origin}/ja/`);
    expect(await page.textContent('h1')).toBe('テストサポート');
    server = await serveStatic(dir, Number(new URL(origin).port));

    // A new build (content changed) → a new worker waits → the page shows the prompt → reload takes it over.
    const changed: RenderSiteInput = { ...input, manifest: { ...input.manifest, contentHash: `${input.manifest.contentHash}-next` } };
    writeSite(renderSite(changed));
    await page.goto(`${origin}/en/articles/camera-wifi/`);
    const shellRevision = () =>
      page.evaluate(async () => {
        for (const name of await caches.keys())
          for (const request of await (await caches.open(name)).keys())
            if (new URL(request.url).pathname === '/ja/') return new URL(request.url).searchParams.get('__WB_REVISION__');
        return null;
      });
    const before = await shellRevision();
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page.locator('#kb-update').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.textContent('#kb-update p')).toBe('The help center has updated content.');
    await Promise.all([page.waitForEvent('load'), page.click('#kb-update-reload')]);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting === null)).toBe(true);
    const after = await shellRevision();
    expect(after).toMatch(/^[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
    expect(await page.isHidden('#kb-update')).toBe(true);
    writeSite(renderSite(input));
    await context.close();
  });
});

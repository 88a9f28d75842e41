import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderSite, type RenderSiteInput } from '../../kb-site/render-site.tsx';
import { serveStatic } from '../../scripts/static-server.ts';
import { type EventRecorder, startEventRecorder } from '../widget/event-recorder.ts';
import { axeViolations } from '../widget/widget-server.ts';
import { compileFixture } from './fixture-site.ts';

// The KB islands' anonymous self-service events in Chromium: the fixture site built twice (insights on and
// off), each served by our static server under its strict CSP with the recorder's origin in connect-src.
let browser: Browser;
let recorder: EventRecorder;
let context: BrowserContext;
const sites: Record<'on' | 'off', { dir: string; server: Server; origin: string }> = {} as never;

async function serveSite(input: RenderSiteInput, data: Map<string, string | Uint8Array>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kotae-kb-insights-'));
  for (const [file, content] of [...data, ...renderSite(input), ['widget/kotae.js', '/* widget loader stand-in */'] as const]) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  const server = await serveStatic(dir, 0, '127.0.0.1', { connectTo: [recorder.origin] });
  return { dir, server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  recorder = await startEventRecorder();
  const { data, input } = compileFixture();
  const config = { ...input.config, intake: { url: recorder.origin } };
  sites.on = await serveSite({ ...input, config }, data);
  sites.off = await serveSite({ ...input, config: { ...config, insights: { ...config.insights!, enabled: false } } }, data);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  for (const site of Object.values(sites)) {
    site.server.closeAllConnections();
    await new Promise((resolve) => site.server.close(resolve));
    rmSync(site.dir, { recursive: true, force: true });
  }
  await recorder?.close();
});
beforeEach(async () => {
  recorder.requests.length = 0;
  context = await browser.newContext({ serviceWorkers: 'block' });
});
afterEach(async () => {
  await context.close();
});

/** The page as the browser sees it when the reader switches tabs: hidden, which sends the events. */
async function hide(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

describe('self-service events from the KB pages', () => {
  it('the search page sends its search with personal data redacted; an article opened from it says so; "No" asks what was missing and sends one vote', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${sites.on.origin}/en/search/?q=${encodeURIComponent('wifi setup for taro@example.com')}`);
    await page.locator('.search-result').first().waitFor();
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(1);
    const [search] = recorder.events();
    expect(search).toMatchObject({ type: 'search', query: 'wifi setup for [email]', surface: 'kb', locale: 'en', top: 'camera-wifi' });
    expect(recorder.requests.map((r) => r.body).join('')).not.toContain('taro');

    // A fresh page, so its visibility is real again: the article opened from the results.
    await page.goto(`${sites.on.origin}/en/search/?q=wifi`);
    await page.locator('.search-result a').first().click();
    await page.waitForURL(/\/en\/articles\/camera-wifi\/$/);
    await page.locator('[data-kotae-vote=no]').click();
    const reasons = page.locator('#kb-vote-reasons');
    await reasons.waitFor({ state: 'visible' });
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('reason');
    expect(await axeViolations(page)).toEqual([]);
    await reasons.locator('input[value=outdated]').check();
    await page.locator('#kb-vote-text').fill('The menu is called Network now. Mail me at taro@example.com');
    await page.locator('[data-kb-explain=send]').click();
    await page.locator('#kb-vote-thanks').waitFor({ state: 'visible' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-vote-thanks');
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(4);
    const [searched, view, vote] = recorder.events().slice(1);
    expect(searched).toMatchObject({ type: 'search', query: 'wifi' });
    expect(view).toMatchObject({ type: 'article_view', entry: 'camera-wifi', via: 'search', surface: 'kb', product: 'camera' });
    expect(vote).toMatchObject({
      type: 'vote',
      entry: 'camera-wifi',
      helpful: false,
      reason: 'outdated',
      text: 'The menu is called Network now. Mail me at [email]',
    });
    expect(view!.session).toBe(vote!.session);
    expect(view!.session).not.toBe(searched!.session);
    expect(errors).toEqual([]);
  });

  it('an article opened directly is viewed via kb_page; "Yes" is a helpful vote', async () => {
    const page = await context.newPage();
    await page.goto(`${sites.on.origin}/en/articles/camera-wifi/`);
    await page.locator('[data-kotae-vote=yes]').click();
    await page.locator('#kb-vote-thanks').waitFor({ state: 'visible' });
    await hide(page);
    await expect.poll(() => recorder.events().map((e) => e.type)).toEqual(['article_view', 'vote']);
    expect(recorder.events()).toMatchObject([
      { entry: 'camera-wifi', via: 'kb_page' },
      { entry: 'camera-wifi', helpful: true },
    ]);
  });
});

describe('no events leave a KB page when they are off', () => {
  const cases: [string, 'on' | 'off', ((c: BrowserContext) => Promise<unknown>) | undefined][] = [
    ['the site config turns insights off', 'off', undefined],
    [
      'the browser sends Global Privacy Control',
      'on',
      (c) => c.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })),
    ],
    ['the browser sends Do Not Track', 'on', (c) => c.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }))],
  ];
  for (const [when, site, setUp] of cases)
    it(`none when ${when}; "No" stays the way to contact`, async () => {
      await setUp?.(context);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (req) => req.url().startsWith(recorder.origin) && !req.url().endsWith('/sentinel') && requests.push(req.url()));
      await page.goto(`${sites[site].origin}/en/search/?q=wifi`);
      await page.locator('.search-result').first().waitFor();
      await page.locator('.search-result a').first().click();
      await page.waitForURL(/\/en\/articles\/camera-wifi\/$/);
      await page.locator('[data-kotae-vote=no]').click();
      // Without the widget (a stand-in here), "No" leads to the contact page, as without JavaScript.
      await page.waitForURL(/\/en\/contact\/$/);
      await hide(page);
      // A sentinel sent after the last chance to send: what the page sent before it has arrived by then.
      await page.evaluate((origin) => void fetch(`${origin}/sentinel`, { method: 'POST', body: 'x' }), recorder.origin);
      await expect.poll(() => recorder.requests.some((r) => r.path === '/sentinel')).toBe(true);
      expect(requests).toEqual([]);
      expect(recorder.requests.filter((r) => r.path !== '/sentinel')).toEqual([]);
    });
});

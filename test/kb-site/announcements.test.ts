import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../kb-site/render-site.tsx';
import { serveStatic } from '../../scripts/static-server.ts';
import { compileFixture } from './fixture-site.ts';

// The fixture site (its announcements: camera-outage until 2099, site-maintenance until 2098, old-notice
// ended in 2025) served with the strict CSP, in Chromium, with the browser's clock set by each test.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
let server: Server;
let origin: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-kb-announce-'));
  const { data, input } = compileFixture();
  for (const [file, content] of [...data, ...renderSite(input), ['widget/kotae.js', '/* widget loader stand-in */'] as const]) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  server = await serveStatic(dir, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** A page whose clock reads `at`; collects console errors (CSP violations among them). */
async function pageAt(at: string, colorScheme: 'light' | 'dark' = 'light'): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ serviceWorkers: 'block', colorScheme });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(at));
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors, close: () => context.close() };
}

const shownIds = (page: Page) => page.$$eval('#kb-announcements .announcement', (items) => items.map((i) => (i as HTMLElement).dataset.id));

describe('announcements banner on KB pages', () => {
  it('shows the running announcements, severity styled and labelled, as a named region without axe violations', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors, close } = await pageAt('2026-12-02T12:00:00Z', colorScheme);
      await page.goto(`${origin}/en/`);
      const banner = page.getByRole('region', { name: 'Announcements' });
      await banner.locator('.announcement').nth(1).waitFor();
      expect(await shownIds(page)).toEqual(['camera-outage', 'site-maintenance']);
      const incident = banner.locator('.announcement-incident');
      expect(await incident.locator('.announcement-title').textContent()).toBe('Incident Cloud recording is delayed');
      expect(await incident.locator('.announcement-body a').getAttribute('href')).toBe('/en/articles/camera-wifi/');
      expect(await banner.locator('.announcement-maintenance .announcement-severity').textContent()).toBe('Maintenance');
      // Severity has its own colour: the incident's bar differs from the maintenance notice's.
      const bars = await banner.locator('.announcement').evaluateAll((items) => items.map((i) => getComputedStyle(i).borderInlineStartColor));
      expect(bars[0]).not.toBe(bars[1]);
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(() =>
        (window as unknown as { axe: { run: (c: string, o: object) => Promise<unknown> } }).axe.run('#kb-announcements', { resultTypes: ['violations'] }),
      )) as { violations: { id: string; nodes: unknown[] }[] };
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    }
  });

  it('leaves out what the build dropped and what has ended by the browser’s clock, without a rebuild', async () => {
    const later = await pageAt('2098-06-01T00:00:00Z');
    await later.page.goto(`${origin}/en/faq/led-codes/`);
    await later.page.locator('#kb-announcements .announcement').first().waitFor();
    expect(await shownIds(later.page)).toEqual(['camera-outage']);
    await later.close();

    const after = await pageAt('2100-01-01T00:00:00Z');
    await after.page.goto(`${origin}/en/`);
    await after.page.locator('#kb-announcements[data-ready]').waitFor({ state: 'attached' });
    expect(await shownIds(after.page)).toEqual([]);
    expect(await after.page.isVisible('#kb-announcements')).toBe(false);
    await after.close();

    const before = await pageAt('2025-01-01T12:00:00Z');
    await before.page.goto(`${origin}/en/`);
    await before.page.locator('#kb-announcements[data-ready]').waitFor({ state: 'attached' });
    // old-notice was running then, but had ended when the site was built: not in the data, so not shown.
    expect(await shownIds(before.page)).toEqual([]);
    expect(await before.page.isVisible('#kb-announcements')).toBe(false);
    await before.close();
  });

  it('speaks the page’s language and remembers a dismissed announcement', async () => {
    const { page, close } = await pageAt('2026-12-02T12:00:00Z');
    await page.goto(`${origin}/ja/`);
    const banner = page.getByRole('region', { name: 'お知らせ' });
    await banner.locator('.announcement').nth(1).waitFor();
    expect(await banner.locator('.announcement-incident .announcement-title').textContent()).toBe('障害 クラウド録画が遅延しています');
    await banner.getByRole('button', { name: '閉じる: 定期メンテナンスのお知らせ' }).click();
    await page.waitForFunction(() => document.querySelectorAll('#kb-announcements .announcement').length === 1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-main');
    await page.reload();
    await banner.locator('.announcement').first().waitFor();
    expect(await shownIds(page)).toEqual(['camera-outage']);
    await close();
  });

  it('lists the running announcements a query is about first in the search results, and only those', async () => {
    const { page, errors, close } = await pageAt('2026-12-02T12:00:00Z');
    await page.goto(`${origin}/en/search/?q=${encodeURIComponent('wifi offline')}`);
    await page.locator('.search-result').first().waitFor();
    const listed = page.getByRole('region', { name: 'Announcements' }).filter({ has: page.getByRole('heading', { name: 'Announcements' }) });
    expect(await listed.locator('.announcement').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.id))).toEqual(['camera-outage']);
    // Before the first result, in the results area.
    expect(await page.evaluate(() => document.querySelector('#kb-search-results')?.firstElementChild?.className)).toBe('search-announcements');
    await page.evaluate(AXE_SOURCE);
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (c: string, o: object) => Promise<unknown> } }).axe.run('#kb-search-results', { resultTypes: ['violations'] }),
    )) as { violations: { id: string }[] };
    expect(result.violations.map((v) => v.id)).toEqual([]);

    await page.fill('#kb-search-q', 'LED blink');
    await page.waitForFunction(() => document.querySelector('#kb-search-status')?.textContent?.includes('LED blink'));
    expect(await page.locator('.search-announcements').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('on a product’s pages, shows only the announcements about that product or about every product', async () => {
    const { page, close } = await pageAt('2026-12-02T12:00:00Z');
    // One more announcement, about another product, added to what the build wrote.
    await page.route('**/data/en/announcements.json', async (route) => {
      const file = (await (await route.fetch()).json()) as { announcements: Record<string, unknown>[] };
      const other = { ...file.announcements[0], id: 'router-outage', title: 'Router outage', products: ['router'] };
      await route.fulfill({ json: { ...file, announcements: [...file.announcements, other] } });
    });
    await page.goto(`${origin}/en/`);
    await page.locator('#kb-announcements[data-ready]').waitFor({ state: 'attached' });
    expect(await shownIds(page)).toEqual(['camera-outage', 'site-maintenance', 'router-outage']);
    for (const url of ['/en/products/camera/', '/en/articles/camera-wifi/']) {
      await page.goto(origin + url);
      await page.locator('#kb-announcements[data-ready]').waitFor({ state: 'attached' });
      expect(await page.getAttribute('#kb-announcements', 'data-product')).toBe('camera');
      expect(await shownIds(page)).toEqual(['camera-outage', 'site-maintenance']);
    }
    await close();
  });

  it('is absent from the markup without scripts, so an ended announcement cannot stay up', async () => {
    const html = readFileSync(path.join(dir, 'en/index.html'), 'utf8');
    expect(html).toMatch(/<section class="announcements" id="kb-announcements" aria-label="Announcements" hidden data-src="\/data\/en\/announcements.json"/);
    expect(html).not.toContain('Cloud recording is delayed');
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../kb-site/render-site.tsx';
import { serveStatic } from '../../scripts/static-server.ts';
import { axeViolations, launchChromium } from '../widget/widget-server.ts';
import { compileFixture } from './fixture-site.ts';

// Issue 18, "Customers" 2 and 3 on the KB: the search page admits when nothing answers (the widget's gate),
// offers contact first and shows weak matches as such; untranslated entries are found and marked. The
// sample site, served by our static server (strict CSP), in Chromium on a phone and a desktop.
let browser: Browser;
let server: Server;
let origin: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-kb-gate-'));
  const { data, input } = compileFixture('content');
  for (const [file, content] of [...data, ...renderSite(input), ['widget/kotae.js', '/* widget loader stand-in */'] as const]) {
    const target = path.join(dir, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  server = await serveStatic(dir, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const SIZES = [
  ['phone', { width: 375, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;

/** The search page of `locale` for `query`, once the island has shown what it found. */
async function searchPage(
  size: { width: number; height: number },
  locale: string,
  query: string,
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: size, serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors: string[] = [];
  // Console messages are left out: the sample's intake (for the insights events) is not running here.
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origin}/${locale}/search/?q=${encodeURIComponent(query)}`);
  await page.waitForFunction((q) => document.querySelector('#kb-search-status')?.textContent?.includes(q), query, { timeout: 60_000 });
  return { page, errors, close: () => context.close() };
}

const status = (page: Page) => page.textContent('#kb-search-status');
const titles = (page: Page, scope = '#kb-search-results') => page.locator(`${scope} .search-result-title a`).allTextContents();
/** The children of the results area in order, by what they are. */
const layout = (page: Page) =>
  page
    .locator('#kb-search-results > *')
    .evaluateAll((els) => els.map((e) => (e.classList.contains('search-contact') ? 'contact' : e.className || e.tagName.toLowerCase())));

describe.each(SIZES)('the KB search page on a %s', (_, size) => {
  it.each([
    ['en', 'xyzzy plugh', 'No good answer for “xyzzy plugh”.', 'Didn’t find your answer?', 'Contact support'],
    ['en', 'how do I get a refund for my order', 'No good answer for “how do I get a refund for my order”.', 'Didn’t find your answer?', 'Contact support'],
    // Not one result in Japanese: the status says so plainly.
    [
      'ja',
      'xyzzy plugh',
      '「xyzzy plugh」に一致する結果はありません。別の言葉でお試しください。',
      'お探しの答えが見つかりませんか？',
      'サポートに問い合わせる',
    ],
    ['ja', '払い戻し', '「払い戻し」に合う答えは見つかりませんでした。', 'お探しの答えが見つかりませんか？', 'サポートに問い合わせる'],
  ])('%s “%s”: says nothing answers, contact first, weak matches only as possibly related', async (locale, query, line, title, button) => {
    const { page, errors, close } = await searchPage(size, locale, query);
    expect(await status(page)).toBe(line);
    expect(await status(page)).not.toMatch(/\d+ (results?|件)/);
    const [first, ...rest] = await layout(page);
    expect(first).toBe('contact');
    expect(await page.textContent('.search-contact h2')).toBe(title);
    const contact = page.locator('.search-contact a.button');
    expect(await contact.textContent()).toBe(button);
    expect(await contact.getAttribute('href')).toBe(`/${locale}/contact/`);
    // In view at once, without scrolling past results.
    expect(await contact.evaluate((el) => el.getBoundingClientRect().bottom <= innerHeight)).toBe(true);
    // Whatever matched comes under its own heading, never as "the" results.
    if (rest.length) {
      expect(rest).toEqual(['search-group', 'search-results']);
      expect(await page.textContent('.search-group')).toBe(locale === 'en' ? 'Possibly related' : '関連するかもしれない記事');
      expect(await page.locator('.search-results h3.search-result-title').count()).toBe(await page.locator('.search-result').count());
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('an answered query keeps its results first, with no contact while the gate is when-unanswered', async () => {
    const { page, close } = await searchPage(size, 'en', 'reset password');
    expect(await status(page)).toMatch(/^\d+ results? for “reset password”$/);
    expect(await layout(page)).toEqual(['search-results']);
    await close();
  });

  it.each([
    ['en', 'talk to a human', 'You asked to reach our team.'],
    ['ja', '担当者と話したい', '担当者へのお問い合わせをご希望ですね。'],
    ['ja', '問い合わせ', '担当者へのお問い合わせをご希望ですね。'],
  ])('%s “%s” asks for a person: contact comes first', async (locale, query, title) => {
    const { page, close } = await searchPage(size, locale, query);
    expect((await layout(page))[0]).toBe('contact');
    expect(await page.textContent('.search-contact h2')).toBe(title);
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  it('finds the Japanese-only "delete my account" FAQ in English, labelled "In Japanese"', async () => {
    const { page, close } = await searchPage(size, 'en', 'delete my account');
    expect((await titles(page))[0]).toBe('Nagisa ID を削除（退会）したいです');
    const first = page.locator('.search-result').first();
    expect(await first.locator('.search-result-title').getAttribute('lang')).toBe('ja');
    expect(await first.locator('.entry-language').textContent()).toBe('In Japanese');
    expect(await first.locator('.entry-language').getAttribute('lang')).toBe('en');
    // Only untranslated entries are labelled.
    expect(await page.locator('.search-result .entry-language').count()).toBe(await page.locator('.search-result-title[lang=ja]').count());
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe.each(SIZES)('English lists on a %s', (_, size) => {
  it.each(['/en/products/general/accounts/', '/en/faqs/', '/en/faqs/accounts/'])('%s marks untranslated entries "In Japanese", and only them', async (url) => {
    const context = await browser.newContext({ viewport: size, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${origin}${url}`);
    const labelled = await page
      .locator('.entry-language')
      .evaluateAll((els) =>
        els.map((e) => [e.textContent, e.closest('li, details')!.getAttribute('lang') ?? e.closest('li')!.querySelector('a')!.getAttribute('lang')]),
      );
    expect(labelled.length).toBeGreaterThan(0);
    for (const [text, lang] of labelled) expect([text, lang]).toEqual(['In Japanese', 'ja']);
    const untranslated = await page.locator('main a[lang=ja], main details[lang=ja]').count();
    expect(labelled).toHaveLength(untranslated);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

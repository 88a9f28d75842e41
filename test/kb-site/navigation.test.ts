import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSite, type RenderSiteInput } from '../../kb-site/render-site.tsx';
import { serveStatic } from '../../scripts/static-server.ts';
import { compileFixture } from './fixture-site.ts';

// The help-center navigation in real Chromium, served with the strict CSP: sidebar, outline, previous /
// next, "Edit this page", the theme switch and the phone menu.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Stands in for the widget's loader: records the commands the page sends it.
const WIDGET_STUB = 'window.Kotae = (...call) => ((window.kotaeCalls ??= []).push(call), Promise.resolve());\n';
const EDIT_URL = 'https://github.com/example/help/edit/main/content/{path}';
const ARTICLE = '/en/articles/camera-wifi/';
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, colorScheme: 'light', serviceWorkers: 'block' };
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 740 }, colorScheme: 'light', serviceWorkers: 'block', isMobile: true, hasTouch: true };

let browser: Browser;
let dir: string;
/** The site as the fixture configures it (no `site.editUrl`), and with `site.editUrl` set. */
const sites: { plain?: { server: Server; origin: string }; editable?: { server: Server; origin: string } } = {};

function writeSite(root: string, files: Iterable<[string, string | Uint8Array]>): void {
  for (const [file, content] of files) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

async function serve(name: string, input: RenderSiteInput, data: Map<string, string | Uint8Array>) {
  const root = path.join(dir, name);
  writeSite(root, data);
  writeSite(root, renderSite(input));
  writeSite(root, [['widget/kotae.js', WIDGET_STUB]]);
  const server = await serveStatic(root, 0);
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-kb-nav-'));
  const { data, input } = compileFixture();
  // The fixture's article has too few headings for an outline, and is short: give it three, and length,
  // so the outline shows and the page scrolls.
  const long = '<p>The camera needs a 2.4 GHz network. Keep it near the router while it joins.</p>'.repeat(12);
  // Self-service events are not this file's subject: without `intake` the pages send none (the fixture's
  // intake is on another origin, which the strict CSP refuses).
  const { intake: _, ...config } = input.config;
  const withOutline: RenderSiteInput = {
    ...input,
    config,
    payload: (locale, id) => {
      const entry = input.payload(locale, id);
      if (id !== 'camera-wifi') return entry;
      const headings = ['Before you start', 'Join the network', 'If it fails'].map((text, i) => ({ id: `h${i}`, text, depth: 2 }));
      return { ...entry, toc: headings, html: entry.html + headings.map((h) => `<h2 id="${h.id}">${h.text}</h2>${long}`).join('') };
    },
  };
  sites.plain = await serve('plain', withOutline, data);
  sites.editable = await serve('editable', { ...withOutline, config: { ...config, site: { ...config.site, editUrl: EDIT_URL } } }, data);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  for (const site of [sites.plain, sites.editable]) {
    site?.server.closeAllConnections();
    await new Promise((resolve) => site?.server.close(resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A page of the plain site that fails the test on a script error or a CSP violation. */
async function open(
  options: BrowserContextOptions,
  url: string,
  origin = sites.plain!.origin,
): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  await page.goto(origin + url);
  return { page, problems, close: () => context.close() };
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }),
  )) as {
    violations: { id: string; nodes: { target: string[] }[] }[];
  };
  return result.violations.map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('desktop (1280 px)', () => {
  it('shows the product’s sidebar beside a wide page, the current entry marked, and the whole search placeholder', async () => {
    const { page, problems, close } = await open(DESKTOP, ARTICLE);
    const sidebar = page.locator('nav.sidebar');
    expect(await sidebar.isVisible()).toBe(true);
    expect(await sidebar.getAttribute('aria-label')).toBe('Camera articles');
    const current = sidebar.locator('[aria-current="page"]');
    expect(await current.count()).toBe(1);
    expect(await current.textContent()).toBe('Connect the camera to Wi-Fi');
    expect(await current.getAttribute('href')).toBe(ARTICLE);
    // Both categories of the product, each with its entries (the untranslated one in its own language).
    expect(await sidebar.locator('.sidebar-category').allTextContents()).toEqual(['Setup', 'Errors']);
    expect(await sidebar.locator('a[href="/en/faq/camera-reset/"]').getAttribute('lang')).toBe('ja');
    expect(await page.isHidden('#kb-menu-button')).toBe(true);

    const side = (await sidebar.boundingBox())!;
    const main = (await page.locator('main').boundingBox())!;
    expect(side.x + side.width).toBeLessThanOrEqual(main.x);
    // The page uses the width: sidebar and main together take most of it (one 46rem column did not).
    expect(main.x + main.width - side.x).toBeGreaterThan(1100);

    const placeholderFits = await page.$eval('#kb-header-q', (input) => {
      const el = input as HTMLInputElement;
      const style = getComputedStyle(el);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = style.font;
      const room = el.clientWidth - Number.parseFloat(style.paddingInlineStart) - Number.parseFloat(style.paddingInlineEnd);
      return context.measureText(el.placeholder).width <= room;
    });
    expect(placeholderFits).toBe(true);
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps the outline in view while the article scrolls, beside the text', async () => {
    const { page, close } = await open(DESKTOP, ARTICLE);
    const toc = page.locator('.toc');
    expect(await toc.locator('a').allTextContents()).toEqual(['Before you start', 'Join the network', 'If it fails']);
    await page.locator('#h2').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 400));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(800);
    const box = (await toc.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(800);
    const body = (await page.locator('.entry-body').boundingBox())!;
    expect(body.x + body.width).toBeLessThanOrEqual(box.x);
    await close();
  });

  it('links the previous and next entries of the category', async () => {
    const { page, close } = await open(DESKTOP, ARTICLE);
    expect(await page.locator('.pager a[rel="prev"]').count()).toBe(0);
    const next = page.locator('.pager a[rel="next"]');
    expect(await next.getAttribute('href')).toBe('/en/faq/camera-reset/');
    expect(await next.locator('.pager-title').getAttribute('lang')).toBe('ja');
    await Promise.all([page.waitForURL(/\/en\/faq\/camera-reset\/$/), next.click()]);
    expect(await page.locator('.pager a[rel="next"]').count()).toBe(0);
    expect(await page.locator('.pager a[rel="prev"]').getAttribute('href')).toBe(ARTICLE);
    expect(await page.locator('.pager a[rel="prev"] .pager-hint').textContent()).toBe('Previous');
    // Alone in its category: no pager.
    await page.goto(`${sites.plain!.origin}/en/faq/led-codes/`);
    expect(await page.locator('.pager').count()).toBe(0);
    await close();
  });

  it('links “Edit this page” to the entry’s file only when the site config names the repository', async () => {
    const plain = await open(DESKTOP, ARTICLE);
    expect(await plain.page.locator('.entry-footer p.updated').count()).toBe(1);
    expect(await plain.page.locator('.edit-link').count()).toBe(0);
    await plain.close();

    const editable = await open(DESKTOP, ARTICLE, sites.editable!.origin);
    const link = editable.page.locator('.edit-link a');
    expect(await link.textContent()).toBe('Edit this page');
    expect(await link.getAttribute('href')).toBe('https://github.com/example/help/edit/main/content/en/cam/wifi.md');
    // An untranslated entry is edited where its text is written.
    await editable.page.goto(`${sites.editable!.origin}/en/faq/camera-reset/`);
    expect(await link.getAttribute('href')).toBe('https://github.com/example/help/edit/main/content/ja/cam/reset.md');
    await editable.page.goto(`${sites.editable!.origin}/ja/articles/camera-wifi/`);
    expect(await link.textContent()).toBe('このページを編集');
    await editable.close();
  });

  it('has no axe violations in the light scheme, nor in a dark scheme chosen against a light system', async () => {
    const { page, close } = await open(DESKTOP, ARTICLE);
    expect(await axeViolations(page)).toEqual([]);
    await page.selectOption('#kb-theme', 'dark');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${sites.plain!.origin}/ja/products/camera/setup/`);
    expect(await page.locator('nav.sidebar .sidebar-category[aria-current="page"]').textContent()).toBe('セットアップ');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe('theme switch', () => {
  it('applies the choice, keeps it across reloads without a light first paint, and tells the widget', async () => {
    const { page, problems, close } = await open(DESKTOP, ARTICLE);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await page.inputValue('#kb-theme')).toBe('auto');
    expect(await background()).toBe('rgb(255, 255, 255)');
    // The widget's loader joins once the page is idle; the default scheme is not worth telling it.
    await page.waitForFunction(() => typeof (window as { Kotae?: unknown }).Kotae === 'function');
    expect(await page.evaluate(() => (window as { kotaeCalls?: unknown[] }).kotaeCalls ?? [])).toEqual([]);

    await page.selectOption('#kb-theme', 'dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await background()).toBe('rgb(15, 20, 25)');
    expect(await page.evaluate(() => (window as { kotaeCalls?: unknown[] }).kotaeCalls)).toEqual([['theme', 'dark']]);

    // What the page looks like when <body> first exists, and at DOMContentLoaded: dark already.
    await page.addInitScript(() => {
      const seen = window as unknown as { themeAtBody?: string; themeAtReady?: string; backgroundAtReady?: string };
      new MutationObserver((_, observer) => {
        if (!document.body) return;
        seen.themeAtBody = document.documentElement.dataset.theme ?? 'none';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => {
        seen.themeAtReady = document.documentElement.dataset.theme ?? 'none';
        seen.backgroundAtReady = getComputedStyle(document.body).backgroundColor;
      });
    });
    await page.reload();
    const first = await page.evaluate(() => {
      const seen = window as unknown as { themeAtBody: string; themeAtReady: string; backgroundAtReady: string };
      return { atBody: seen.themeAtBody, atReady: seen.themeAtReady, background: seen.backgroundAtReady };
    });
    expect(first).toEqual({
      atBody: 'dark',
      atReady: 'dark',
      background: 'rgb(15, 20, 25)',
    });
    expect(await page.inputValue('#kb-theme')).toBe('dark');
    // Another page of the site, the same choice; the widget that joins there is told it.
    await page.goto(`${sites.plain!.origin}/ja/`);
    expect(await background()).toBe('rgb(15, 20, 25)');
    await page.waitForFunction(() => (window as { kotaeCalls?: unknown[] }).kotaeCalls?.length === 1);
    expect(await page.evaluate(() => (window as { kotaeCalls?: unknown[] }).kotaeCalls)).toEqual([['theme', 'dark']]);

    await page.selectOption('#kb-theme', 'light');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await page.selectOption('#kb-theme', 'auto');
    expect(await page.evaluate(() => localStorage.getItem('kotae.kb.theme'))).toBeNull();
    expect(await page.evaluate(() => (window as { kotaeCalls?: unknown[] }).kotaeCalls)).toEqual([
      ['theme', 'dark'],
      ['theme', 'light'],
      ['theme', 'auto'],
    ]);
    expect(problems).toEqual([]);
    await close();
  });

  it('follows the system in “auto”: dark on a dark system', async () => {
    const { page, close } = await open({ ...DESKTOP, colorScheme: 'dark' }, ARTICLE);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 20, 25)');
    await page.selectOption('#kb-theme', 'light');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await close();
  });
});

describe('phone (375 px)', () => {
  it('folds the navigation into a menu that opens and closes from the keyboard', async () => {
    const { page, problems, close } = await open(PHONE, ARTICLE);
    const button = page.locator('#kb-menu-button');
    const sidebar = page.locator('nav.sidebar');
    await button.waitFor({ state: 'visible' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.getAttribute('aria-controls')).toBe('kb-menu');
    expect(await sidebar.isHidden()).toBe(true);
    expect(await page.isHidden('#kb-theme')).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // Wait for the site script (it sets the menu up), then work the menu from the keyboard.
    await page.waitForFunction(() => typeof (window as { Kotae?: unknown }).Kotae === 'function');
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    expect(await sidebar.isVisible()).toBe(true);
    expect(await page.isVisible('#kb-theme')).toBe(true);
    expect(await page.evaluate(() => document.getElementById('kb-menu')?.contains(document.activeElement))).toBe(true);
    expect(await sidebar.locator('[aria-current="page"]').textContent()).toBe('Connect the camera to Wi-Fi');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await sidebar.isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kb-menu-button');

    await page.keyboard.press(' ');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(problems).toEqual([]);
    await close();
  });

  it('without JavaScript, has no dead menu button and keeps the language switcher in view', async () => {
    const { page, close } = await open({ ...PHONE, javaScriptEnabled: false }, ARTICLE);
    expect(await page.isHidden('#kb-menu-button')).toBe(true);
    expect(await page.isVisible('.language-switcher')).toBe(true);
    expect(await page.isHidden('#kb-theme')).toBe(true);
    await close();
  });
});

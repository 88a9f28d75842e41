import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudoXA, pseudoXB } from '../../scripts/i18n/pseudo-locale.ts';
import { serveStatic } from '../../scripts/static-server.ts';
import { runScript } from '../content/run-cli.ts';
import { buildPseudoSite } from './pseudo-site.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

describe('pseudo-locale text', () => {
  it('en-XA accents letters, runs about 35% longer, brackets the text and keeps inline codes', () => {
    const source = 'Open **Settings** > [Wi-Fi](id:camera-wifi-setup#connect) and run `ping` for {{count}} devices.';
    const xa = pseudoXA(source);
    expect(xa).toMatch(/^\[Öþéñ \*\*Šéţţîñĝš\*\* > \[Ŵî-Ƒî\]\(id:camera-wifi-setup#connect\) åñð ŕûñ `ping` ƒöŕ \{\{count\}\} ðéṽîçéš\..* \w+\]$/);
    const plain = 'Search help articles and answers';
    expect(pseudoXA(plain).length / plain.length).toBeGreaterThanOrEqual(1.35);
    expect(pseudoXA(plain).length / plain.length).toBeLessThan(1.45);
    expect(pseudoXA('![Front of the camera](../../assets/front.svg)')).toMatch(/^!\[\[Ƒŕöñţ öƒ ţĥé çåɱéŕå one[ a-z]*\]\]\(\.\.\/\.\.\/assets\/front\.svg\)$/);
    expect(pseudoXA('Parts of the camera {#parts}')).toMatch(/^\[Þåŕţš öƒ ţĥé çåɱéŕå one[ a-z]*\] \{#parts\}$/);
  });

  it('ar-XB wraps each text run in right-to-left override marks and keeps inline codes', () => {
    expect(pseudoXB('Run `ping` now', 'markdown')).toBe('\u202ERun\u202C `ping` \u202Enow\u202C');
    expect(pseudoXB('{{count}} results', 'ui')).toBe('{{count}} \u202Eresults\u202C');
  });
});

// The sample content and UI strings pseudo-translated, built, served and opened in Chromium.
let browser: Browser;
let server: Server;
let origin: string;
let work: string;
let content: string;
const shots = process.env.KOTAE_SCREENSHOT_DIR;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kotae-pseudo-'));
  const built = await buildPseudoSite(work);
  content = built.content;
  server = await serveStatic(built.dist, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (server?.listening) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

/** What the page shows that a translator would have to fix: text without the pseudo marks, and clipped boxes. */
interface PageReport {
  lang: string;
  dir: string;
  untranslated: string[];
  clipped: string[];
  pageOverflow: number;
  checkedTexts: number;
}

async function inspect(locale: string, url: string, width: number, widget = false): Promise<PageReport> {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(`${origin}${url}`);
  await page.waitForLoadState('networkidle');
  if (widget) {
    await page.locator('kotae-widget button.launcher').click();
    await page.locator('kotae-widget h2').first().waitFor();
    await page.waitForLoadState('networkidle');
  }
  const name = `${widget ? 'widget' : 'kb-article'}-${locale}-${width}.png`;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, name), fullPage: !widget });
  }
  const shot = await page.screenshot({ fullPage: !widget });
  expect(shot.length).toBeGreaterThan(10_000);
  const report = await page.evaluate(
    ({ pseudo, inWidget }) => {
      const lang = document.documentElement.lang;
      const marker = pseudo === 'en-XA' ? /[[\]åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ]/ : /\u202E/;
      const untranslated: string[] = [];
      const clipped: string[] = [];
      let checkedTexts = 0;
      // Open shadow roots (the widget's) are part of the page; `closest` stops at their edge, so climb through hosts.
      const up = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
      const closestUp = (el: Element, selector: string): Element | null => {
        for (let e: Element | null = el; e; e = up(e)) if (e.matches(selector)) return e;
        return null;
      };
      const roots: (Document | ShadowRoot)[] = [document];
      for (let i = 0; i < roots.length; i++) for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
      const scope = inWidget ? roots.slice(1) : roots;
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      for (const root of scope) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = (n as Text).data.trim();
          const el = n.parentElement;
          // Code, dates and text in another language (a language switcher, a fallback) are not translated.
          if (!el || !/[A-Za-z]/.test(text) || closestUp(el, 'code, pre, kbd, samp, time, script, style, noscript, [translate="no"]')) continue;
          if ((closestUp(el, '[lang]') as HTMLElement | null)?.lang !== lang || !visible(el)) continue;
          checkedTexts++;
          if (!marker.test(text)) untranslated.push(`${el.tagName.toLowerCase()}: ${text.slice(0, 80)}`);
        }
        for (const el of root.querySelectorAll('*')) {
          if (![...el.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && (c as Text).data.trim())) continue;
          const s = getComputedStyle(el);
          if (s.display === 'inline' || s.overflowX === 'auto' || s.overflowX === 'scroll' || !visible(el)) continue;
          if (el.scrollWidth > el.clientWidth + 1 || (s.overflowY !== 'visible' && s.overflowY !== 'auto' && el.scrollHeight > el.clientHeight + 1))
            clipped.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.textContent!.trim().slice(0, 60)} (${el.scrollWidth} > ${el.clientWidth})`);
        }
      }
      return {
        lang,
        dir: document.documentElement.dir,
        untranslated,
        clipped,
        pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
        checkedTexts,
      };
    },
    { pseudo: locale, inWidget: widget },
  );
  await context.close();
  return report;
}

describe('pseudo-locales in the KB site (Chromium)', () => {
  it('i18n:pseudo writes a content copy, UI bundles and a config with en-XA and ar-XB that check accepts', () => {
    const config = readFileSync(path.join(content, 'kotae.config.yaml'), 'utf8');
    expect(config).toMatch(/- \{ code: en-XA, name: "\[Éñĝļîšĥ \(XA\)\]", fallback: \[ ?en ?\] \}/);
    expect(config).toMatch(/- \{ code: ar-XB, name: .English \(XB\)., dir: rtl, fallback: \[ ?en ?\] \}/);
    expect(config).toMatch(/name: \{ ja: はじめに, en: Getting started, en-XA: "\[Ĝéţţîñĝ šţåŕţéð one[ a-z]*\]", ar-XB: \u202EGetting started\u202C \}/);
    expect(existsSync(path.join(content, 'en-XA/camera/camera-setup.md'))).toBe(true);
    const check = runScript('check.ts', ['--content', content]);
    expect(check.stdout + check.stderr).toMatch(/\b0 errors, /);
  });

  for (const [locale, dir] of [
    ['en-XA', 'ltr'],
    ['ar-XB', 'rtl'],
  ] as const) {
    for (const width of [1280, 375]) {
      it(`a KB article in ${locale} at ${width}px shows no clipped and no untranslated text`, async () => {
        const report = await inspect(locale, `/${locale}/articles/camera-setup/`, width);
        expect(report.lang).toBe(locale);
        expect(report.dir).toBe(dir);
        expect(report.checkedTexts).toBeGreaterThan(40);
        expect(report.untranslated).toEqual([]);
        expect(report.clipped).toEqual([]);
        expect(report.pageOverflow).toBeLessThanOrEqual(0);
      });
    }
  }

  for (const [locale, width] of [
    ['en-XA', 1280],
    ['ar-XB', 375],
  ] as const) {
    it(`the widget opened on a ${locale} page at ${width}px shows no clipped and no untranslated text`, async () => {
      const report = await inspect(locale, `/${locale}/articles/camera-setup/`, width, true);
      expect(report.checkedTexts).toBeGreaterThan(5);
      expect(report.untranslated).toEqual([]);
      expect(report.clipped).toEqual([]);
    });
  }

  it('keeps screenshots when KOTAE_SCREENSHOT_DIR is set', () => {
    if (!shots) return;
    expect(statSync(path.join(shots, 'kb-article-ar-XB-375.png')).size).toBeGreaterThan(10_000);
  });
});

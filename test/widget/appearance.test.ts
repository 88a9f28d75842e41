import { readFileSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// Issue 18, customers items 5 and 6: the widget follows the customer's colour scheme (with the host's say
// over it) and language, draws callouts as the KB does, and stays free of axe-core violations in dark mode.
let server: WidgetServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const W = 'kotae-widget';

async function visit(path: string, options: BrowserContextOptions): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...options });
  const { page, problems } = await openPage(context, `${server.origin}/${path}`);
  return { page, problems, close: () => context.close() };
}

async function open(page: Page, host = W): Promise<void> {
  if (host === W) await page.evaluate(() => window.Kotae('open'));
  await page.locator(`${host} .panel`).waitFor();
}

const background = (page: Page, host = W) => page.locator(`${host} .panel`).evaluate((e) => getComputedStyle(e).backgroundColor);
const WHITE = 'rgb(255, 255, 255)';
const DARK = 'rgb(22, 27, 34)';

/** The KB's callout colours (`--note`, `--tip`…) in kb-site/site.css: the light ones, then the dark ones. */
function kbCalloutColours(): Record<'light' | 'dark', Record<string, string>> {
  // The KB declares each colour once as a light-dark() pair (kb-site/site.css).
  const css = readFileSync('kb-site/site.css', 'utf8');
  const pair = (k: string) => new RegExp(`--${k}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\)`).exec(css)!;
  const kinds = ['note', 'tip', 'important', 'warning', 'caution'];
  return {
    light: Object.fromEntries(kinds.map((k) => [k, pair(k)[1]!])),
    dark: Object.fromEntries(kinds.map((k) => [k, pair(k)[2]!])),
  };
}
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('colour scheme', () => {
  it('follows prefers-color-scheme when the host does not choose: light, then dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems, close } = await visit('plain.html', { viewport: DESKTOP, colorScheme });
      await open(page);
      expect(await background(page)).toBe(colorScheme === 'dark' ? DARK : WHITE);
      expect((await page.evaluate(() => window.Kotae('state'))).theme).toBe('auto');
      expect(problems).toEqual([]);
      await close();
    }
  });

  it('data-theme on the script tag wins over the system setting, both ways', async () => {
    const dark = await visit('theme-dark.html', { viewport: DESKTOP, colorScheme: 'light' });
    await open(dark.page);
    expect(await background(dark.page)).toBe(DARK);
    expect((await dark.page.evaluate(() => window.Kotae('state'))).theme).toBe('dark');
    await dark.close();
    const light = await visit('theme-light.html', { viewport: DESKTOP, colorScheme: 'dark' });
    await open(light.page);
    expect(await background(light.page)).toBe(WHITE);
    await light.close();
  });

  it("Kotae('theme', …) switches the floating and the inline panel, queued before the app loads too; bad values are refused", async () => {
    const { page, close } = await visit('plain.html', { viewport: DESKTOP, colorScheme: 'light' });
    // Setting the theme alone does not load the app (it is state, like setContext).
    await page.evaluate(() => window.Kotae('theme', 'dark'));
    expect(await page.evaluate(() => [...performance.getEntriesByType('resource')].some((r) => /\/widget\/app-/.test(r.name)))).toBe(false);
    await open(page);
    expect(await background(page)).toBe(DARK);
    await page.evaluate(() => window.Kotae('theme', 'light'));
    expect(await background(page)).toBe(WHITE);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page)).toBe(WHITE);
    await page.evaluate(() => window.Kotae('theme', 'auto'));
    expect(await background(page)).toBe(DARK);
    const refused = await page.evaluate(() => window.Kotae('theme', 'purple' as 'dark').then(String, (e: Error) => e.message));
    expect(refused).toContain("expected 'light', 'dark' or 'auto'");
    await close();

    const inline = await visit('inline.html', { viewport: DESKTOP, colorScheme: 'light' });
    await open(inline.page, 'kotae-help');
    expect(await background(inline.page, 'kotae-help')).toBe(WHITE);
    await inline.page.evaluate(() => window.Kotae('theme', 'dark'));
    expect(await background(inline.page, 'kotae-help')).toBe(DARK);
    await inline.close();
  });

  it('takes the colours the host sets as custom properties', async () => {
    const { page, close } = await visit('host-colors.html', { viewport: DESKTOP, colorScheme: 'dark' });
    await open(page);
    expect(await background(page)).toBe('rgb(253, 246, 227)');
    expect(await page.locator(`${W} .panel`).evaluate((e) => getComputedStyle(e).color)).toBe('rgb(7, 54, 66)');
    await page.evaluate(() => window.Kotae('openArticle', 'camera-wifi-setup'));
    expect(
      await page
        .locator(`${W} kotae-article-view a`)
        .first()
        .evaluate((e) => getComputedStyle(e).color),
    ).toBe('rgb(107, 47, 163)');
    await close();
  });

  it('draws Tip, Note and Warning callouts as the KB does, in light and dark', async () => {
    const kb = kbCalloutColours();
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await visit('plain.html', { viewport: PHONE, colorScheme });
      await open(page);
      for (const id of ['camera-wifi-setup', 'camera-led-status']) {
        await page.evaluate((entry) => window.Kotae('openArticle', entry), id);
        const callouts = await page.locator(`${W} .content .callout`).evaluateAll((els) =>
          els.map((e) => {
            const style = getComputedStyle(e);
            return {
              kind: [...e.classList].find((c) => c.startsWith('callout-'))!.slice(8),
              edge: style.borderInlineStartColor,
              width: style.borderInlineStartWidth,
              title: getComputedStyle(e.querySelector('.callout-title')!).color,
              weight: getComputedStyle(e.querySelector('.callout-title')!).fontWeight,
              filled: style.backgroundColor !== getComputedStyle(e.closest('.panel')!).backgroundColor,
            };
          }),
        );
        expect(callouts.length).toBeGreaterThan(0);
        for (const c of callouts)
          expect(c).toEqual({
            kind: c.kind,
            edge: rgb(kb[colorScheme][c.kind]!),
            width: '4px',
            title: rgb(kb[colorScheme][c.kind]!),
            weight: '700',
            filled: true,
          });
      }
      await close();
    }
  });

  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)
    it(`has no axe-core violations in dark mode on the ${name} (search, article with callouts, "No", inquiry errors; en and ja)`, async () => {
      const { page, problems, close } = await visit('plain.html', { viewport, colorScheme: 'dark' });
      await open(page);
      // A second article for Japanese: the first one is voted on already.
      for (const [locale, article] of [
        ['en', 'camera-wifi-setup'],
        ['ja', 'camera-led-status'],
      ] as const) {
        await page.evaluate((l) => window.Kotae('setLocale', l), locale);
        await page.evaluate(() => window.Kotae('open', { view: 'search' }));
        await page.locator(`${W} input.search`).fill(locale === 'ja' ? 'カメラ Wi-Fi' : 'camera wifi');
        await page.locator(`${W} .result mark`).first().waitFor();
        expect(await axeViolations(page), `${locale} search`).toEqual([]);
        await page.evaluate((id) => window.Kotae('openArticle', id), article);
        await page.locator(`${W} .content .callout`).first().waitFor();
        expect(await axeViolations(page), `${locale} article`).toEqual([]);
        await page.locator(`${W} [data-vote=no]`).click();
        await page.locator(`${W} [data-action=skip-explain]`).waitFor();
        expect(await axeViolations(page), `${locale} what was missing`).toEqual([]);
        await page.locator(`${W} [data-action=skip-explain]`).click();
        await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
        await page.locator(`${W} #kq-summary`).fill('');
        await page.locator(`${W} [data-action=next]`).click();
        await page.locator(`${W} #kq-errors:not([hidden])`).waitFor();
        expect(await axeViolations(page), `${locale} inquiry errors`).toEqual([]);
        await page.locator(`${W} [data-action=start-over]`).click();
      }
      expect(await background(page)).toBe(DARK);
      expect(problems).toEqual([]);
      await close();
    });
});

describe('language', () => {
  for (const [name, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const)
    it(`speaks the browser's language when the host does not force one, on the demo pages too (${name})`, async () => {
      for (const [browserLocale, expected, label] of [
        ['ja-JP', 'ja', 'ヘルプ'],
        ['en-US', 'en', 'Help'],
      ] as const)
        for (const path of ['browser-locale.html', 'demo/index.html', 'demo/app.html']) {
          const { page, problems, close } = await visit(path, { viewport, locale: browserLocale });
          await expect.poll(() => page.locator(`${W} .launcher`).textContent()).toBe(label);
          await open(page);
          expect(await page.locator(`${W} .panel`).getAttribute('lang'), `${path} in ${browserLocale}`).toBe(expected);
          expect((await page.evaluate(() => window.Kotae('state'))).locale).toBe(expected);
          expect(problems.filter((p) => !p.includes('/demo/identity-token'))).toEqual([]);
          await close();
        }
      // A host that forces a language keeps it.
      const { page, close } = await visit('plain.html', { viewport, locale: 'ja-JP' });
      await open(page);
      expect(await page.locator(`${W} .panel`).getAttribute('lang')).toBe('en');
      await close();
    });
});

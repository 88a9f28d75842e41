/**
 * Screenshots of the widget for the README: open on a KB article in dark mode (the system setting, which the
 * KB and the widget both follow), showing an article with its callouts, in Japanese and English, a
 * desktop-width window. `npx tsx scripts/widget-screenshots.ts [DIST] [OUT]` (defaults: reads `dist/`, writes
 * `docs/widget-dark-<locale>.png`). Run `npm run build` first.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';

const [dist = 'dist', out = 'docs'] = process.argv.slice(2);
const ARTICLE = 'camera-wifi-setup';

mkdirSync(out, { recursive: true });
const server = await serveStatic(dist, 0);
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const locale of ['ja', 'en']) {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 760 },
      colorScheme: 'dark',
      reducedMotion: 'reduce',
      locale: locale === 'ja' ? 'ja-JP' : 'en-US',
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    await page.goto(`${origin}/${locale}/articles/${ARTICLE}/`, { waitUntil: 'networkidle' });
    // The KB page adds the widget in idle time; then open it on the article, scrolled to its first callout.
    await page.waitForFunction(() => typeof (window as { Kotae?: { v?: number } }).Kotae?.v === 'number');
    await page.evaluate((id) => (window as unknown as { Kotae: (...a: unknown[]) => Promise<unknown> }).Kotae('openArticle', id), ARTICLE);
    const callout = page.locator('kotae-widget .content .callout').first();
    await callout.waitFor();
    await callout.evaluate((e) => {
      const body = e.closest('.body')!;
      body.scrollTop = (e as HTMLElement).offsetTop - (body as HTMLElement).offsetTop - 140;
    });
    await page.mouse.move(0, 0);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const file = path.join(out, `widget-dark-${locale}.png`);
    await page.screenshot({ path: file });
    process.stdout.write(`${file}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

/**
 * Screenshots of the KB site for the README: home and an article, in Japanese and English, light scheme,
 * a desktop-width window (`docs/kb-<page>-<locale>.png`); and the help-center navigation — sidebar, outline,
 * theme switch at 1280 px, the menu opened on a 375 px phone — in the light and dark schemes
 * (`docs/kb-nav-<desktop|phone>-<light|dark>.png`). `npx tsx scripts/kb-screenshots.ts [DIST] [OUT]`
 * (defaults: builds nothing, reads `dist/`, writes `docs/`). Run `npm run build` first.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type BrowserContextOptions, type Page } from 'playwright-core';
import { serveStatic } from './static-server.ts';

const [dist = 'dist', out = 'docs'] = process.argv.slice(2);
const ARTICLE = '/en/articles/camera-wifi-setup/';
interface Shot {
  name: string;
  url: string;
  context: BrowserContextOptions;
  /** What to do on the page before the picture (open the phone menu). */
  prepare?: (page: Page) => Promise<void>;
}
const desktop = (colorScheme: 'light' | 'dark'): BrowserContextOptions => ({ viewport: { width: 1280, height: 900 }, colorScheme });
const phone = (colorScheme: 'light' | 'dark'): BrowserContextOptions => ({
  viewport: { width: 375, height: 812 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  colorScheme,
});
const openMenu = async (page: Page) => {
  await page.click('#kb-menu-button');
  await page.locator('.site-menu .sidebar').waitFor({ state: 'visible' });
};
const SHOTS: Shot[] = [
  { name: 'home-ja', url: '/ja/', context: { viewport: { width: 1100, height: 1300 }, colorScheme: 'light' } },
  { name: 'home-en', url: '/en/', context: { viewport: { width: 1100, height: 1300 }, colorScheme: 'light' } },
  { name: 'article-ja', url: '/ja/articles/camera-wifi-setup/', context: { viewport: { width: 1100, height: 1300 }, colorScheme: 'light' } },
  { name: 'article-en', url: ARTICLE, context: { viewport: { width: 1100, height: 1300 }, colorScheme: 'light' } },
  { name: 'nav-desktop-light', url: ARTICLE, context: desktop('light') },
  { name: 'nav-desktop-dark', url: ARTICLE, context: desktop('dark') },
  { name: 'nav-phone-light', url: ARTICLE, context: phone('light'), prepare: openMenu },
  { name: 'nav-phone-dark', url: ARTICLE, context: phone('dark'), prepare: openMenu },
];

mkdirSync(out, { recursive: true });
const server = await serveStatic(dist, 0);
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const shot of SHOTS) {
    const context = await browser.newContext({ ...shot.context, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(origin + shot.url, { waitUntil: 'networkidle' });
    await shot.prepare?.(page);
    const file = path.join(out, `kb-${shot.name}.png`);
    await page.screenshot({ path: file });
    process.stdout.write(`${file}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

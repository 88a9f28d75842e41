/**
 * Screenshots of the KB site for the README: home and an article, in Japanese and English, light scheme,
 * a desktop-width window. `npx tsx scripts/kb-screenshots.ts [DIST] [OUT]` (defaults: builds nothing, reads
 * `dist/`, writes `docs/kb-<page>-<locale>.png`). Run `npm run build` first.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveStatic } from './static-server.ts';

const [dist = 'dist', out = 'docs'] = process.argv.slice(2);
const SHOTS = [
  { name: 'home-ja', url: '/ja/' },
  { name: 'home-en', url: '/en/' },
  { name: 'article-ja', url: '/ja/articles/camera-wifi-setup/' },
  { name: 'article-en', url: '/en/articles/camera-wifi-setup/' },
];

mkdirSync(out, { recursive: true });
const server = await serveStatic(dist, 0);
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1300 }, colorScheme: 'light', serviceWorkers: 'block' });
  for (const shot of SHOTS) {
    const page = await context.newPage();
    await page.goto(origin + shot.url, { waitUntil: 'networkidle' });
    const file = path.join(out, `kb-${shot.name}.png`);
    await page.screenshot({ path: file });
    process.stdout.write(`${file}\n`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

/**
 * Screenshots of the support console for the README: the sample inquiries (scripts/console-samples.ts) sent
 * to a real intake on a temporary SQLite store with a webhook destination, then the console in Chromium:
 * the list in Japanese, one inquiry in English.
 * `npx tsx scripts/console-screenshots.ts [OUT]` (default `docs/`) writes `console-ja.png` and `console-en.png`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { addAccount } from '../intake/admin/accounts.ts';
import { createLogger } from '../intake/log.ts';
import { startIntake } from '../intake/server.ts';
import { submitSamples } from './console-samples.ts';

const out = process.argv[2] ?? 'docs';
const work = mkdtempSync(path.join(os.tmpdir(), 'kotae-console-shots-'));
const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

const PASSWORD = 'screenshots only, never a real one';

let clock = Date.parse('2026-11-20T00:00:00Z');
const intake = await startIntake({
  env: {},
  port: 0,
  dataDir: work,
  contentDir: 'content',
  log: createLogger('error'),
  now: () => clock,
  webhook: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, secret: `whsec_${Buffer.alloc(32, 3).toString('base64')}` },
  outbox: { pollMs: 50, baseDelayMs: 50, maxDelayMs: 1_000, maxAttempts: 5, leaseMs: 60_000, timeoutMs: 5_000, concurrency: 2 },
});
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const ids = await submitSamples(intake, (ms) => (clock = ms));
  await addAccount(intake.store, 'support', PASSWORD);
  while ((await intake.store.outboxCounts()).pending > 0) await new Promise((r) => setTimeout(r, 50));
  mkdirSync(out, { recursive: true });
  for (const locale of ['ja', 'en'] as const) {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: locale === 'ja' ? 900 : 1500 } });
    const page = await context.newPage();
    await page.goto(`${intake.url}/admin/sign-in?lang=${locale}`);
    await page.fill('#user', 'support');
    await page.fill('#password', PASSWORD);
    await page.locator('form:not(.oidc) button[type="submit"]').click();
    await page.waitForURL(`${intake.url}/admin/`);
    if (locale === 'ja') {
      await page.goto(`${intake.url}/admin/?lang=ja`);
      await page.locator('tbody tr').first().waitFor();
    } else {
      await page.goto(`${intake.url}/admin/?lang=en&inquiry=${ids[0]}`);
      await page.locator('#deliveries').waitFor();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    }
    const shot = path.join(out, `console-${locale}.png`);
    await page.screenshot({ path: shot, fullPage: locale === 'en' });
    process.stdout.write(`${shot}\n`);
    await context.close();
  }
} finally {
  await browser.close();
  await intake.close();
  receiver.close();
  rmSync(work, { recursive: true, force: true });
}

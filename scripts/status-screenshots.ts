/**
 * Screenshots of the customer's status page for the README: one inquiry in Japanese and one in English sent
 * to a real intake on the sample site, moved through the states a helpdesk reports (forwarded, in progress,
 * waiting for the customer), then opened from their status links in Chromium.
 * `npx tsx scripts/status-screenshots.ts [OUT]` (default `docs/`) writes `status-<locale>.png`.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createLogger } from '../intake/log.ts';
import { startIntake } from '../intake/server.ts';

const out = process.argv[2] ?? 'docs';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kotae-status-shots-'));
const example = JSON.parse(readFileSync('intake/examples/inquiry.json', 'utf8')) as Record<string, unknown>;
const inquiries = {
  ja: example,
  en: {
    ...example,
    locale: 'en',
    summary: 'NC-320 drops off Wi-Fi several times a day',
    description:
      'Since I replaced the router last week, the NC-320 in the living room goes offline three or four times a day and comes back by itself after about ten minutes.',
    contact: { ...(example.contact as object), language: 'en', time_zone: 'Europe/London' },
  },
};

const intake = await startIntake({ dataDir, contentDir: 'content', port: 0, env: {}, log: createLogger('warn') });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  mkdirSync(out, { recursive: true });
  for (const [locale, body] of Object.entries(inquiries)) {
    const response = await fetch(`${intake.url}/v1/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `screenshot-${locale}-${Date.now()}` },
      body: JSON.stringify(body),
    });
    const receipt = (await response.json()) as { id: string; status_url: string };
    if (response.status !== 201) throw new Error(`the intake refused the ${locale} inquiry: ${JSON.stringify(receipt)}`);
    const at = Date.now();
    for (const [state, minutes] of [
      ['forwarded', 1],
      ['in_progress', 14],
      ['waiting', 52],
    ] as const)
      await intake.store.recordState({ inquiryId: receipt.id, state, at: at + minutes * 60_000, source: 'screenshot', eventId: `${receipt.id}:${state}` });
    const context = await browser.newContext({
      locale: locale === 'ja' ? 'ja-JP' : 'en-GB',
      timezoneId: locale === 'ja' ? 'Asia/Tokyo' : 'Europe/London',
      viewport: { width: 720, height: 900 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(receipt.status_url);
    await page.waitForSelector('.history li:nth-child(4)');
    await page.screenshot({ path: path.join(out, `status-${locale}.png`), fullPage: true });
    await context.close();
    console.error(`wrote ${path.join(out, `status-${locale}.png`)}`);
  }
} finally {
  await browser.close();
  await intake.close();
  rmSync(dataDir, { recursive: true, force: true });
}

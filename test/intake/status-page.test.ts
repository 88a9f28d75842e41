import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localize } from '../../content/schema/index.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { signZendesk } from '../../intake/status-hooks.ts';
import { AXE_SOURCE, launchChromium } from '../widget/widget-server.ts';
import { postInquiry, removeTempDirs, sampleConfig, sqliteTarget, startTestIntake, validInquiry } from './fixtures.ts';

// The page a customer's status link opens, in real Chromium against the real intake.
let intake: RunningIntake;
let browser: Browser;
const ZENDESK_SECRET = randomBytes(32).toString('base64');

beforeAll(async () => {
  [intake, browser] = await Promise.all([startTestIntake(sqliteTarget(), { hooks: { zendeskSecret: ZENDESK_SECRET } }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await intake?.close();
  removeTempDirs();
});

async function created(locale: 'ja' | 'en'): Promise<{ statusUrl: string; number: string }> {
  const answer = await postInquiry(
    intake.url,
    validInquiry((b) => (b.locale = locale)),
  );
  expect(answer.status).toBe(201);
  return { statusUrl: String(answer.json.status_url), number: String(answer.json.number) };
}

describe('the status page', () => {
  for (const locale of ['ja', 'en'] as const) {
    it(`shows the inquiry in its language (${locale}) with names, not ids, and times in the reader's time zone`, async () => {
      const config = await sampleConfig();
      const { statusUrl, number } = await created(locale);
      const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
      const page = await context.newPage();
      const problems: string[] = [];
      // A CSP violation is a console error; failed loads are checked by response (the browser's own
      // /favicon.ico guess is not the page's).
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
      page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
      page.on('pageerror', (e) => problems.push(e.message));
      const response = await page.goto(statusUrl);
      expect(response?.status()).toBe(200);
      const headers = response!.headers();
      expect(headers['content-type']).toBe('text/html; charset=utf-8');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['cache-control']).toBe('no-store');
      expect(headers['content-security-policy']).toMatch(/default-src 'none'; style-src 'self'; script-src 'self'/);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      const product = config.products.find((p) => p.id === validInquiry().product)!;
      const severity = config.severities.find((s) => s.id === validInquiry().severity)!;
      const text = (await page.textContent('main')) ?? '';
      expect(await page.textContent('h1')).toContain(number);
      expect(text).toContain(localize(product.name, locale, [config.locales.default]));
      expect(text).toContain(localize(severity.name, locale, [config.locales.default]));
      expect(text).toContain(validInquiry().summary as string);
      expect(text).not.toContain(`${product.id} `);
      expect(text).toContain(locale === 'ja' ? '受付済み' : 'Received');
      // The script rewrote every time in the reader's zone (New York), from the site's (Tokyo) on the server.
      await page.waitForFunction(() => [...document.querySelectorAll('time[data-local]')].every((t) => /E[SD]T|GMT-[45]/.test(t.textContent ?? '')));
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as { violations: { id: string }[] };
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  for (const locale of ['ja', 'en'] as const) {
    it(`shows what a signed Zendesk hook reports, in progress and then solved, with the history (${locale})`, async () => {
      const { statusUrl, number } = await created(locale);
      // What Zendesk sends for the ticket the intake made (external_id: the inquiry number) when an agent works it.
      const report = async (status: string, id: string) => {
        const body = JSON.stringify({
          type: 'zen:event-type:ticket.status_changed',
          id,
          time: new Date().toISOString(),
          detail: { id: '4242', external_id: number, status: status.toUpperCase() },
          event: { current: status.toUpperCase(), previous: 'NEW' },
        });
        const response = await fetch(`${intake.url}/v1/hooks/zendesk`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signZendesk(ZENDESK_SECRET, body) },
          body,
        });
        expect(response.status).toBe(200);
        return (await response.json()) as { status: string };
      };
      const words =
        locale === 'ja'
          ? { received: '受付済み', in_progress: '対応中', solved: '解決済み', solvedExplain: '解決済みとしています' }
          : { received: 'Received', in_progress: 'In progress', solved: 'Solved', solvedExplain: 'considers your inquiry solved' };
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      const history = async () => (await page.locator('ol.history li .what').allTextContents()).map((t) => t.trim());

      expect((await report('open', `${number}-open`)).status).toBe('in_progress');
      await page.goto(statusUrl);
      expect(await page.textContent('.state')).toBe(words.in_progress);
      expect(await history()).toEqual([words.received, words.in_progress]);
      expect(await page.locator('ol.history li time').count()).toBe(2);

      expect((await report('solved', `${number}-solved`)).status).toBe('solved');
      await page.reload();
      expect(await page.textContent('.state')).toBe(words.solved);
      expect(await page.textContent('.explain')).toContain(words.solvedExplain);
      expect(await history()).toEqual([words.received, words.in_progress, words.solved]);
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as { violations: { id: string }[] };
      expect(result.violations.map((v) => v.id)).toEqual([]);
      await context.close();
    });
  }

  it('gives API clients JSON with the history, and the same 404 for a wrong token and an unknown id', async () => {
    const { statusUrl } = await created('en');
    const json = await fetch(statusUrl, { headers: { accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const view = (await json.json()) as { locale: string; history: { state: string }[] };
    expect(view.locale).toBe('en');
    expect(view.history.map((h) => h.state)).toEqual(['received']);
    const wrongToken = new URL(statusUrl);
    wrongToken.searchParams.set('token', 'x'.repeat(43));
    const unknownId = new URL(statusUrl);
    unknownId.pathname = unknownId.pathname.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000');
    const answers = await Promise.all(
      [wrongToken, unknownId].map((u) => fetch(u, { headers: { accept: 'text/html' } }).then(async (r) => [r.status, await r.text()])),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]![0]).toBe(404);
  });
});

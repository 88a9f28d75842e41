import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../intake/admin/accounts.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { removeTempDirs, sqliteTarget, startTestIntake } from '../intake/fixtures.ts';
import { axeViolations, launchChromium } from '../widget/widget-server.ts';

// The insights dashboard the intake serves at /admin/insights, in real Chromium: only behind the team's
// sign-in, the report read from what customers' browsers sent to /v1/events, charts drawn under the admin
// pages' CSP (no inline code), every chart's numbers as a table, no axe-core violation in ja and en.

const PASSWORD = 'a long enough password for the tests';
let intake: RunningIntake;
let browser: Browser;

beforeAll(async () => {
  [intake, browser] = await Promise.all([startTestIntake(sqliteTarget()), launchChromium()]);
  await addAccount(intake.store, 'lead', PASSWORD);
  const at = new Date().toISOString();
  const search = (session: string, query: string, answered: boolean, locale: string) => ({
    type: 'search',
    session: session.padEnd(22, 'x'),
    at,
    locale,
    surface: 'widget',
    query,
    results: answered ? 3 : 0,
    answered,
  });
  const response = await fetch(`${intake.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        search('a', 'ルーターのファームウェアを戻したい', false, 'ja'),
        search('b', 'ﾙｰﾀｰのﾌｧｰﾑｳｪｱを戻したい', false, 'ja'),
        search('c', 'reset the camera', true, 'en'),
      ],
    }),
  });
  expect(response.status).toBe(202);
});
afterAll(async () => {
  await browser?.close();
  await intake?.close();
  removeTempDirs();
});

async function signedIn(locale: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  // CSP violations and script errors; a failed load is named by its response instead (the browser's own
  // request for /favicon.ico is none of the page's business).
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && problems.push(`${r.status()} ${r.url()}`));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${intake.url}/admin/insights?locale=ja`);
  // Not signed in: the sign-in page, never the numbers; signed in, back to the view that was asked for.
  await page.waitForURL(/\/admin\/sign-in\?next=/);
  await page.fill('#user', 'lead');
  await page.fill('#password', PASSWORD);
  await page.press('#password', 'Enter');
  await page.waitForURL(`${intake.url}/admin/insights?locale=ja`);
  return { page, problems };
}

describe('the live insights dashboard behind the admin sign-in', () => {
  it('answers 401 to the API and sends pages to the sign-in without a session', async () => {
    const page = await fetch(`${intake.url}/admin/insights`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/admin/sign-in?next=%2Fadmin%2Finsights');
    const script = await fetch(`${intake.url}/admin/insights/dashboard.js`, { redirect: 'manual' });
    expect(script.status).toBe(303);
  });

  for (const [locale, heading, browserLocale] of [
    ['ja', '見つからなかった質問', 'ja-JP'],
    ['en', 'Questions nothing answered', 'en-US'],
  ] as const) {
    it(`draws the charts under the strict CSP and lists the unanswered questions, grouped (${locale})`, async () => {
      const { page, problems } = await signedIn(browserLocale);
      await page.goto(`${intake.url}/admin/insights?lang=${locale}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      // uPlot draws into each chart's box once the script ran: a canvas per chart.
      await page.waitForSelector('#chart-searches canvas');
      expect(await page.locator('.plot canvas').count()).toBeGreaterThanOrEqual(4);
      const unanswered = page.locator('section[aria-labelledby="unanswered"]');
      expect(await unanswered.locator('h2').textContent()).toContain(heading);
      // The two ways of typing one question (full- and half-width katakana) are one group of 2.
      const row = unanswered.locator('tbody tr', { hasText: 'ルーター' });
      expect(await row.count()).toBe(1);
      expect(await row.locator('td').first().textContent()).toBe('2');

      // The form keeps its choices in the URL: a shareable view.
      await page.selectOption('select[name="locale"]', 'en');
      await page.click('.filters button[type="submit"]');
      await page.waitForURL(/locale=en/);
      expect(await page.locator('section[aria-labelledby="unanswered"] tbody tr', { hasText: 'ルーター' }).count()).toBe(0);

      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryView } from '../../intake/console/browser/wire.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { CONSOLE_SAMPLES, SAMPLE_PNG, submitSamples } from '../../scripts/console-samples.ts';
import { addAccount } from '../../intake/admin/accounts.ts';
import { removeTempDirs, sqliteTarget, startTestIntake, waitFor } from './fixtures.ts';
import { startReceiver, type Received } from './test-servers.ts';

// The support console in real Chromium, against a real intake (SQLite) with a webhook destination: filters
// kept in the URL, an inquiry opened, an attachment downloaded, forward again, exports, the keyboard, axe.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

let browser: Browser;
let intake: RunningIntake;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const inquiryIdOf = (request: Received) => (JSON.parse(request.body.toString()) as { data?: { id?: string } }).data?.id;
const deliveriesOf = (id: string | undefined) => receiver.received.filter((r) => inquiryIdOf(r) === id);
let ids: string[];
let clock = Date.parse('2026-11-20T00:00:00Z');
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
  // The first delivery of an inquiry is taken; one sent again is answered 503, so it stays pending (and
  // retried) and the console's answer to "forward again" shows it pending, however fast the outbox is.
  receiver = await startReceiver((request) => ({ status: deliveriesOf(inquiryIdOf(request)).length > 1 ? 503 : 204 }));
  intake = await startTestIntake(sqliteTarget(), {
    now: () => clock,
    webhook: { url: `${receiver.url}/hooks`, secret: SECRET },
    outbox: { pollMs: 50, baseDelayMs: 50, maxDelayMs: 1_000, maxAttempts: 5, leaseMs: 60_000, timeoutMs: 5_000, concurrency: 2 },
  });
  ids = await submitSamples(intake, (ms) => (clock = ms));
  await addAccount(intake.store, 'agent', PASSWORD);
  await waitFor(async () => (await intake.store.outboxCounts()).pending === 0, 30_000, 'every inquiry forwarded');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await intake?.close();
  await receiver?.close();
  removeTempDirs();
});

/**
 * A browser context signed in through the real sign-in form (a local account), on the console in `locale`,
 * whose page reports CSP violations, failed requests and script errors.
 */
async function signedInPage(locale: 'ja' | 'en'): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    // Failed loads are reported with their URL by the response listener below.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  page.on('requestfailed', (req) => {
    // A download is handed to the download manager, which Chromium reports as an aborted request.
    if (!req.url().includes('/attachments/') && !req.url().includes('/export.')) problems.push(`failed ${req.url()}`);
  });
  // The console sends a browser without a session to the sign-in; signing in leads back to it.
  await page.goto(`${intake.url}/admin/?lang=${locale}`);
  await page.waitForURL(/\/admin\/sign-in/);
  await page.fill('#user', 'agent');
  await page.fill('#password', PASSWORD);
  await page.locator('form:not(.oidc) button[type="submit"]').click();
  await page.waitForURL(`${intake.url}/admin/?lang=${locale}`);
  await page.locator('tbody tr').first().waitFor();
  return { context, page, problems };
}

interface AxeResult {
  violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // page.evaluate is not subject to the page's CSP, so axe runs without weakening the policy under test.
  await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }),
  )) as AxeResult;
  return result.violations.map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const rows = (page: Page) => page.locator('tbody tr');

describe('support console in Chromium', () => {
  it('filters by state and by Japanese words; the URL keeps the filter and the back button restores it', async () => {
    const { context, page, problems } = await signedInPage('ja');
    await page.goto(`${intake.url}/admin/`);
    await expect.poll(() => rows(page).count()).toBe(CONSOLE_SAMPLES.length);
    await page.getByLabel('状態').selectOption('waiting');
    await page.getByRole('button', { name: '表示' }).click();
    await page.waitForURL(/state=waiting/);
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('お客様の返信待ち');
    // The form is drawn anew for the new filter; focus stays on its button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('表示');

    await page.getByLabel('状態').selectOption('');
    await page.getByLabel('キーワード').fill('認証コード');
    await page.getByRole('button', { name: '表示' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === '認証コード' && !url.searchParams.has('state'));
    await expect.poll(() => rows(page).first().textContent()).toContain('2 段階認証のコードが届かない');
    expect(await rows(page).count()).toBe(1);
    expect(await page.getByRole('status').first().textContent()).toBe('1 件');

    await page.goBack();
    await page.waitForURL(/state=waiting/);
    await expect.poll(() => rows(page).first().textContent()).toContain('Mail to one partner bounces');
    expect(await page.getByLabel('状態').inputValue()).toBe('waiting');
    // A shared link opens the same filtered list.
    const shared = await context.newPage();
    await shared.goto(`${intake.url}/admin/?q=${encodeURIComponent('登録済み')}`);
    await expect.poll(() => shared.locator('tbody tr').first().textContent()).toContain('アプリにカメラを登録できません');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens an inquiry with focus on its heading, downloads an attachment, and forwards it again', async () => {
    const { context, page, problems } = await signedInPage('en');
    await page.goto(`${intake.url}/admin/`);
    const number = (await intake.store.inquiryById(ids[0]!))!.seq;
    await page.locator(`a[data-inquiry="${ids[0]}"]`).click();
    await page.waitForURL(new RegExp(`inquiry=${ids[0]}`));
    const heading = page.getByRole('heading', { level: 1 });
    await expect.poll(() => heading.textContent()).toContain('NC-320');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await heading.textContent()).toContain(String(number).padStart(6, '0'));
    expect(await page.title()).toBe(`KT-${String(number).padStart(6, '0')} — Support console`);
    const text = await page.locator('main').textContent();
    for (const shown of [
      'Nagisa Cam',
      'Keeps disconnecting',
      'Severity C (minimal)',
      'Standard',
      '山田 花子',
      'E-301 connection timed out',
      'wifi 切れる nc-320',
      'camera-offline: not helpful',
      'Forwarded',
    ])
      expect(text).toContain(shown);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download ルーター設定\.png/ }).click()]);
    expect(download.suggestedFilename()).toBe('ルーター設定.png');
    expect(readFileSync((await download.path())!).equals(SAMPLE_PNG)).toBe(true);
    const view = (await (await context.request.get(`${intake.url}/admin/api/inquiries/${ids[0]}`)).json()) as InquiryView;
    const direct = await context.request.get(`${intake.url}${view.attachments[0]!.url}`);
    expect(await direct.body()).toEqual(SAMPLE_PNG);
    expect(direct.headers()['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    expect(direct.headers()['x-content-type-options']).toBe('nosniff');
    expect(direct.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");

    const webhookId = deliveriesOf(ids[0])[0]!.headers['webhook-id'];
    await page.getByRole('button', { name: 'Forward again to Webhook' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Webhook: queued to be forwarded again.');
    expect(await page.locator('tr[data-adapter="webhook"]').textContent()).toContain('Pending');
    const hits = await waitFor(() => {
      const seen = deliveriesOf(ids[0]);
      return seen.length >= 2 ? seen.slice(0, 2) : undefined;
    }, 20_000);
    expect(hits.map((r) => r.headers['webhook-id'])).toEqual([webhookId, webhookId]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('exports what the filter shows as CSV (BOM, Japanese) and as JSON Lines', async () => {
    const { context, page, problems } = await signedInPage('ja');
    await page.goto(`${intake.url}/admin/?product=camera`);
    await expect.poll(() => rows(page).count()).toBe(2);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV をダウンロード' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^inquiries-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('アプリにカメラを登録できません');
    expect(lines[2]).toContain('NC-320 がWi-Fiから1日に数回切断される');
    const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'JSON Lines をダウンロード' }).click()]);
    const records = readFileSync((await jsonl.path())!, 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string });
    expect(records.map((r) => r.id)).toEqual([ids[4], ids[0]]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('goes through the console with the keyboard alone: skip link, open an inquiry, forward it again, back to its row', async () => {
    const { context, page, problems } = await signedInPage('en');
    await page.goto(`${intake.url}/admin/`);
    await expect.poll(() => rows(page).count()).toBe(CONSOLE_SAMPLES.length);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-inquiry') ?? document.activeElement?.tagName);
    for (let i = 0; i < 40 && (await focused()) !== ids[ids.length - 1]; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe(ids[ids.length - 1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(/inquiry=/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // On to "forward again" with Tab alone, and Enter presses it.
    const label = () => page.evaluate(() => document.activeElement?.textContent);
    for (let i = 0; i < 40 && (await label()) !== 'Forward again to Webhook'; i++) await page.keyboard.press('Tab');
    expect(await label()).toBe('Forward again to Webhook');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.notice').textContent()).toBe('Webhook: queued to be forwarded again.');
    expect(await label()).toBe('Forward again to Webhook');
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Back to the inquiries');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe(ids[ids.length - 1]);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const locale of ['ja', 'en'] as const)
    it(`has no axe violations in ${locale}: the list and one inquiry`, async () => {
      const { context, page, problems } = await signedInPage(locale);
      await page.goto(`${intake.url}/admin/?lang=${locale}`);
      await expect.poll(() => rows(page).count()).toBe(CONSOLE_SAMPLES.length);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator(`a[data-inquiry="${ids[0]}"]`).click();
      await page.locator('#deliveries').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
});

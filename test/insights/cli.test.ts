import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsightsReport } from '../../content/schema/index.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { run } from '../../scripts/insights.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { postInquiry, removeTempDirs, startTestIntake, tempDir, validInquiry } from '../intake/fixtures.ts';
import { AXE_SOURCE, launchChromium } from '../widget/widget-server.ts';

// `npm run insights` against a real intake: events and an inquiry go in over HTTP, the report comes out of
// the intake's data folder as JSON, as the dashboard and as drafts that `npm run check` accepts.

const dataDir = tempDir('kotae-insights-').dir;
const work = tempDir('kotae-insights-out-').dir;
const today = new Date().toISOString().slice(0, 10);
let intake: RunningIntake;
let browser: Browser | undefined;

const session = (letter: string) => letter.repeat(22);
const event = (s: string, e: Record<string, unknown>) => ({ session: session(s), at: new Date().toISOString(), locale: 'en', surface: 'widget', ...e });

async function insights(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['--data', dataDir, '--today', today, ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  intake = await startTestIntake({ name: 'sqlite', fresh: async () => ({ dataDir }) });
  const batch = [
    event('a', { type: 'search', query: 'roll back router firmware', results: 2, answered: false }),
    event('a', { type: 'contact_open' }),
    event('b', { type: 'search', query: 'router firmware roll back', results: 0, answered: false }),
    event('c', { type: 'search', query: 'camera offline after new router', results: 3, answered: true, top: 'camera-wifi-setup' }),
    event('c', { type: 'article_view', entry: 'camera-wifi-setup', via: 'widget', rank: 1 }),
    event('c', { type: 'deflect', entry: 'camera-wifi-setup' }),
    event('d', { type: 'article_view', entry: 'camera-wifi-setup', via: 'kb_page', surface: 'kb' }),
    event('d', { type: 'vote', entry: 'camera-wifi-setup', helpful: false, reason: 'outdated', surface: 'kb', text: 'mail me at aki@example.com' }),
  ];
  const response = await fetch(`${intake.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: batch }),
  });
  expect(response.status).toBe(202);
  const created = await postInquiry(intake.url, validInquiry());
  expect(created.status).toBe(201);
  await fetch(`${intake.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [event('a', { type: 'inquiry_submit', inquiry: String(created.json.id) })] }),
  });
});

afterAll(async () => {
  await browser?.close();
  await intake?.close();
  removeTempDirs();
});

describe('npm run insights', () => {
  it('reports the stored journeys as JSON: counts, rates, the unanswered group, articles and inquiries', async () => {
    const { code, stdout } = await insights('--json');
    expect(code).toBe(0);
    const report = InsightsReport.parse(JSON.parse(stdout));
    expect(report.range).toEqual({ since: expect.any(String), until: today });
    expect(report.totals).toMatchObject({ sessions: 4, searches: 3, answered: 1, article_views: 2, not_helpful: 1, solved: 1, contact_opens: 1, inquiries: 1 });
    // a, b, c and d used self-service; a sent the inquiry. Nobody who opened contact solved it themselves.
    expect(report.totals.self_service_score).toBe(4);
    expect(report.totals.deflection_rate).toBe(0);
    expect(report.unanswered).toHaveLength(1);
    expect(report.unanswered[0]).toMatchObject({ count: 2 });
    expect(report.articles).toEqual([
      expect.objectContaining({
        entry: 'camera-wifi-setup',
        views: 2,
        not_helpful: 1,
        reasons: { outdated: 1 },
        solved: 1,
        suggested_questions: [{ query: 'camera offline after new router', count: 1 }],
      }),
    ]);
    expect(report.inquiries.product).toEqual([expect.objectContaining({ id: validInquiry().product, total: 1, previous: 0 })]);
  });

  it('filters by product and locale, and explains a bad flag', async () => {
    const ja = InsightsReport.parse(JSON.parse((await insights('--json', '--locale', 'ja')).stdout));
    expect(ja.totals.sessions).toBe(0);
    const bad = await insights('--since', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since 2026-13-01: write a date as YYYY-MM-DD/);
    expect((await insights('--product', 'toaster')).stderr).toMatch(/unknown product "toaster"/);
  });

  it('prints a summary with the questions nothing answered', async () => {
    const { stdout } = await insights('--locale', 'en');
    expect(stdout).toMatch(/Searches: 3 +Searches answered: 33%/);
    expect(stdout).toMatch(/ {4}2 {2}(roll back router firmware|router firmware roll back)\n/);
  });

  it('writes a dashboard (ja and en) whose charts draw, each with its numbers as a table; valid HTML, no axe violations, no script errors', async () => {
    for (const locale of ['en', 'ja']) {
      const out = path.join(work, `report-${locale}.html`);
      expect((await insights('--out', out, '--locale', locale)).code).toBe(0);
      const html = readFileSync(out, 'utf8');
      const validation = await new HtmlValidate({
        extends: ['html-validate:recommended'],
        rules: { 'doctype-style': ['error', { style: 'lowercase' }] },
      }).validateString(html);
      expect(validation.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
      browser ??= await launchChromium();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(out).href);
      await page.locator('#chart-inquiries canvas').waitFor();
      expect(await page.locator('.plot .uplot').count()).toBe(4);
      expect(await page.locator('figure.chart details').count()).toBe(4);
      expect(await page.locator('figure.chart details table').count()).toBeGreaterThanOrEqual(3);
      await page.evaluate(AXE_SOURCE);
      const result = (await page.evaluate(() => (window as unknown as { axe: { run: () => Promise<unknown> } }).axe.run())) as { violations: { id: string }[] };
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(errors).toEqual([]);
      if (process.env.KOTAE_SCREENSHOT_DIR)
        await page.screenshot({ path: path.join(process.env.KOTAE_SCREENSHOT_DIR, `insights-${locale}.png`), fullPage: true });
      await page.close();
    }
  });

  it('turns the unanswered group into a draft that check accepts and the build does not publish', async () => {
    const drafts = path.join(work, 'drafts');
    const { code } = await insights('--gaps', '--draft', drafts);
    expect(code).toBe(0);
    const written = readdirSync(drafts, { recursive: true }).filter((f) => String(f).endsWith('.md'));
    expect(written).toHaveLength(1);
    const content = path.join(work, 'content');
    cpSync('content', content, { recursive: true });
    cpSync(drafts, content, { recursive: true });
    const file = path.join(content, String(written[0]));
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/draft: true[\s\S]*aliases:|aliases:[\s\S]*draft: true/);
    const result = compileContent({ contentDir: content, today });
    expect(result.problems.errors).toEqual([]);
  });
});

import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { InsightsReport } from '../../content/schema/index.ts';
import type { StoredEvent } from '../../intake/store/event-rows.ts';
import { run } from '../../scripts/insights.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { atStep, useInquiryServer, W } from '../inquiry/inquiry-server.ts';

// Issue 16 end to end: customer journeys in the widget on the host page (Chromium, strict CSP), their
// anonymous events forwarded to the real intake's `POST /v1/events` and stored in its SQLite store, then
// `npm run insights` (in-process) reading that store. Each journey is a fresh browser context: a new session.
// The journeys run in order and the report test reads what they all left.
const suite = useInquiryServer({ viewport: { width: 1280, height: 900 } }, { forwardEvents: true });
const work = mkdtempSync(path.join(os.tmpdir(), 'kotae-journeys-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Nothing in the sample content answers it (test/inquiry/inquiry-flow.test.ts uses it the same way). */
const UNANSWERED = 'migrate from oracle to cloud db';
/** Answered by db-backup-restore; the customer says it is out of date and writes to support. */
const RESTORE = 'restore a backup';
/** Answered by reset-password, which the customer then marks "This solved it" among the form's suggestions. */
const PASSWORD = 'I forgot my password';
/**
 * Every English entry has a Japanese translation (content/ja holds seven entries more), so the Japanese
 * journey asks, with a typo, a question only the English wording answers: the English alias
 * "The password reset email never arrived" of reset-password, typed into the widget in Japanese.
 */
const JA_TYPO = 'pasword reset email never arived';

/** What the page's public `search` event said of each search, to read the gate's verdict. */
type Searched = { query: string; results: number; answered: boolean };

async function open(file = 'host.html'): Promise<{ page: Page; problems: string[] }> {
  const page = await suite.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${suite.server.origin}/${file}`);
  await page.evaluate(() => {
    const w = window as unknown as { searched: unknown[] };
    w.searched = [];
    void window.Kotae('on', 'search', (d: unknown) => w.searched.push(d));
  });
  return { page, problems };
}
const searched = (page: Page) => page.evaluate(() => (window as unknown as { searched: Searched[] }).searched);

/** Opens the widget, types `query` and waits until the search of exactly that text has run. */
async function search(page: Page, query: string): Promise<Searched> {
  await page.evaluate(() => window.Kotae('open'));
  await page.locator(`${W} input.search`).fill(query);
  await expect.poll(async () => (await searched(page)).some((s) => s.query === query), { timeout: 60_000 }).toBe(true);
  return (await searched(page)).find((s) => s.query === query)!;
}

/** Opens the first result; returns its entry id once the article shows. */
async function openFirstResult(page: Page): Promise<string> {
  const first = page.locator(`${W} kotae-search-view .result`).first();
  const entry = (await first.getAttribute('data-id'))!;
  await first.click();
  await page.locator(`${W} kotae-article-view .content`).waitFor();
  return entry;
}

/**
 * The page as the browser sees it when the customer leaves: hidden, which sends what waits (sendBeacon);
 * then waits until the intake's store holds `total` events (and no more).
 */
async function flush(page: Page, total: number): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect.poll(() => suite.server.intake.store.countEvents(), { timeout: 60_000 }).toBe(total);
}

const known = new Set<string>();
/** The events of the one session the store holds that no earlier call returned, in the order they happened. */
async function newSession(): Promise<StoredEvent[]> {
  const today = new Date().toISOString().slice(0, 10);
  const events: StoredEvent[] = [];
  for await (const row of suite.server.intake.store.eventsBetween(today, today)) events.push(row);
  const fresh = events.filter((e) => !known.has(e.session));
  const sessions = new Set(fresh.map((e) => e.session));
  expect(sessions.size).toBe(1);
  for (const id of sessions) known.add(id);
  return fresh.sort((a, b) => a.at.localeCompare(b.at));
}

async function insights(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['--data', suite.server.dataDir, ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** What the journeys saw, for the report test. */
const seen: { restoreEntry?: string; passwordEntry?: string; ja?: Searched } = {};

describe('customer journeys → stored events → npm run insights', () => {
  it('1. a search nothing answers, and nothing else', async () => {
    const { page, problems } = await open();
    const s = await search(page, UNANSWERED);
    expect(s.answered).toBe(false);
    await page.locator(`${W} [data-action=contact]`).waitFor();
    await flush(page, 1);
    expect(await newSession()).toEqual([
      expect.objectContaining({ type: 'search', query: UNANSWERED, answered: false, locale: 'en', surface: 'widget', product: 'cloud-db' }),
    ]);
    expect(problems).toEqual([]);
  });

  it('2. a search opens an article, "No" with "Out of date", then an inquiry through the form', async () => {
    const { page, problems } = await open();
    expect((await search(page, RESTORE)).answered).toBe(true);
    seen.restoreEntry = await openFirstResult(page);
    await page.locator(`${W} [data-vote=no]`).click();
    await page.locator(`${W} #kotae-reasons input[value=outdated]`).check();
    await page.locator(`${W} [data-action=explain]`).click();
    await page.locator(`${W} [data-action=contact]`).click();
    await atStep(page, 'what');
    expect(await page.locator(`${W} #kq-summary`).inputValue()).toBe(RESTORE);
    await page.locator(`${W} #kq-problem_type`).selectOption('backup-restore');
    await page.locator(`${W} #kq-problem_subtype`).selectOption('restore-failed');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'solutions');
    await page.locator(`${W} .kq-solutions, ${W} .kq-step .hint[role=status]:not(:empty)`).first().waitFor();
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'details');
    await page
      .locator(`${W} #kq-description`)
      .fill('The restore to a new cluster stops at 80% with "restore failed: E-512"; the article shows an old console.');
    await page.locator(`${W} #kq-plan`).selectOption('standard');
    await page.locator(`${W} #kq-severity-b`).check();
    await page.locator(`${W} #kq-name`).fill('Aki Tanaka');
    await page.locator(`${W} #kq-email`).fill('aki@example.com');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} #kotae-done`).waitFor();
    expect(await suite.server.count()).toBe(1);
    // search, article_view, vote, contact_open, inquiry_submit
    await flush(page, 1 + 5);
    const [inquiry] = await suite.server.inquiries();
    const entry = seen.restoreEntry;
    expect(await newSession()).toEqual([
      expect.objectContaining({ type: 'search', query: RESTORE, answered: true, top: entry }),
      expect.objectContaining({ type: 'article_view', entry, via: 'widget', rank: 1 }),
      expect.objectContaining({ type: 'vote', entry, helpful: false, reason: 'outdated' }),
      expect.objectContaining({ type: 'contact_open', entry }),
      expect.objectContaining({ type: 'inquiry_submit', inquiry: inquiry!.id }),
    ]);
    expect(problems).toEqual([]);
  });

  it('3. a search opens an article; the contact form\'s suggested answer "This solved it" ends it', async () => {
    const { page, problems } = await open();
    expect((await search(page, PASSWORD)).answered).toBe(true);
    seen.passwordEntry = await openFirstResult(page);
    // The host page's own "Contact us" opens the form (the gate shows the widget's button only after a miss).
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    expect(await page.locator(`${W} #kq-summary`).inputValue()).toBe(PASSWORD);
    await page.locator(`${W} #kq-product`).selectOption('groupware');
    await page.locator(`${W} #kq-problem_type`).selectOption('sign-in');
    await page.locator(`${W} #kq-problem_subtype`).selectOption('password');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'solutions');
    const solution = page.locator(`${W} .kq-solution[data-id="${seen.passwordEntry}"]`);
    await solution.locator('[data-action=solved]').click();
    await page.locator(`${W} #kq-step`, { hasText: 'Glad that solved it' }).waitFor();
    expect(await suite.server.count()).toBe(1);
    // search, article_view, contact_open, deflect
    await flush(page, 6 + 4);
    const entry = seen.passwordEntry;
    expect(await newSession()).toEqual([
      expect.objectContaining({ type: 'search', query: PASSWORD, answered: true, top: entry }),
      expect.objectContaining({ type: 'article_view', entry, via: 'widget', rank: 1 }),
      expect.objectContaining({ type: 'contact_open' }),
      expect.objectContaining({ type: 'deflect', entry }),
    ]);
    expect(problems).toEqual([]);
  });

  it('4. a Japanese search with a typo of a question only the English wording answers: the gate decides, the event records it', async () => {
    const { page, problems } = await open('host-ja.html');
    const s = await search(page, JA_TYPO);
    seen.ja = s;
    // The widget's verdict is what the event carries; the contact button shows exactly when it is a miss.
    await expect.poll(() => page.locator(`${W} [data-action=contact]`).count()).toBe(s.answered ? 0 : 1);
    await flush(page, 10 + 1);
    // What the store holds is what the page decided. (On the sample content: 4 results, judged unanswered.)
    expect(await newSession()).toEqual([
      expect.objectContaining({ type: 'search', query: JA_TYPO, results: s.results, answered: s.answered, locale: 'ja', product: 'cloud-db' }),
    ]);
    expect(problems).toEqual([]);
  });

  it('npm run insights -- --json counts exactly those four sessions', async () => {
    expect(seen.ja).toBeDefined();
    const jaAnswered = seen.ja!.answered ? 1 : 0;
    const { code, stdout } = await insights('--json');
    expect(code).toBe(0);
    const report = InsightsReport.parse(JSON.parse(stdout));
    // Self-service score = sessions that used self-service (searched, viewed or solved: all 4) ÷ sessions that
    // sent an inquiry (journey 2 only) = 4 / 1 = 4. Deflection rate = sessions that opened contact and then
    // solved it themselves (journey 3) ÷ sessions that opened contact (journeys 2 and 3) = 1 / 2 = 0.5.
    expect(report.totals).toEqual({
      sessions: 4,
      searches: 4,
      answered: 2 + jaAnswered,
      answered_rate: (2 + jaAnswered) / 4,
      article_views: 2,
      helpful: 0,
      not_helpful: 1,
      solved: 1,
      contact_opens: 2,
      inquiries: 1,
      self_service_score: 4,
      deflection_rate: 0.5,
    });
    expect(report.locales).toEqual([
      { locale: 'en', searches: 3, answered: 2, answered_rate: 2 / 3 },
      { locale: 'ja', searches: 1, answered: jaAnswered, answered_rate: jaAnswered },
    ]);
    const unansweredEn = {
      example: UNANSWERED,
      count: 1,
      variants: [{ query: UNANSWERED, count: 1 }],
      locales: [{ locale: 'en', count: 1 }],
      products: [{ product: 'cloud-db', count: 1 }],
    };
    const unansweredJa = {
      example: JA_TYPO,
      count: 1,
      variants: [{ query: JA_TYPO, count: 1 }],
      locales: [{ locale: 'ja', count: 1 }],
      products: [{ product: 'cloud-db', count: 1 }],
    };
    expect(report.unanswered).toEqual(jaAnswered ? [unansweredEn] : expect.arrayContaining([unansweredEn, unansweredJa]));
    expect(report.unanswered).toHaveLength(jaAnswered ? 1 : 2);
    const articles = Object.fromEntries(report.articles.map((a) => [a.entry, a]));
    expect(Object.keys(articles).sort()).toEqual([seen.restoreEntry, seen.passwordEntry].sort());
    expect(articles[seen.restoreEntry!]).toEqual({
      entry: seen.restoreEntry,
      views: 1,
      helpful: 0,
      not_helpful: 1,
      reasons: { outdated: 1 },
      solved: 0,
      inquiries_after: 1,
      suggested_questions: [],
    });
    // "This solved it" after "I forgot my password": the entry's own title holds every word, so no suggestion.
    expect(articles[seen.passwordEntry!]).toEqual({
      entry: seen.passwordEntry,
      views: 1,
      helpful: 0,
      not_helpful: 0,
      reasons: {},
      solved: 1,
      inquiries_after: 0,
      suggested_questions: [],
    });
    expect(report.inquiries.product).toEqual([expect.objectContaining({ id: 'cloud-db', total: 1 })]);
    expect(report.inquiries.problem_type).toEqual([expect.objectContaining({ id: 'backup-restore', total: 1 })]);
    expect(report.weeks.reduce((n, w) => n + w.sessions, 0)).toBe(4);
  });

  it('npm run insights -- --gaps --draft DIR: a draft per unanswered group, which the content check accepts', async () => {
    const drafts = path.join(work, 'drafts');
    const { code } = await insights('--gaps', '--draft', drafts);
    expect(code).toBe(0);
    const written = readdirSync(drafts, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(written).toHaveLength(seen.ja!.answered ? 1 : 2);
    const en = written.find((f) => f.startsWith(`en${path.sep}`))!;
    expect(en).toMatch(/^en[/\\]cloud-db[/\\][\w-]+\.md$/);
    const text = readFileSync(path.join(drafts, en), 'utf8');
    expect(text).toContain(`title: ${UNANSWERED}\n`);
    expect(text).toContain('draft: true\n');
    if (!seen.ja!.answered) {
      // The Japanese miss becomes a Japanese draft, its title the query as typed.
      const ja = written.find((f) => f.startsWith(`ja${path.sep}`))!;
      expect(ja).toMatch(/^ja[/\\]cloud-db[/\\][\w-]+\.md$/);
      expect(readFileSync(path.join(drafts, ja), 'utf8')).toContain(`title: ${JA_TYPO}\n`);
    }
    const content = path.join(work, 'content');
    cpSync('content', content, { recursive: true });
    cpSync(drafts, content, { recursive: true });
    const result = compileContent({ contentDir: content, today: new Date().toISOString().slice(0, 10) });
    expect(result.problems.errors).toEqual([]);
  });
});

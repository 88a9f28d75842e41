import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { focused, launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// The widget in real Chromium, served with the strict CSP of scripts/static-server.ts.
let server: WidgetServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => {
  await context.close();
});

const state = (page: Page) => page.evaluate(() => window.Kotae('state'));
const panel = (page: Page) => page.locator('kotae-widget .panel');
const catalog = (locale: string) =>
  (JSON.parse(String(server.files.get(`data/${locale}/catalog.json`))) as { entries: { id: string; product?: string }[] }).entries;

async function recordEvents(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seen: [string, unknown][] };
    w.seen = [];
    for (const name of ['open', 'close', 'search', 'article:view', 'vote', 'inquiry:start', 'inquiry:submit', 'inquiry:error'] as const)
      void window.Kotae('on', name, (d: unknown) => w.seen.push([name, d]));
  });
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: [string, unknown][] }).seen);

/** Types a query and waits until its results (or "no results") are on screen. */
async function typeQuery(page: Page, query: string, host = 'kotae-widget'): Promise<void> {
  await page.locator(`${host} input.search`).fill(query);
  await resultsFor(page, query, host);
}

/**
 * Waits until the results on screen are those of `query` (not of a prefix typed on the way). The first query
 * of a page fetches the engine and the index shards: on a busy machine that takes longer than poll's default
 * second.
 */
async function resultsFor(page: Page, query: string, host = 'kotae-widget'): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async (h) => {
          const view = document.querySelector(h)!.shadowRoot!.querySelector('kotae-search-view') as unknown as {
            outcome?: { query: string };
            updateComplete: Promise<boolean>;
          };
          await view.updateComplete;
          return view.outcome?.query;
        }, host),
      { timeout: 60_000 },
    )
    .toBe(query);
}

describe('the widget in Chromium under a strict CSP', () => {
  it('loads only the loader until used, then works without a single CSP violation', async () => {
    const { page, problems, requests } = await openPage(context, `${server.origin}/plain.html`);
    // Everything the page loads by itself has loaded.
    await page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.startsWith('/widget/') || r.startsWith('/data/'))).toEqual(['/widget/kotae.js']);
    await page.locator('kotae-widget .launcher').hover();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/app-[\w-]+\.js$/.test(r.name)));
    await page.locator('kotae-widget .launcher').click();
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    await typeQuery(page, 'reset password');
    await page.locator('kotae-widget .result').first().click();
    await page.locator('kotae-widget kotae-article-view .content').waitFor();
    expect(problems).toEqual([]);
  });

  it('replays commands queued before the script loaded, in order', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/queued.html`);
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { events: unknown[] }).events)).toEqual([['open', { view: 'search' }]]);
    expect((await state(page)).context).toEqual({ product: 'cloud-db' });
    // Before typing: the entries of the host's product come first.
    const first = await page.locator('kotae-widget .result').first().getAttribute('data-id');
    expect(catalog('en').find((e) => e.id === first)?.product).toBe('cloud-db');
    expect(problems).toEqual([]);
  });

  it('before typing, lists the entries of the host page first, then its product, and follows setContext', async () => {
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    await page.evaluate(() => window.Kotae('setContext', { product: 'cloud-db', page: 'backup' }));
    await page.evaluate(() => window.Kotae('open'));
    const ids = () => page.locator('kotae-widget kotae-search-view .result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    await expect.poll(ids).toHaveLength(5);
    const first = await ids();
    expect(first[0]).toBe('db-backup-restore');
    for (const id of first) expect(catalog('en').find((e) => e.id === id)?.product).toBe('cloud-db');
    await page.evaluate(() => window.Kotae('setContext', { product: 'camera' }));
    await expect.poll(async () => (await ids()).map((id) => catalog('en').find((e) => e.id === id)?.product)).toEqual(Array(5).fill('camera'));
  });

  it('rejects a call when the app cannot load, and loads it on the next try', async () => {
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    await page.route('**/widget/app-*.js', (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => window.Kotae('setContext', { product: 'camera' }));
    const failed = await page.evaluate(() =>
      window.Kotae('open').then(
        () => 'opened',
        (e: Error) => `rejected: ${e.message}`,
      ),
    );
    expect(failed).toMatch(/^rejected: /);
    await page.unroute('**/widget/app-*.js');
    await page.evaluate(() => window.Kotae('open'));
    expect(await state(page)).toMatchObject({ open: true, context: { product: 'camera' } });
  });

  it('search → article → vote: results highlight the passage, the article shows, the vote is recorded', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/plain.html`);
    await recordEvents(page);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    const marks = await page.locator('kotae-widget .result mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toMatch(/reset|password/);
    const count = await page.locator('kotae-widget .result').count();
    await expect.poll(() => page.locator('kotae-widget #kotae-count').textContent()).toBe(`${count} result${count === 1 ? '' : 's'}`);
    const id = await page.locator('kotae-widget .result').first().getAttribute('data-id');
    await page.locator('kotae-widget .result').first().click();
    const title = page.locator('kotae-widget #kotae-article-title');
    await title.waitFor();
    expect(await title.textContent()).toBe((JSON.parse(String(server.files.get(`data/en/entries/${id}.json`))) as { title: string }).title);
    // Payload images and links point at the Kotae site, not at the host page's paths.
    for (const src of await page.locator('kotae-widget .content img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src'))))
      expect(src).toMatch(new RegExp(`^${server.origin}/`));
    await page.locator('kotae-widget [data-vote=yes]').click();
    await page.locator('kotae-widget [role=status]', { hasText: 'Thank you' }).waitFor();
    const steps = (await state(page)).trail.map((s) => s.type);
    expect(steps).toEqual(['search', 'article', 'vote']);
    expect((await seen(page)).map(([name]) => name)).toEqual(['open', 'search', 'article:view', 'vote']);
    expect(await seen(page)).toContainEqual(['vote', { id, helpful: true }]);
    expect(problems).toEqual([]);
  });

  it('when-unanswered (the default): contact appears only after an unanswered search or a "no" vote, and carries the trail', async () => {
    const { page } = await openPage(context, `${server.origin}/g/when-unanswered/plain.html`);
    await recordEvents(page);
    await page.evaluate(() => window.Kotae('open'));
    const contact = page.locator('kotae-widget [data-action=contact]');
    await typeQuery(page, 'reset password');
    expect(await contact.count()).toBe(0);
    await page.locator('kotae-widget .result').first().click();
    await page.locator('kotae-widget [data-vote=no]').click();
    // "What was missing?" comes first; skipping it offers contact.
    expect(await contact.count()).toBe(0);
    await page.locator('kotae-widget [data-action=skip-explain]').click();
    await contact.waitFor();
    expect((await state(page)).contactVisible).toBe(true);

    const fresh = await openPage(context, `${server.origin}/g/when-unanswered/plain.html`);
    await fresh.page.evaluate(() => window.Kotae('open'));
    await typeQuery(fresh.page, 'zebra quantum saxophone');
    const last = (await state(fresh.page)).trail.at(-1);
    expect(last).toMatchObject({ type: 'search', answered: false });
    await recordEvents(fresh.page);
    await fresh.page.locator('kotae-widget [data-action=contact]').click();
    await fresh.page.locator('kotae-widget #kotae-inq').waitFor();
    expect(await fresh.page.locator('kotae-widget .trail li').allTextContents()).toEqual(['Searched for “zebra quantum saxophone”']);
    const [[name, detail]] = (await seen(fresh.page)) as [[string, { trail: unknown[] }]];
    expect(name).toBe('inquiry:start');
    expect(detail.trail).toHaveLength(1);
  });

  it('always gate: contact is offered before any search', async () => {
    const { page } = await openPage(context, `${server.origin}/g/always/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await page.locator('kotae-widget [data-action=contact]').waitFor();
    expect((await state(page)).gate).toBe('always');
  });

  it('never gate: no contact even after an unanswered search and a "no" vote', async () => {
    const { page } = await openPage(context, `${server.origin}/g/never/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'zebra quantum saxophone');
    await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    await page.locator('kotae-widget [data-vote=no]').click();
    await page.locator('kotae-widget [role=status]', { hasText: 'Sorry' }).waitFor();
    expect(await page.locator('kotae-widget [data-action=contact]').count()).toBe(0);
    expect(await page.locator('kotae-widget kotae-article-view').textContent()).toContain('Browse the help center');
    expect((await state(page)).contactVisible).toBe(false);
  });

  it('hands identity, prefill and diagnostics to the inquiry view; a throwing provider does not block it', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/g/always/plain.html`);
    await page.evaluate(async () => {
      await window.Kotae('identify', 'header.payload.signature');
      await window.Kotae('prefill', { email: 'aki@example.com', product: 'cloud-db' });
      await window.Kotae('diagnostics', async () => ({ cluster: 'prod-tokyo-1', connections: 497 }));
      await window.Kotae('open', { view: 'inquiry' });
    });
    const attached = page.locator('kotae-widget .attached li');
    await expect
      .poll(() => attached.allTextContents())
      .toEqual([
        'Your account (you are signed in)',
        'Filled in for you: email: aki@example.com, product: cloud-db',
        'Technical details from this app: cluster, connections',
      ]);
    expect(await page.locator('kotae-widget .methods dt').allTextContents()).toEqual(['Email', 'Phone']);
    await page.evaluate(async () => {
      await window.Kotae('close');
      await window.Kotae('diagnostics', () => {
        throw new Error('no cluster selected');
      });
      await window.Kotae('open', { view: 'inquiry' });
    });
    await expect.poll(() => attached.allTextContents()).toContain('Technical details from this app: error');
    const bad = await page.evaluate(() => window.Kotae('diagnostics', 'not a function' as never).catch((e: Error) => e.message));
    expect(bad).toMatch(/expected a function/);
    expect(problems.filter((p) => !/expected a function/.test(p))).toEqual([]);
  });

  it('shows the confirmation when the inquiry view reports a submission, and passes failures on as events', async () => {
    const { page } = await openPage(context, `${server.origin}/g/always/plain.html`);
    await recordEvents(page);
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    const dispatch = (name: string, detail: unknown) =>
      page.evaluate(
        ([n, d]) =>
          document
            .querySelector('kotae-widget')!
            .shadowRoot!.querySelector('kotae-inquiry-view')!
            .dispatchEvent(new CustomEvent(n as string, { detail: d, bubbles: true, composed: true })),
        [name, detail] as const,
      );
    await dispatch('kotae-failed', 'the intake is unreachable');
    await dispatch('kotae-submitted', { id: 'KT-0042', replyBy: '2026-11-25T01:00:00Z', timeZone: 'Asia/Tokyo' });
    await page.locator('kotae-widget #kotae-done').waitFor();
    const text = await page.locator('kotae-widget kotae-confirmation-view').textContent();
    expect(text).toContain('Reference: KT-0042');
    // The promise as the form wrote it: weekday, date, time and zone, in the customer's time zone.
    expect(text).toContain('We will reply by Wed, Nov 25, 10:00 (GMT+9)');
    expect((await seen(page)).filter(([name]) => name.startsWith('inquiry:'))).toEqual([
      ['inquiry:start', { trail: [] }],
      ['inquiry:error', { message: 'the intake is unreachable' }],
      ['inquiry:submit', { id: 'KT-0042', replyBy: '2026-11-25T01:00:00Z' }],
    ]);
    await page.locator('kotae-widget [data-action=done]').click();
    await expect.poll(() => state(page).then((s) => s.view)).toBe('search');
  });

  it('with the gate at never, opening the inquiry view shows the search view', async () => {
    const { page } = await openPage(context, `${server.origin}/g/never/plain.html`);
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    expect((await state(page)).view).toBe('search');
    expect(await page.locator('kotae-widget #kotae-inq').count()).toBe(0);
  });

  it('works with the keyboard alone: open, search, arrow to a result, read, trap Tab, Escape restores focus', async () => {
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button.launcher');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input#kotae-q.search');
    expect(await page.locator('kotae-widget [role=dialog]').getAttribute('aria-modal')).toBe('true');
    await page.keyboard.type('two-step verification');
    await resultsFor(page, 'two-step verification');
    await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('button.result');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('input#kotae-q.search');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('h2#kotae-article-title.title');
    // Tab never leaves the dialog.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('KOTAE-WIDGET');
      expect(await page.evaluate(() => !!document.querySelector('kotae-widget')!.shadowRoot!.activeElement?.closest('.panel'))).toBe(true);
    }
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => !!document.querySelector('kotae-widget')!.shadowRoot!.activeElement?.closest('.panel'))).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel(page).isVisible()).toBe(false);
    expect(await focused(page)).toBe('button.launcher');
    expect(await page.locator('kotae-widget .launcher').getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps search and opened articles working from its own cache when the data server is gone', async () => {
    const first = await openPage(context, `${server.origin}/plain.html`);
    await first.page.evaluate(() => window.Kotae('open'));
    await typeQuery(first.page, 'reset password');
    await first.page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    await first.page.locator('kotae-widget #kotae-article-title').waitFor();
    await first.page.close();

    // A new page (nothing in memory) whose data requests all fail: only the Cache API can answer.
    const page = await context.newPage();
    await page.route('**/data/**', (route) => route.abort('internetdisconnected'));
    await page.route('**/widget/i18n/**', (route) => route.abort('internetdisconnected'));
    await page.goto(`${server.origin}/plain.html`);
    const hits = await page.evaluate(() => window.Kotae('search', 'reset password'));
    expect(hits.map((h) => h.id)).toContain('reset-password');
    await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    await page.locator('kotae-widget #kotae-article-title').waitFor();
    expect(await page.locator('kotae-widget .content').textContent()).toContain('password');
  });

  it('answers its API: search returns hits, openArticle shows an entry, setLocale switches strings and index, bad calls are explained', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/plain.html`);
    const hits = await page.evaluate(() => window.Kotae('search', 'invoice'));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.url).toMatch(new RegExp(`^${server.origin}/en/`));
    expect(hits[0]!.snippet.some((p) => p.highlight)).toBe(true);
    await page.evaluate(() => window.Kotae('setLocale', 'ja'));
    expect(await page.locator('kotae-widget .launcher').textContent()).toBe('ヘルプ');
    const ja = await page.evaluate(() => window.Kotae('search', 'パスワード'));
    expect(ja.map((h) => h.id)).toContain('reset-password');
    expect(await page.locator('kotae-widget .panel').getAttribute('lang')).toBe('ja');
    await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    expect(await page.locator('kotae-widget [data-vote=yes]').textContent()).toBe('はい');
    const error = await page.evaluate(() => (window.Kotae as unknown as (c: string) => Promise<unknown>)('explode').catch((e: Error) => e.message));
    expect(error).toMatch(/unknown command; use one of open, close/);
    const badLocale = await page.evaluate(() => window.Kotae('setLocale', 'xx').catch((e: Error) => e.message));
    expect(badLocale).toMatch(/the site has "ja", "en"/);
    await page.evaluate(() => window.Kotae('close'));
    expect((await state(page)).open).toBe(false);
    expect(problems.filter((p) => !/unknown command|the site has/.test(p))).toEqual([]);
  });

  it('renders an inline panel in <kotae-help> that searches like the floating one', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/inline.html`);
    expect(await page.locator('kotae-widget .launcher').count()).toBe(0);
    const inline = page.locator('kotae-help .panel');
    expect(await inline.getAttribute('role')).toBe('region');
    await typeQuery(page, 'camera offline', 'kotae-help');
    await page.locator('kotae-help .result mark').first().waitFor();
    await page.locator('kotae-help .result').first().click();
    await page.locator('kotae-help #kotae-article-title').waitFor();
    expect(problems).toEqual([]);
  });
});

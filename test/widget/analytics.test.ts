import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EventRecorder, startEventRecorder } from './event-recorder.ts';
import { launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// The widget's anonymous self-service events in Chromium, sent to a recording stand-in for the intake's
// `POST /v1/events` on another origin (CORS), under the strict CSP with that origin in `connect-src`.
let recorder: EventRecorder;
let server: WidgetServer;
let browser: Browser;
let context: BrowserContext;

const W = 'kotae-widget';
const SESSION = /^[A-Za-z0-9_-]{22}$/;

beforeAll(async () => {
  recorder = await startEventRecorder();
  const intake = (site: Record<string, unknown>) => ({ ...site, intake: { url: recorder.origin } });
  const insights = (site: Record<string, unknown>) => site.insights as Record<string, unknown>;
  [server, browser] = await Promise.all([
    startWidgetServer({
      connectSrc: [recorder.origin],
      variants: {
        on: intake,
        off: (site) => ({ ...intake(site), insights: { ...insights(site), enabled: false } }),
        'signals-ignored': (site) => ({ ...intake(site), insights: { ...insights(site), respectPrivacySignals: false } }),
      },
    }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await recorder?.close();
});
beforeEach(async () => {
  recorder.requests.length = 0;
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => {
  await context.close();
});

/** The page as the browser sees it when the customer switches tabs: hidden, which flushes the events. */
async function hide(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/**
 * Posts a sentinel from the page after everything it had to send, and waits until it arrives: requests the
 * page made before it have arrived by then.
 */
async function sentinel(page: Page): Promise<void> {
  await page.evaluate((origin) => void fetch(`${origin}/sentinel`, { method: 'POST', body: 'x', keepalive: true }), recorder.origin);
  await expect.poll(() => recorder.requests.some((r) => r.path === '/sentinel')).toBe(true);
}

async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator(`${W} input.search`).fill(query);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const view = document.querySelector('kotae-widget')!.shadowRoot!.querySelector('kotae-search-view') as unknown as {
            outcome?: { query: string };
            updateComplete: Promise<boolean>;
          };
          await view.updateComplete;
          return view.outcome?.query;
        }),
      { timeout: 60_000 },
    )
    .toBe(query);
}

/** Every request the page makes to the recorder's origin. */
function watchRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (req) => {
    if (req.url().startsWith(recorder.origin) && !req.url().endsWith('/sentinel')) seen.push(`${req.method()} ${req.url()}`);
  });
  return seen;
}

describe('self-service events from the widget', () => {
  it('a search, an opened result, "No" with what was missing, contact and "This solved it" arrive as valid batches of exactly those events, one session', async () => {
    const { page, problems } = await openPage(context, `${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('setContext', { product: 'groupware' }));
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    const first = page.locator(`${W} kotae-search-view .result`).first();
    const entry = (await first.getAttribute('data-id'))!;
    await first.click();
    await page.locator(`${W} [data-vote=no]`).click();
    await page.locator(`${W} #kotae-reasons input[value=incomplete]`).check();
    await page.locator(`${W} #kotae-reason-text`).fill('Call me on 090-1234-5678, it does not say where the button is');
    await page.locator(`${W} [data-action=explain]`).click();
    await page.locator(`${W} [data-action=contact]`).click();
    await page.locator(`${W} .kq-step[data-step=what]`).waitFor();
    await page.locator(`${W} #kq-product`).selectOption('groupware');
    await page.locator(`${W} #kq-problem_type`).selectOption('sign-in');
    await page.locator(`${W} #kq-problem_subtype`).selectOption('password');
    await page.locator(`${W} #kq-summary`).fill('I forgot my password');
    await page.locator(`${W} [data-action=next]`).click();
    const solution = page.locator(`${W} .kq-solution`).first();
    await solution.waitFor();
    const solved = (await solution.getAttribute('data-id'))!;
    await solution.locator('[data-action=solved]').click();
    await page.locator(`${W} #kq-step`, { hasText: 'Glad that solved it' }).waitFor();
    // Hiding the page sends what waits (on a busy machine the 5-second batch may have gone before).
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(5);

    const events = recorder.events();
    expect(events.map((e) => e.type)).toEqual(['search', 'article_view', 'vote', 'contact_open', 'deflect']);
    expect(new Set(events.map((e) => e.session)).size).toBe(1);
    expect(events[0]!.session).toMatch(SESSION);
    for (const e of events) expect(e).toMatchObject({ locale: 'en', surface: 'widget', product: 'groupware' });
    expect(events[0]).toMatchObject({ type: 'search', query: 'reset password', answered: expect.any(Boolean), top: entry });
    expect((events[0] as { results: number }).results).toBeGreaterThan(0);
    expect(events[1]).toMatchObject({ type: 'article_view', entry, via: 'widget', rank: 1 });
    expect(events[2]).toMatchObject({
      type: 'vote',
      entry,
      helpful: false,
      reason: 'incomplete',
      text: 'Call me on [phone], it does not say where the button is',
    });
    expect(events[3]).toMatchObject({ type: 'contact_open', entry });
    expect(events[4]).toMatchObject({ type: 'deflect', entry: solved });
    // A flush on hide is a beacon (text/plain, so no preflight); a batch the 5-second timer sent is JSON.
    // Which of them carried the events depends on how fast the machine clicked through.
    const posts = recorder.requests.filter((r) => r.path === '/v1/events' && r.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(['text/plain;charset=UTF-8', 'application/json']).toContain(post.contentType);
    expect(problems).toEqual([]);
  });

  it('sends at most one request per 5 seconds while the page is shown, with fetch (JSON, keepalive)', async () => {
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    await page.locator(`${W} kotae-article-view .content`).waitFor();
    await page.clock.runFor(4000);
    expect(recorder.requests.filter((r) => r.method === 'POST')).toEqual([]);
    await page.clock.runFor(1000);
    await expect.poll(() => recorder.batches().length).toBe(1);
    expect(recorder.events().map((e) => e.type)).toEqual(['search', 'article_view']);
    expect(recorder.requests.find((r) => r.method === 'POST')!.contentType).toBe('application/json');
    // An event after the send waits for the next interval.
    await page.locator(`${W} [data-vote=yes]`).click();
    await page.locator(`${W} #kotae-vote-done`).waitFor();
    await page.clock.runFor(4000);
    expect(recorder.batches()).toHaveLength(1);
    await page.clock.runFor(1000);
    await expect.poll(() => recorder.batches().length).toBe(2);
    expect(recorder.batches()[1]!.events).toMatchObject([{ type: 'vote', entry: 'reset-password', helpful: true }]);
  });

  it('redacts personal data in a query before it leaves the page', async () => {
    const { page } = await openPage(context, `${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'refund to taro.yamada@example.com card 4111 1111 1111 1111');
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(1);
    expect(recorder.events()[0]).toMatchObject({ type: 'search', query: 'refund to [email] card [card]' });
    const raw = recorder.requests.map((r) => r.body).join('\n');
    expect(raw).not.toContain('taro');
    expect(raw).not.toContain('4111');
  });

  it('many events go in batches of at most 50 events and 32 KB, none lost', async () => {
    const { page } = await openPage(context, `${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    // Long Japanese queries (about 800 bytes an event) fill 32 KB before 50 events.
    const queries = Array.from({ length: 120 }, (_, i) => `${i}番目：${'カメラの設定'.repeat(40)}`.slice(0, 200));
    await page.evaluate(async (qs) => {
      for (const q of qs) await window.Kotae('search', q);
    }, queries);
    await hide(page);
    await expect.poll(() => recorder.events().length, { timeout: 60_000 }).toBe(120);
    const posts = recorder.requests.filter((r) => r.method === 'POST' && r.path === '/v1/events');
    for (const post of posts) expect(Buffer.byteLength(post.body)).toBeLessThanOrEqual(32 * 1024);
    const counts = recorder.batches().map((b) => b.events.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(50);
    expect(counts.length).toBeGreaterThanOrEqual(3);
    // A batch sent by the timer (preflighted JSON) may arrive after the beacons: compare as sets.
    const sent = recorder.events().map((e) => (e as { query: string }).query);
    expect(sent.sort()).toEqual([...queries].sort());
  });

  it('a receipt from the intake becomes inquiry_submit with its inquiry id', async () => {
    const { page } = await openPage(context, `${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await page.locator(`${W} kotae-inquiry-view`).waitFor();
    await page.evaluate(() =>
      document
        .querySelector('kotae-widget')!
        .shadowRoot!.querySelector('kotae-inquiry-view')!
        .dispatchEvent(new CustomEvent('kotae-submitted', { detail: { id: 'KT-7', inquiryId: 'inq_01HZX' }, bubbles: true, composed: true })),
    );
    await page.locator(`${W} #kotae-done`).waitFor();
    await hide(page);
    await expect.poll(() => recorder.events().map((e) => e.type)).toEqual(['contact_open', 'inquiry_submit']);
    expect(recorder.events()[1]).toMatchObject({ inquiry: 'inq_01HZX' });
  });
});

describe('no events leave the page when they are off', () => {
  const cases: [string, string, (context: BrowserContext) => Promise<unknown>][] = [
    ['the host called Kotae("analytics", false) before the widget loaded', 'analytics-off.html', async () => {}],
    [
      'the browser sends Global Privacy Control',
      'plain.html',
      (c) => c.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true })),
    ],
    [
      'the browser sends Do Not Track',
      'plain.html',
      (c) => c.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })),
    ],
  ];
  for (const [when, file, setUp] of cases)
    it(`none when ${when}`, async () => {
      await setUp(context);
      const { page } = await openPage(context, `${server.origin}/v/on/${file}`);
      const requests = watchRequests(page);
      await page.evaluate(() => window.Kotae('open'));
      await typeQuery(page, 'reset password');
      await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
      await page.locator(`${W} [data-vote=yes]`).click();
      await hide(page);
      await sentinel(page);
      expect(requests).toEqual([]);
      expect(recorder.requests.filter((r) => r.path !== '/sentinel')).toEqual([]);
    });

  it('none when the site config turns insights off', async () => {
    const { page } = await openPage(context, `${server.origin}/v/off/plain.html`);
    const requests = watchRequests(page);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    await hide(page);
    await sentinel(page);
    expect(requests).toEqual([]);
  });

  it('Kotae("analytics", true) turns them back on; what happened while off is never sent', async () => {
    const { page } = await openPage(context, `${server.origin}/v/on/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    await page.evaluate(() => window.Kotae('analytics', false));
    await typeQuery(page, 'backup');
    await page.evaluate(() => window.Kotae('analytics', true));
    await typeQuery(page, 'invoice');
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(1);
    expect(recorder.events()[0]).toMatchObject({ type: 'search', query: 'invoice' });
  });

  it('a site that ignores privacy signals collects under Do Not Track', async () => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
    const { page } = await openPage(context, `${server.origin}/v/signals-ignored/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await typeQuery(page, 'reset password');
    await hide(page);
    await expect.poll(() => recorder.events().length).toBe(1);
  });
});

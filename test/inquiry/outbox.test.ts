import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryInput } from '../../content/schema/inquiry.ts';
import type { SendState } from '../../widget/inquiry/outbox.ts';
import { retryDelay } from '../../widget/inquiry/outbox-timing.ts';
import { validInquiry } from '../intake/fixtures.ts';
import { startWidgetServer, type WidgetServer } from '../widget/widget-server.ts';
import { BREAK_INDEXEDDB, useDraftLayer } from './draft-layer-harness.ts';

// The outbox in real Chromium, sending to the real intake through a proxy that fails on demand: every
// scenario must end with exactly one stored inquiry per draft key.
const suite = useDraftLayer();

const SCOPE = 'https://help.example.com/';
const INQUIRIES = '/v1/inquiries';
const UPLOADS = '/v1/uploads';
type Seen = SendState & { at: number };
type PageOutbox = { box: import('../../widget/inquiry/outbox.ts').Outbox; seen: Seen[] };

/** A page with the outbox of SCOPE open on `intake` (the proxy unless said otherwise), recording states. */
async function open(options: { baseDelayMs?: number; intake?: string } = {}): Promise<Page> {
  const page = await suite.context.newPage();
  await page.goto(`${suite.env.origin}/index.html`);
  await page.evaluate(
    async ({ intake, scope, baseDelayMs }) => {
      const { openOutbox } = await window.lib('outbox');
      await window.lib('draft-store');
      const w = window as unknown as PageOutbox;
      w.seen = [];
      w.box = openOutbox(intake, scope, { baseDelayMs, maxDelayMs: 5_000 });
      w.box.subscribe((s) => w.seen.push({ ...s, at: Date.now() }));
    },
    { intake: options.intake ?? suite.env.proxy.url, scope: SCOPE, baseDelayMs: options.baseDelayMs ?? 50 },
  );
  return page;
}

/** Sends `body` under a fresh key, with `pngs` PNG attachments of 2 KB; resolves to the key after the first attempt. */
function send(page: Page, body: InquiryInput, pngs = 0): Promise<string> {
  return page.evaluate(
    async ({ body, pngs }) => {
      const { newDraft } = await window.lib('draft-store');
      const key = newDraft().key;
      const png = new Uint8Array(2_048);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      const attachments = Array.from({ length: pngs }, (_, i) => ({
        id: `f${i}`,
        name: `shot-${i}.png`,
        type: 'image/png',
        size: png.length,
        blob: new Blob([png], { type: 'image/png' }),
      }));
      await (window as unknown as PageOutbox).box.send(key, body, attachments, 'ja');
      return key;
    },
    { body, pngs },
  );
}

const seen = (page: Page): Promise<Seen[]> => page.evaluate(() => (window as unknown as PageOutbox).seen);
const flag = (page: Page): Promise<string | null> => page.evaluate((scope) => localStorage.getItem(`kotae-outbox:${scope}`), SCOPE);

async function settled(page: Page, key: string, state: SendState['state'] = 'sent'): Promise<Seen> {
  await page.waitForFunction(({ key, state }) => (window as unknown as PageOutbox).box.state(key)?.state === state, { key, state }, { timeout: 60_000 });
  return (await seen(page)).filter((s) => s.key === key).at(-1)!;
}

describe('outbox (IndexedDB + Idempotency-Key, in Chromium, against the real intake)', () => {
  it('queues an inquiry sent offline without trying, and sends it once when the browser is back online', async () => {
    const page = await open();
    const before = await suite.env.intake.store.countInquiries();
    await suite.context.setOffline(true);
    const key = await send(page, validInquiry());
    expect(await page.evaluate((k) => (window as unknown as PageOutbox).box.state(k), key)).toEqual({
      state: 'queued',
      key,
      reason: 'offline',
      attempts: 0,
      retryAt: 0,
    });
    expect(await flag(page)).toBe('1');
    // Even asked to retry now, an offline browser makes no attempt.
    await page.evaluate(() => (window as unknown as PageOutbox).box.resume());
    expect(await page.evaluate((k) => (window as unknown as PageOutbox).box.state(k), key)).toMatchObject({ state: 'queued', reason: 'offline', attempts: 0 });
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toEqual([]);
    await suite.context.setOffline(false);
    const sent = await settled(page, key);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
    const row = await suite.env.intake.store.inquiryByKey(key);
    expect(sent.state === 'sent' && sent.receipt).toMatchObject({
      id: row!.id,
      status: 'received',
      first_response_due: new Date(row!.firstResponseDue).toISOString(),
    });
    expect(sent.state === 'sent' && sent.receipt.number).toMatch(/\d+$/);
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toHaveLength(1);
    expect(await flag(page)).toBeNull();
  });

  it('retries 503 twice with backoff and the same Idempotency-Key, then stores one inquiry', async () => {
    const page = await open();
    const before = await suite.env.intake.store.countInquiries();
    suite.env.proxy.fail(INQUIRIES, { status: 503 }, { status: 503 });
    const key = await send(page, validInquiry());
    await settled(page, key);
    const posts = suite.env.proxy.posts(INQUIRIES).slice(-3);
    expect(posts.map((p) => [p.key, p.outcome])).toEqual([
      [key, 'failed'],
      [key, 'failed'],
      [key, 'passed'],
    ]);
    const states = (await seen(page)).filter((s) => s.key === key);
    expect(states.map((s) => (s.state === 'queued' ? `queued:${s.reason}:${s.attempts}` : s.state))).toEqual([
      'sending',
      'queued:unavailable:1',
      'sending',
      'queued:unavailable:2',
      'sending',
      'sent',
    ]);
    // Backoff doubles: ~50 ms then ~100 ms (±20 % jitter).
    const waits = states.flatMap((s) => (s.state === 'queued' ? [s.retryAt - s.at] : []));
    expect(waits[0]).toBeGreaterThanOrEqual(40);
    expect(waits[0]).toBeLessThanOrEqual(60);
    expect(waits[1]).toBeGreaterThanOrEqual(80);
    expect(waits[1]).toBeLessThanOrEqual(120);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
  });

  it('stores one inquiry when the answer is lost after the intake stored it, and shows the same receipt', async () => {
    const page = await open();
    const before = await suite.env.intake.store.countInquiries();
    suite.env.proxy.fail(INQUIRIES, 'lose');
    const key = await send(page, validInquiry());
    const sent = await settled(page, key);
    expect(
      suite.env.proxy
        .posts(INQUIRIES)
        .filter((r) => r.key === key)
        .map((p) => p.outcome),
    ).toEqual(['lost', 'passed']);
    // The outbox's own retry (not the browser's): the intake answered it as a replay of the stored one.
    expect((await seen(page)).filter((s) => s.key === key).map((s) => s.state)).toEqual(['sending', 'queued', 'sending', 'sent']);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
    const row = await suite.env.intake.store.inquiryByKey(key);
    expect(sent.state === 'sent' && sent.receipt.id).toBe(row!.id);
  });

  it('honours Retry-After on 429 over its own backoff', async () => {
    const page = await open();
    suite.env.proxy.fail(INQUIRIES, { status: 429, headers: { 'retry-after': '1' } });
    const key = await send(page, validInquiry());
    const queued = (await seen(page)).find((s) => s.key === key && s.state === 'queued')!;
    expect(queued.state === 'queued' && queued.retryAt - queued.at).toBeGreaterThanOrEqual(990);
    await settled(page, key);
  });

  it('does not retry an inquiry the intake refuses (400): rejected with its field errors; the key can be sent again fixed', async () => {
    const page = await open();
    const before = await suite.env.intake.store.countInquiries();
    const key = await send(
      page,
      validInquiry((b) => ((b.contact.email = 'not-an-email'), (b.summary = ''))),
    );
    const rejected = await settled(page, key, 'rejected');
    expect(rejected).toMatchObject({ state: 'rejected', status: 400 });
    const errors = rejected.state === 'rejected' ? rejected.errors : [];
    expect(errors.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['contact.email', 'invalid_email'],
        ['summary', 'required'],
      ]),
    );
    // The intake's messages, in the inquiry's locale (ja).
    expect(errors.every((e) => /[\u3040-\u30ff\u4e00-\u9fff]/.test((e as { message?: string }).message ?? ''))).toBe(true);
    // A refusal is final: asked to retry everything, the outbox leaves it alone.
    await page.evaluate(() => (window as unknown as PageOutbox).box.resume());
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toHaveLength(1);
    expect(await flag(page)).toBeNull();
    // A later start of the widget (another page) still knows the refusal and does not retry it.
    const page2 = await open();
    await page2.evaluate(() => (window as unknown as PageOutbox).box.resume());
    expect(await page2.evaluate((k) => (window as unknown as PageOutbox).box.state(k)?.state, key)).toBe('rejected');
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toHaveLength(1);
    // Corrected and sent again under the same key: accepted, once.
    await page2.evaluate(({ key, body }) => (window as unknown as PageOutbox).box.send(key, body, [], 'ja'), { key, body: validInquiry() });
    await settled(page2, key);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
  });

  it('keeps a queued send with its files across a reload; resume() sends it once, uploading each file once', async () => {
    let page = await open({ baseDelayMs: 60_000 });
    const before = await suite.env.intake.store.countInquiries();
    const uploadsBefore = suite.env.proxy.posts(UPLOADS).length;
    suite.env.proxy.failAll('drop');
    const key = await send(page, validInquiry(), 2);
    expect((await seen(page)).filter((s) => s.key === key).at(-1)).toMatchObject({ state: 'queued', reason: 'unavailable', attempts: 1 });
    expect(await flag(page)).toBe('1');
    await page.close();
    suite.env.proxy.failAll(undefined);
    page = await open();
    expect(await flag(page)).toBe('1');
    await page.evaluate(() => (window as unknown as PageOutbox).box.resume());
    await settled(page, key);
    expect(await flag(page)).toBeNull();
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
    const row = await suite.env.intake.store.inquiryByKey(key);
    expect((row!.data.attachments as { name: string; type: string; size: number }[]).map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'shot-0.png', type: 'image/png', size: 2_048 },
      { name: 'shot-1.png', type: 'image/png', size: 2_048 },
    ]);
    expect(
      suite.env.proxy
        .posts(UPLOADS)
        .slice(uploadsBefore)
        .filter((r) => r.outcome === 'passed'),
    ).toHaveLength(2);
    // Sent items leave the outbox: a later start finds nothing to do.
    const later = await open();
    await later.evaluate(() => (window as unknown as PageOutbox).box.resume());
    expect(await later.evaluate((k) => (window as unknown as PageOutbox).box.state(k), key)).toBeUndefined();
  });

  it('lets only one tab send a pending item when several resume at once', async () => {
    const first = await open({ baseDelayMs: 60_000 });
    const before = await suite.env.intake.store.countInquiries();
    const uploadsBefore = suite.env.proxy.posts(UPLOADS).length;
    suite.env.proxy.failAll('drop');
    const key = await send(first, validInquiry(), 1);
    suite.env.proxy.failAll(undefined);
    const [a, b] = await Promise.all([open(), open()]);
    await Promise.all([a, b].map((p) => p.evaluate(() => (window as unknown as PageOutbox).box.resume())));
    const states = await Promise.all([a, b].map((p) => p.evaluate((k) => (window as unknown as PageOutbox).box.state(k)?.state, key)));
    expect(states.filter((s) => s === 'sent')).toHaveLength(1);
    expect(
      suite.env.proxy
        .posts(UPLOADS)
        .slice(uploadsBefore)
        .filter((r) => r.outcome === 'passed'),
    ).toHaveLength(1);
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key && r.outcome === 'passed')).toHaveLength(1);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
  });

  it('sends once on a double click, and a second send of a waiting item retries it with the files already uploaded', async () => {
    const page = await open({ baseDelayMs: 60_000 });
    const before = await suite.env.intake.store.countInquiries();
    const uploadsBefore = suite.env.proxy.posts(UPLOADS).length;
    // The intake stores the inquiry but its answer is lost: the item waits with its upload token used.
    suite.env.proxy.fail(INQUIRIES, 'lose');
    const key = await page.evaluate(async (body) => {
      const { newDraft } = await window.lib('draft-store');
      const { box } = window as unknown as PageOutbox;
      const key = newDraft().key;
      const png = new Uint8Array(1_024);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      const files = () => [{ id: 'f', name: 'a.png', type: 'image/png', size: png.length, blob: new Blob([png], { type: 'image/png' }) }];
      await Promise.all([box.send(key, body, files(), 'ja'), box.send(key, body, files(), 'ja')]);
      return key;
    }, validInquiry());
    expect(await page.evaluate((k) => (window as unknown as PageOutbox).box.state(k)?.state, key)).toBe('queued');
    expect(
      suite.env.proxy
        .posts(INQUIRIES)
        .filter((r) => r.key === key)
        .map((r) => r.outcome),
    ).toEqual(['lost']);
    // "Try again" from the UI, with the draft's attachments (which have no token): no second upload, no 409.
    await page.evaluate(
      async ({ key, body }) => {
        const png = new Uint8Array(1_024);
        png.set([0x89, 0x50, 0x4e, 0x47]);
        await (window as unknown as PageOutbox).box.send(key, body, [{ id: 'f', name: 'a.png', type: 'image/png', size: 1_024, blob: new Blob([png]) }], 'ja');
      },
      { key, body: validInquiry() },
    );
    await settled(page, key);
    expect(suite.env.proxy.posts(UPLOADS).slice(uploadsBefore)).toHaveLength(1);
    expect(
      suite.env.proxy
        .posts(INQUIRIES)
        .filter((r) => r.key === key)
        .map((r) => r.outcome),
    ).toEqual(['lost', 'passed']);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
  });

  it('uploads a file again once when the intake no longer knows its token (expired), then sends', async () => {
    const page = await open();
    const uploadsBefore = suite.env.proxy.posts(UPLOADS).length;
    const key = await page.evaluate(async (body) => {
      const { newDraft } = await window.lib('draft-store');
      const key = newDraft().key;
      const png = new Uint8Array(1_024);
      png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      // A token from yesterday's upload, swept by the intake since.
      const file = { id: 'f', name: 'old.png', type: 'image/png', size: png.length, blob: new Blob([png], { type: 'image/png' }), token: 'A'.repeat(32) };
      await (window as unknown as PageOutbox).box.send(key, body, [file], 'en');
      return key;
    }, validInquiry());
    await settled(page, key);
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toHaveLength(2);
    expect(suite.env.proxy.posts(UPLOADS).slice(uploadsBefore)).toHaveLength(1);
    const row = await suite.env.intake.store.inquiryByKey(key);
    expect((row!.data.attachments as { name: string }[]).map((a) => a.name)).toEqual(['old.png']);
  });

  it('rejects, without sending the inquiry, a file the intake refuses; the error names the attachment', async () => {
    const page = await open();
    const key = await page.evaluate(async (body) => {
      const { newDraft } = await window.lib('draft-store');
      const key = newDraft().key;
      const text = new Blob(['just text, not a picture'], { type: 'image/png' });
      await (window as unknown as PageOutbox).box.send(key, body, [{ id: 'f', name: 'fake.png', type: 'image/png', size: text.size, blob: text }], 'en');
      return key;
    }, validInquiry());
    const rejected = await settled(page, key, 'rejected');
    expect(rejected).toMatchObject({ state: 'rejected', status: 415, errors: [{ field: 'attachments.0', code: 'upload_type_mismatch' }] });
    expect(rejected.state === 'rejected' && rejected.message).toMatch(/image\/png|text\/plain/);
    expect(suite.env.proxy.posts(INQUIRIES).filter((r) => r.key === key)).toEqual([]);
  });

  it('works in memory when IndexedDB throws: retried within the page, no wake-up flag', async () => {
    await suite.context.addInitScript(BREAK_INDEXEDDB);
    const page = await open();
    const before = await suite.env.intake.store.countInquiries();
    suite.env.proxy.fail(INQUIRIES, { status: 503 });
    const key = await send(page, validInquiry(), 1);
    expect(await flag(page)).toBeNull();
    await settled(page, key);
    expect(await suite.env.intake.store.countInquiries()).toBe(before + 1);
    expect(
      suite.env.proxy
        .posts(INQUIRIES)
        .filter((r) => r.key === key)
        .map((r) => r.outcome),
    ).toEqual(['failed', 'passed']);
  });

  it('refuses a malformed key', async () => {
    const page = await open();
    const message = await page.evaluate(() =>
      (window as unknown as PageOutbox).box.send('no', {} as never, [], 'en').then(
        () => 'sent',
        (e: Error) => e.message,
      ),
    );
    expect(message).toMatch(/key must be 8–128/);
  });
});

describe('retryDelay', () => {
  const timing = { baseDelayMs: 1000, maxDelayMs: 60_000 };
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(n, { ...timing, random: () => 0.5 }))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });
  it('spreads each delay by ±20 % without passing the cap', () => {
    expect(retryDelay(3, { ...timing, random: () => 0 })).toBe(3200);
    expect(retryDelay(3, { ...timing, random: () => 0.999999 })).toBe(4800);
    expect(retryDelay(12, { ...timing, random: () => 0.999999 })).toBe(60_000);
  });
});

describe('the loader wakes a pending outbox', () => {
  let widget: WidgetServer;
  beforeAll(async () => {
    widget = await startWidgetServer();
  });
  afterAll(async () => {
    await widget?.close();
  });

  const appLoaded = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource').some((r) => /\/app-[\w-]+\.js$/.test(r.name)));
  /**
   * Past the moment the loader would have started the app: an idle callback queued after the loader's has run
   * (they run in order), and then nothing is loading any more.
   */
  const pastLoaderIdle = async (page: Page) => {
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve())));
    await page.waitForLoadState('networkidle');
  };

  it('loads the app in idle time after a reload while the flag is set, and not when it is not', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${widget.origin}/plain.html`);
    await page.locator('kotae-widget .launcher').waitFor({ state: 'attached' });
    await pastLoaderIdle(page);
    expect(await appLoaded(page)).toBe(false);
    // The outbox's flag for this site (the loader's base is the folder above widget/).
    await page.evaluate((scope) => localStorage.setItem(`kotae-outbox:${scope}`, '1'), `${widget.origin}/`);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/app-[\w-]+\.js$/.test(r.name)), undefined, { timeout: 60_000 });
    // Nobody opened the widget.
    expect(await page.locator('kotae-widget .panel').isVisible()).toBe(false);
    // Another site's flag does not wake this one.
    await page.evaluate((scope) => (localStorage.clear(), localStorage.setItem(`kotae-outbox:${scope}`, '1')), 'https://elsewhere.example/');
    await page.reload();
    await page.locator('kotae-widget .launcher').waitFor({ state: 'attached' });
    await pastLoaderIdle(page);
    expect(await appLoaded(page)).toBe(false);
  });
});

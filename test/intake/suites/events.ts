import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BATCH_MAX, EVENT_BATCH_MAX_BYTES, EventBatch, type SelfServiceEvent } from '../../../content/schema/index.ts';
import type { RunningIntake } from '../../../intake/server.ts';
import type { EventRow } from '../../../intake/store/event-rows.ts';
import { openStore } from '../../../intake/store/open.ts';
import { postInquiry, sampleConfig, startTestIntake, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';

const SESSION = 'AbCdEfGhIjKlMnOpQrStUv';

const search = (change: Partial<SelfServiceEvent> = {}): Record<string, unknown> => ({
  type: 'search',
  session: SESSION,
  at: '2026-11-27T07:59:30.000Z',
  locale: 'ja',
  surface: 'widget',
  product: 'camera',
  query: 'カメラ 接続できない',
  results: 4,
  answered: true,
  top: 'camera-wifi-setup',
  ...change,
});

const vote = (change: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'vote',
  session: SESSION,
  at: '2026-11-27T07:59:40.000Z',
  locale: 'ja',
  surface: 'kb',
  entry: 'camera-wifi-setup',
  helpful: false,
  reason: 'outdated',
  ...change,
});

/** POSTs a batch (object or raw string); returns status, headers and the JSON answer. */
async function postEvents(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function allEvents(intake: RunningIntake) {
  const rows = [];
  for await (const row of intake.store.eventsBetween('2000-01-01', '2999-12-31')) rows.push(row);
  return rows;
}

/** `POST /v1/events` and the events' storage against one store: validation, redaction, limits, roll-ups, retention. */
export function eventsSuite(target: StoreTarget): void {
  describe(`self-service events on ${target.name}`, () => {
    let intake: RunningIntake;
    let url: string;
    const now = Date.parse('2026-11-27T08:00:00Z');

    beforeAll(async () => {
      intake = await startTestIntake(target, { now: () => now, corsOrigins: ['https://shop.example'] });
      url = intake.url;
    });
    afterAll(() => intake?.close());

    it('stores a valid batch (202) as raw rows and daily roll-ups, counted once per event', async () => {
      const before = await intake.store.countEvents();
      const answer = await postEvents(url, { events: [search(), search({ query: 'wifi' } as Partial<SelfServiceEvent>), vote()] });
      expect(answer.status).toBe(202);
      expect(answer.json).toEqual({ accepted: 3 });
      expect(await intake.store.countEvents()).toBe(before + 3);
      const rows = (await allEvents(intake)).filter((r) => r.session === SESSION);
      const wifi = rows.find((r) => r.query === 'wifi')!;
      expect(wifi).toMatchObject({ day: '2026-11-27', type: 'search', locale: 'ja', surface: 'widget', product: 'camera', results: 4, answered: true });
      expect(wifi.top).toBe('camera-wifi-setup');
      expect(wifi.receivedAt).toBe(now);
      expect(wifi.at).toBe('2026-11-27T07:59:30.000Z');
      expect(rows.find((r) => r.type === 'vote')).toMatchObject({ entry: 'camera-wifi-setup', helpful: false, reason: 'outdated', text: null, answered: null });
      const days = await intake.store.eventDaysBetween('2026-11-27', '2026-11-27');
      expect(days.find((d) => d.type === 'search' && d.answered === true && d.product === 'camera')?.count).toBeGreaterThanOrEqual(2);
      expect(days.find((d) => d.type === 'vote')).toMatchObject({
        entry: 'camera-wifi-setup',
        helpful: false,
        reason: 'outdated',
        answered: null,
        product: null,
      });
      const searches = () => intake.store.eventDaysBetween('2026-11-27', '2026-11-27').then((d) => d.find((x) => x.type === 'search' && x.answered)!.count);
      const counted = await searches();
      expect((await postEvents(url, { events: [search()] })).status).toBe(202);
      expect(await searches()).toBe(counted + 1);
    });

    it('gives a report the same events as facts: id, receipt time, session, type, locale, product, entry, query, verdicts, reason, time', async () => {
      expect((await postEvents(url, { events: [search(), vote()] })).status).toBe(202);
      const full = await allEvents(intake);
      const facts = [];
      for await (const page of intake.store.eventFactsBetween('2000-01-01', '2999-12-31')) facts.push(...page);
      expect(
        facts.map(([id, receivedAt, session, type, locale, product, entry, query, answered, helpful, reason, at]) => ({
          id,
          receivedAt,
          session,
          type,
          locale,
          product,
          entry,
          query,
          answered: answered === null ? null : Boolean(answered),
          helpful: helpful === null ? null : Boolean(helpful),
          reason,
          at,
        })),
      ).toEqual(
        full.map(({ id, receivedAt, session, type, locale, product, entry, query, answered, helpful, reason, at }) => ({
          id,
          receivedAt,
          session,
          type,
          locale,
          product,
          entry,
          query,
          answered,
          helpful,
          reason,
          at,
        })),
      );
      expect(facts.length).toBeGreaterThan(0);
      const none = [];
      for await (const page of intake.store.eventFactsBetween('1999-01-01', '1999-12-31')) none.push(page);
      expect(none).toEqual([]);
    });

    it('stores search text and vote comments redacted: no email, phone or card number reaches the store, nor the address or user agent', async () => {
      const secrets = ['taro.yamada@example.jp', '090-1234-5678', '4242 4242 4242 4242'];
      const answer = await postEvents(
        url,
        {
          events: [
            search({ query: `注文 ${secrets[0]} 届かない` } as Partial<SelfServiceEvent>),
            vote({ text: `call me at ${secrets[1]}, card ${secrets[2]}` }),
          ],
        },
        { 'user-agent': 'KotaeTestAgent/9.9 (fingerprint-me)' },
      );
      expect(answer.status).toBe(202);
      const rows = await allEvents(intake);
      const stored = JSON.stringify(rows);
      for (const secret of [...secrets, 'KotaeTestAgent', '127.0.0.1']) expect(stored).not.toContain(secret);
      expect(rows.some((r) => r.query === '注文 [email] 届かない')).toBe(true);
      expect(rows.some((r) => r.text === 'call me at [phone], card [card]')).toBe(true);
    });

    it('refuses unknown fields with 400 naming the field, in the language of the events, and stores nothing of the batch', async () => {
      const before = await intake.store.countEvents();
      const answer = await postEvents(url, { events: [search(), vote({ colour: 'red' })] });
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('invalid_events');
      const fields = answer.json.fields as Array<{ field: string; code: string; message: string }>;
      expect(fields).toEqual([
        expect.objectContaining({ field: 'events.1.colour', code: 'unknown_field', message: 'events.1.colourはイベントの項目ではありません。' }),
      ]);
      const english = await postEvents(url, { events: [search({ locale: 'en' } as Partial<SelfServiceEvent>), { ...search(), extra: 1 }] });
      expect((english.json.fields as Array<{ message: string }>)[0]!.message).toBe('events.1.extra is not a field of an event.');
      const top = await postEvents(url, { events: [search()], user: 'x' });
      expect((top.json.fields as Array<{ field: string }>)[0]!.field).toBe('user');
      expect(await intake.store.countEvents()).toBe(before);
    });

    it(`answers 400 to more than ${EVENT_BATCH_MAX} events and 413 to a body over ${EVENT_BATCH_MAX_BYTES} bytes`, async () => {
      const before = await intake.store.countEvents();
      const many = await postEvents(url, { events: Array.from({ length: EVENT_BATCH_MAX + 1 }, () => search()) });
      expect(many.status).toBe(400);
      expect(many.json.fields).toEqual([expect.objectContaining({ field: 'events', code: 'too_many' })]);
      const big = { events: Array.from({ length: 40 }, () => vote({ text: 'あ'.repeat(300) })) };
      expect(EventBatch.safeParse(big).success).toBe(true);
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(EVENT_BATCH_MAX_BYTES);
      const large = await postEvents(url, big);
      expect(large.status).toBe(413);
      expect(large.json.error).toBe('body_too_large');
      expect(await intake.store.countEvents()).toBe(before);
    });

    it('accepts text/plain bodies as navigator.sendBeacon sends them, answers the CORS preflight for application/json, and refuses other types', async () => {
      const beacon = await postEvents(url, { events: [search()] }, { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://shop.example' });
      expect(beacon.status).toBe(202);
      expect(beacon.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      const preflight = await fetch(`${url}/v1/events`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
      const form = await postEvents(url, 'events=1', { 'content-type': 'application/x-www-form-urlencoded' });
      expect(form.status).toBe(415);
    });

    it('turns away a batch from an origin that is not allowed (403), storing nothing', async () => {
      const before = await intake.store.countEvents();
      const answer = await postEvents(url, { events: [search()] }, { origin: 'https://evil.example' });
      expect(answer.status).toBe(403);
      expect(answer.json.error).toBe('origin_not_allowed');
      expect(await intake.store.countEvents()).toBe(before);
    });

    it('drops a batch sent with Global Privacy Control or Do Not Track unread (202, accepted 0)', async () => {
      const before = await intake.store.countEvents();
      for (const header of [{ 'sec-gpc': '1' }, { dnt: '1' }] as Array<Record<string, string>>) {
        const answer = await postEvents(url, { events: [search()] }, header);
        expect(answer.status).toBe(202);
        expect(answer.json).toEqual({ accepted: 0 });
      }
      expect(await intake.store.countEvents()).toBe(before);
    });

    it('answers 1,000 malformed or oversized batches with 4xx only, stores none of them, and keeps answering', async () => {
      const before = await intake.store.countEvents();
      const fields = ['session', 'at', 'locale', 'surface', 'product', 'type', 'query', 'results', 'answered', 'top', 'entry', 'helpful', 'reason', 'text'];
      const valid = fc.constantFrom(search(), vote(), search({ surface: 'kb', locale: 'en' } as Partial<SelfServiceEvent>));
      const spoiledEvent = fc
        .tuple(valid, fc.constantFrom(...fields, 'unknown'), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }))
        .map(([event, field, junk]) => {
          const copy: Record<string, unknown> = { ...event };
          if (junk === undefined) delete copy[field];
          else copy[field] = junk;
          return copy;
        });
      const body = fc.oneof(
        // A batch with one event spoiled among valid ones.
        fc.tuple(fc.array(valid, { maxLength: 5 }), spoiledEvent, fc.nat(5)).map(([events, bad, at]) => {
          const list: unknown[] = [...events];
          list.splice(Math.min(at, list.length), 0, bad);
          return JSON.stringify({ events: list });
        }),
        // Too many, none, or not a batch at all.
        fc.integer({ min: EVENT_BATCH_MAX + 1, max: EVENT_BATCH_MAX + 20 }).map((n) => JSON.stringify({ events: Array.from({ length: n }, () => search()) })),
        fc.constant(JSON.stringify({ events: [] })),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        // Not JSON, or cut short.
        fc.string({ maxLength: 200 }),
        valid.map((e) => JSON.stringify({ events: [e] }).slice(0, -3)),
        // Over the byte limit.
        fc.integer({ min: EVENT_BATCH_MAX_BYTES + 1, max: EVENT_BATCH_MAX_BYTES * 3 }).map((n) => JSON.stringify({ events: [vote({ text: 'x'.repeat(n) })] })),
      );
      const refused = body.filter((text) => {
        if (Buffer.byteLength(text) > EVENT_BATCH_MAX_BYTES) return true;
        try {
          return !EventBatch.safeParse(JSON.parse(text)).success;
        } catch {
          return true;
        }
      });
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(refused, fc.constantFrom('application/json', 'text/plain'), async (text, type) => {
          const response = await fetch(`${url}/v1/events`, { method: 'POST', headers: { 'content-type': type }, body: text });
          const answer = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, `${answer}\nbody: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
          expect(response.status, answer).toBeLessThan(500);
        }),
        { numRuns: 1000, seed: 16 },
      );
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(1000);
      expect(statuses.get(400)).toBeGreaterThan(500);
      expect(statuses.get(413)).toBeGreaterThan(0);
      expect(await intake.store.countEvents()).toBe(before);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await postEvents(url, { events: [search()] })).status).toBe(202);
    }, 120_000);

    it('limits event batches per address in a bucket of their own: inquiries from that address still go through', async () => {
      const limited = await startTestIntake(target, { rateLimits: { eventsPerIp: { limit: 3, windowSeconds: 60 } } });
      try {
        for (let i = 0; i < 3; i++) expect((await postEvents(limited.url, { events: [search()] })).status).toBe(202);
        const refused = await postEvents(limited.url, { events: [search()] });
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await postInquiry(limited.url, validInquiry())).status).toBe(201);
        expect(await limited.store.countEvents()).toBe(3);
      } finally {
        await limited.close();
      }
    });

    it('answers 403 insights_disabled when the site has insights off, storing nothing', async () => {
      const config = await sampleConfig();
      const off = await startTestIntake(target, { config: { ...config, insights: { ...config.insights, enabled: false } } });
      try {
        const answer = await postEvents(off.url, { events: [search()] }, { 'accept-language': 'en' });
        expect(answer.status).toBe(403);
        expect(answer.json).toMatchObject({ error: 'insights_disabled', message: 'This site does not collect usage events.' });
        expect(await off.store.countEvents()).toBe(0);
      } finally {
        await off.close();
      }
    });

    it('deletes raw events past the retention at start, keeps newer ones, and keeps every roll-up', async () => {
      const config = await sampleConfig();
      const store = await target.fresh();
      const old = Date.parse('2026-01-10T12:00:00Z');
      const recent = Date.parse('2026-04-01T12:00:00Z');
      const restartAt = Date.parse('2026-04-15T12:00:00Z'); // 30 days' retention keeps 2026-03-17 on
      const options = { ...store, config: { ...config, insights: { ...config.insights, retentionDays: 30 } } };
      // The recent batch first: an intake started at the recent time would purge the old batch at once.
      for (const [at, n] of [
        [recent, 3],
        [old, 2],
      ] as const) {
        const writer = await startTestIntake(target, { ...options, now: () => at });
        expect((await postEvents(writer.url, { events: Array.from({ length: n }, () => search()) })).status).toBe(202);
        await writer.close();
      }
      const restarted = await startTestIntake(target, { ...options, now: () => restartAt });
      try {
        await waitFor(async () => (await restarted.store.countEvents()) === 3, 60_000, 'the expired events to be purged');
        const days = (await allEvents(restarted)).map((r) => r.day);
        expect(new Set(days)).toEqual(new Set(['2026-04-01']));
        const rollUps = await restarted.store.eventDaysBetween('2026-01-01', '2026-12-31');
        expect(rollUps.map((d) => [d.day, d.count])).toEqual([
          ['2026-01-10', 2],
          ['2026-04-01', 3],
        ]);
      } finally {
        await restarted.close();
      }
    });

    it('stores a batch whole or not at all: a bad batch committed beside good ones fails alone, leaving nothing behind', async () => {
      const fresh = await target.fresh();
      const store = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
      try {
        const row = (day: string, i: number): EventRow => ({
          receivedAt: Date.parse(`${day}T12:00:00Z`),
          day,
          session: SESSION,
          type: 'article_view',
          locale: 'en',
          surface: 'kb',
          product: null,
          entry: `entry-${i % 3}`,
          top: null,
          query: null,
          results: null,
          answered: null,
          helpful: null,
          reason: null,
          text: null,
          inquiry: null,
          via: 'kb_page',
          rank: i,
          at: `${day}T11:59:00Z`,
        });
        const good = (day: string) => Array.from({ length: 50 }, (_, i) => row(day, i));
        // A row the database refuses (a NOT NULL column without a value) in the middle of a batch.
        const bad = [row('2026-05-01', 1), { ...row('2026-05-01', 2), session: null as unknown as string }, row('2026-05-01', 3)];
        // Added in one turn, so the three share a group commit; the bad one makes it fail and each is retried alone.
        const outcomes = await Promise.allSettled([store.saveEvents(good('2026-05-01')), store.saveEvents(bad), store.saveEvents(good('2026-05-02'))]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await store.countEvents()).toBe(100);
        const days = await store.eventDaysBetween('2026-05-01', '2026-05-02');
        expect(days.reduce((sum, d) => sum + d.count, 0)).toBe(100);
        expect(days.filter((d) => d.day === '2026-05-01').reduce((sum, d) => sum + d.count, 0)).toBe(50);

        // Paging: more events than one page, read back in the order stored, limited to the days asked for.
        for (let i = 0; i < 50; i++) await store.saveEvents(good('2026-05-03'));
        const read: number[] = [];
        for await (const event of store.eventsBetween('2026-05-02', '2026-05-03')) read.push(event.id);
        expect(read).toHaveLength(2_550);
        expect(read).toEqual([...read].sort((a, b) => a - b));
        expect(new Set(read).size).toBe(2_550);
        expect(await store.purgeEventsBefore('2026-05-03')).toBe(100);
        expect(await store.countEvents()).toBe(2_500);
        expect((await store.eventDaysBetween('2026-05-01', '2026-05-03')).reduce((sum, d) => sum + d.count, 0)).toBe(2_600);
      } finally {
        await store.close();
      }
    });

    // Only PostgreSQL takes several instances (SQLite is one process), so only its suite has this test.
    if (target.name === 'postgres')
      it('counts every event when two instances upsert the same roll-ups at once', async () => {
        const shared = await target.fresh();
        const [a, b] = [await startTestIntake(target, { ...shared, now: () => now }), await startTestIntake(target, { ...shared, now: () => now })];
        try {
          const batches = Array.from({ length: 40 }, (_, i) => postEvents((i % 2 ? a : b).url, { events: Array.from({ length: 25 }, () => search()) }));
          expect((await Promise.all(batches)).map((r) => r.status)).toEqual(Array(40).fill(202));
          const days = await a.store.eventDaysBetween('2026-11-27', '2026-11-27');
          expect(days).toEqual([expect.objectContaining({ type: 'search', count: 1000 })]);
          expect(await b.store.countEvents()).toBe(1000);
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
  });
}

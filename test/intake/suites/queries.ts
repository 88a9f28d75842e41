import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryFilter } from '../../../intake/store/inquiry-query.ts';
import { openStore } from '../../../intake/store/open.ts';
import type { IntakeStore, NewInquiry } from '../../../intake/store/store.ts';
import { memoryLog, postInquiry, startTestIntake, tempDir, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';
import { startReceiver } from '../test-servers.ts';

const DAY = 86_400_000;
const T0 = Date.parse('2031-03-01T00:00:00Z');
const FAST_OUTBOX = { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 10_000, leaseMs: 30_000, concurrency: 4 };

interface Seed {
  day: number;
  product?: string;
  problemType?: string;
  severity?: string;
  plan?: string;
  summary: string;
  description?: string;
  contact?: { name: string; email: string };
  queries?: string[];
}

function newInquiry(s: Seed): NewInquiry {
  const receivedAt = T0 + s.day * DAY;
  const product = s.product ?? 'groupware';
  return {
    id: randomUUID(),
    idempotencyKey: randomUUID(),
    bodyHash: 'hash',
    receivedAt,
    firstResponseDue: receivedAt + 3_600_000,
    product,
    severity: s.severity ?? 'c',
    plan: s.plan ?? 'standard',
    locale: 'ja',
    uploadTokens: [],
    data: {
      product,
      problem_type: s.problemType ?? 'mail-delivery',
      summary: s.summary,
      description: s.description ?? '詳細は以下の通りです。',
      contact: s.contact ?? { name: '山田 花子', email: 'hanako@example.jp' },
      deflection: { queries: (s.queries ?? []).map((query) => ({ query })), opened: [], votes: [] },
      attachments: [],
    },
  };
}

/**
 * The queries the team's console and the `inquiries` CLI ask (intake/store/inquiry-query.ts) against one
 * store, and the outbox's backfill: a destination configured after inquiries arrived gets each of them once.
 */
export function queriesSuite(target: StoreTarget): void {
  describe(`inquiry queries on ${target.name}`, () => {
    let store: IntakeStore;
    const ids: string[] = [];
    const seqs: number[] = [];

    beforeAll(async () => {
      const fresh = await target.fresh();
      store = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
      const seeds: Seed[] = [
        { day: 0, summary: 'メールが届かない', queries: ['メール 届かない'] },
        {
          day: 1,
          summary: 'Calendar does not SYNC',
          problemType: 'calendar-chat',
          plan: 'premium',
          contact: { name: 'John Smith', email: 'john@example.com' },
        },
        { day: 2, summary: 'ＮＣ-３２０ がオフライン', product: 'cloud-db', problemType: 'connectivity', severity: 'a' },
        { day: 3, summary: '100% 使用率 _ 警告', description: 'ディスク使用率が高い', severity: 'b' },
        { day: 4, summary: '共有リンクが開けない', problemType: 'files', description: 'ｶﾒﾗの写真を共有できません' },
      ];
      for (const seed of seeds) {
        const { row } = await store.createInquiry(newInquiry(seed), ['webhook']);
        ids.push(row.id);
        seqs.push(row.seq);
      }
      // Deliver all but the fourth; dead-letter the third's message.
      const claimed = await store.claimOutbox(['webhook'], T0 + 10 * DAY, 10, 60_000);
      for (const m of claimed) {
        if (m.inquiryId === ids[3]) await store.markFailed(m.id, m.attempts, 'webhook answered HTTP 503', T0 + 11 * DAY);
        else if (m.inquiryId === ids[2]) await store.markFailed(m.id, m.attempts, 'webhook answered HTTP 410', null);
        else await store.markDelivered(m.id, m.attempts, null, T0 + 10 * DAY);
      }
      await store.recordState({ inquiryId: ids[1]!, state: 'solved', at: T0 + 12 * DAY, source: 'test', eventId: randomUUID() });
    });
    afterAll(() => store?.close());

    const list = async (filter: InquiryFilter, limit = 100) => {
      const page = await store.listInquiries(filter, { limit });
      return { ...page, found: page.items.map((r) => ids.indexOf(r.id)) };
    };

    it('lists newest first, page by page, with the exact total and a next key until the last page', async () => {
      const first = await store.listInquiries({}, { limit: 2 });
      expect(first.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
      expect(first.total).toBe(5);
      expect(first.next).toBe(seqs[3]);
      const second = await store.listInquiries({}, { limit: 2, before: first.next! });
      expect(second.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
      const last = await store.listInquiries({}, { limit: 2, before: second.next! });
      expect(last.items.map((r) => r.id)).toEqual([ids[0]]);
      expect([last.total, last.next]).toEqual([5, null]);
      expect((await store.listInquiries({}, { limit: 5 })).next).toBeNull();
      // Reading every page (the export) need not count again on each.
      expect(await store.listInquiries({}, { limit: 2, before: first.next!, total: false })).toMatchObject({ total: -1, next: second.next });
    });

    it('narrows by state, product, problem type, severity, plan and received date range', async () => {
      expect((await list({ states: ['solved'] })).found).toEqual([1]);
      expect((await list({ states: ['received', 'solved'] })).total).toBe(5);
      expect((await list({ states: [] })).total).toBe(0);
      expect((await list({ product: 'cloud-db' })).found).toEqual([2]);
      expect((await list({ problemType: 'mail-delivery' })).found).toEqual([3, 0]);
      expect((await list({ severity: 'b' })).found).toEqual([3]);
      expect((await list({ plan: 'premium' })).found).toEqual([1]);
      expect((await list({ receivedFrom: T0 + DAY, receivedTo: T0 + 3 * DAY })).found).toEqual([2, 1]);
      expect((await list({ product: 'groupware', receivedFrom: T0 + 2 * DAY })).found).toEqual([4, 3]);
    });

    it('finds Japanese text as a substring anywhere the customer wrote it, folding case and full- and half-width forms', async () => {
      expect((await list({ text: '届かない' })).found).toEqual([0]);
      // What was tried before asking: the searches typed.
      expect((await list({ text: 'メール 届' })).found).toEqual([0]);
      expect((await list({ text: '使用率' })).found).toEqual([3]);
      expect((await list({ text: 'nc-320' })).found).toEqual([2]);
      expect((await list({ text: 'カメラ' })).found).toEqual([4]);
      expect((await list({ text: 'calendar does not sync' })).found).toEqual([1]);
      expect((await list({ text: 'JOHN@EXAMPLE' })).found).toEqual([1]);
      expect((await list({ text: '山田' })).total).toBe(4);
      // LIKE's wildcards are plain characters.
      expect((await list({ text: '100%' })).found).toEqual([3]);
      expect((await list({ text: '% 使' })).found).toEqual([3]);
      expect((await list({ text: '_' })).found).toEqual([3]);
      expect((await list({ text: '存在しない' })).total).toBe(0);
      expect((await list({ text: 'メール', problemType: 'files' })).total).toBe(0);
    });

    it('finds an inquiry by its number', async () => {
      const number = `KT-${String(seqs[2]).padStart(6, '0')}`;
      expect((await list({ text: number })).found).toEqual([2]);
      expect((await list({ text: String(seqs[2]) })).found).toContain(2);
    });

    it('lists the undelivered ones with their waiting messages, last error and next attempt', async () => {
      const page = await list({ undelivered: true });
      expect(page.found).toEqual([3, 2]);
      expect(page.undelivered.map((m) => [ids.indexOf(m.inquiryId), m.status, m.lastError])).toEqual([
        [3, 'pending', 'webhook answered HTTP 503'],
        [2, 'dead', 'webhook answered HTTP 410'],
      ]);
      expect(page.undelivered.find((m) => m.inquiryId === ids[3])!.nextAttemptAt).toBe(T0 + 11 * DAY);
      expect((await list({})).undelivered).toHaveLength(2);
    });

    it('gives one inquiry with its messages, history and uploads, and nothing for an unknown id', async () => {
      const detail = await store.inquiryDetail(ids[1]!);
      expect(detail!.row).toMatchObject({ id: ids[1], state: 'solved' });
      expect(detail!.outbox.map((m) => [m.adapter, m.status])).toEqual([['webhook', 'delivered']]);
      expect(detail!.history.map((c) => c.state)).toEqual(['solved']);
      expect(detail!.uploads).toEqual([]);
      expect(await store.inquiryDetail(randomUUID())).toBeUndefined();
      expect(await store.inquiryDetail('KT-000001')).toBeUndefined();
    });

    it('forwards again whatever the status: pending, due now, attempts from zero, the same message id', async () => {
      for (const i of [0, 2, 3]) {
        const [before] = await store.outboxFor(ids[i]!);
        expect(await store.forwardAgain(ids[i]!, 'webhook', T0 + 20 * DAY)).toBe(true);
        const [after] = await store.outboxFor(ids[i]!);
        expect(after).toMatchObject({ id: before!.id, status: 'pending', attempts: 0, nextAttemptAt: T0 + 20 * DAY });
      }
      const claimed = await store.claimOutbox(['webhook'], T0 + 20 * DAY, 10, 60_000);
      expect(claimed.map((m) => m.inquiryId).sort()).toEqual([ids[0], ids[2], ids[3]].sort());
      expect(await store.forwardAgain(ids[0]!, 'zendesk', T0)).toBe(false);
      expect(await store.forwardAgain(randomUUID(), 'webhook', T0)).toBe(false);
      expect(await store.forwardAgain('not-an-id', 'webhook', T0)).toBe(false);
    });

    it('queues a message for every inquiry a destination has not received, exactly once, also when run twice at once', async () => {
      const [a, b] = await Promise.all([store.queueMissing(['webhook', 'email'], T0), store.queueMissing(['webhook', 'email'], T0)]);
      expect(a + b).toBe(5);
      expect(await store.queueMissing(['webhook', 'email'], T0)).toBe(0);
      for (const id of ids) expect((await store.outboxFor(id)).map((m) => m.adapter)).toEqual(['email', 'webhook']);
      const emails = (await Promise.all(ids.map((id) => store.outboxFor(id)))).flat().filter((m) => m.adapter === 'email');
      expect(new Set(emails.map((m) => m.id)).size).toBe(5);
      expect(emails.every((m) => m.status === 'pending' && m.attempts === 0 && m.nextAttemptAt === T0)).toBe(true);
      expect(await store.queueMissing([], T0)).toBe(0);
    });

    it('delivers inquiries taken with no destination configured exactly once each after a restart with a webhook', async () => {
      const fresh = await target.fresh();
      const bare = await startTestIntake(target, { ...fresh });
      const taken: string[] = [];
      for (let i = 0; i < 6; i++)
        taken.push(
          (
            await postInquiry(
              bare.url,
              validInquiry((x) => (x.summary = `before #${i}`)),
            )
          ).json.id as string,
        );
      await bare.close();

      const receiver = await startReceiver();
      const { log, lines } = memoryLog();
      const webhook = { url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` };
      const intake = await startTestIntake(target, { ...fresh, log, webhook, outbox: FAST_OUTBOX });
      try {
        expect(lines.find((l) => l.msg === 'outbox.backfilled')).toMatchObject({ messages: 6, adapters: 'webhook' });
        const after = (
          await postInquiry(
            intake.url,
            validInquiry((x) => (x.summary = 'after')),
          )
        ).json.id as string;
        await waitFor(
          async () => (await Promise.all([...taken, after].map((id) => intake.store.forwardingState(id)))).every((s) => s.delivered === 1),
          30_000,
          'every delivery recorded',
        );
        // One message per inquiry. Delivery is at least once (a slow answer is retried), under one webhook-id
        // per message, so the receiver sees each inquiry under exactly one id.
        expect(await intake.store.outboxCounts()).toEqual({ pending: 0, delivered: 7, dead: 0 });
        const byId = new Map(
          receiver.received.map((r) => [r.headers['webhook-id'], (JSON.parse(r.body.toString('utf8')) as { data: { id: string } }).data.id]),
        );
        expect([...byId.values()].sort()).toEqual([...taken, after].sort());
      } finally {
        await intake.close();
      }
      // Started again: nothing is missing any more, nothing is sent again.
      const again = memoryLog();
      const third = await startTestIntake(target, { ...fresh, log: again.log, webhook, outbox: FAST_OUTBOX });
      try {
        expect(again.lines.find((l) => l.msg === 'outbox.backfilled')).toMatchObject({ messages: 0 });
        expect((await third.store.outboxCounts()).delivered).toBe(7);
      } finally {
        await third.close();
        await receiver.close();
      }
    });

    if (target.name === 'postgres')
      it('queues each missing message once when two instances start at once with a new destination', async () => {
        const fresh = await target.fresh();
        const bare = await startTestIntake(target, { ...fresh });
        for (let i = 0; i < 20; i++)
          await postInquiry(
            bare.url,
            validInquiry((x) => (x.summary = `before #${i}`)),
          );
        await bare.close();

        const receiver = await startReceiver();
        const webhook = { url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` };
        const logs = [memoryLog(), memoryLog()];
        const instances = await Promise.all(
          logs.map(({ log }) => startTestIntake(target, { ...fresh, dataDir: tempDir().dir, log, webhook, outbox: FAST_OUTBOX })),
        );
        try {
          const queued = logs.map(({ lines }) => Number(lines.find((l) => l.msg === 'outbox.backfilled')?.messages));
          expect(queued[0]! + queued[1]!).toBe(20);
          await waitFor(async () => (await instances[0]!.store.outboxCounts()).delivered === 20, 60_000, 'every delivery recorded');
          expect(await instances[0]!.store.outboxCounts()).toEqual({ pending: 0, delivered: 20, dead: 0 });
          const byId = new Map(
            receiver.received.map((r) => [r.headers['webhook-id'], (JSON.parse(r.body.toString('utf8')) as { data: { id: string } }).data.id]),
          );
          expect(byId.size).toBe(20);
          expect(new Set(byId.values()).size).toBe(20);
        } finally {
          await Promise.all(instances.map((i) => i.close()));
          await receiver.close();
        }
      });
  });
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../intake/store/open.ts';
import type { IntakeStore, NewInquiry, StateChange } from '../../../intake/store/store.ts';
import type { StoreTarget } from '../fixtures.ts';

const LEASE = 60_000;

function inquiry(receivedAt: number): NewInquiry {
  return {
    id: randomUUID(),
    idempotencyKey: randomUUID(),
    bodyHash: 'hash',
    receivedAt,
    firstResponseDue: receivedAt + 3_600_000,
    product: 'camera',
    severity: 'c',
    plan: 'standard',
    locale: 'ja',
    uploadTokens: [],
    data: { summary: 'store test' },
  };
}

/**
 * The store's promises that the intake's failure semantics rest on (intake/README.md), against one store:
 * an inquiry and its outbox messages are committed together or not at all, and a lease hands a message to
 * one worker until it runs out, after which only the new attempt may record an outcome.
 */
export function storeSuite(target: StoreTarget): void {
  describe(`store promises on ${target.name}`, () => {
    let store: IntakeStore;
    const now = Date.parse('2030-01-01T00:00:00Z');

    beforeAll(async () => {
      const fresh = await target.fresh();
      store = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
    });
    afterAll(() => store?.close());

    it('stores an inquiry with its outbox messages in one commit, or neither when one message cannot be stored', async () => {
      const good = inquiry(now);
      const bad = inquiry(now);
      const before = await store.countInquiries();
      // Created together (one group commit); the second breaks the outbox's one-message-per-adapter rule.
      const [stored, refused] = await Promise.allSettled([store.createInquiry(good, ['webhook', 'email']), store.createInquiry(bad, ['webhook', 'webhook'])]);
      expect(stored.status).toBe('fulfilled');
      expect(refused.status).toBe('rejected');
      expect(await store.countInquiries()).toBe(before + 1);
      expect(await store.inquiryByKey(bad.idempotencyKey)).toBeUndefined();
      expect(await store.outboxFor(bad.id)).toEqual([]);
      expect((await store.outboxFor(good.id)).map((m) => [m.adapter, m.status, m.attempts])).toEqual([
        ['email', 'pending', 0],
        ['webhook', 'pending', 0],
      ]);
    });

    it('stores an idempotency key once: a second create returns the stored inquiry, created: false', async () => {
      const first = inquiry(now);
      const again = { ...inquiry(now), idempotencyKey: first.idempotencyKey, bodyHash: 'other' };
      expect((await store.createInquiry(first, ['webhook'])).created).toBe(true);
      const second = await store.createInquiry(again, ['webhook']);
      expect(second.created).toBe(false);
      expect(second.row).toMatchObject({ id: first.id, bodyHash: 'hash' });
      expect(await store.outboxFor(again.id)).toEqual([]);
    });

    it('hands a claimed message to no other worker until its lease runs out, then to one, as the next attempt', async () => {
      // An adapter name of its own, so that no other test's message is due for it.
      const adapter = 'lease-test';
      const { row } = await store.createInquiry(inquiry(now), [adapter]);
      const [claimed] = await store.claimOutbox([adapter], now, 10, LEASE);
      expect(claimed).toMatchObject({ inquiryId: row.id, attempts: 1, inquiry: { id: row.id, seq: row.seq } });
      expect(await store.claimOutbox([adapter], now + LEASE - 1, 10, LEASE)).toEqual([]);
      // The first worker died (or hangs): once the lease has run out the message is claimed again, same id.
      const [reclaimed] = await store.claimOutbox([adapter], now + LEASE, 10, LEASE);
      expect(reclaimed).toMatchObject({ id: claimed!.id, attempts: 2 });
      // The first worker, late, cannot record an outcome any more; the current attempt can.
      await store.markDelivered(claimed!.id, 1, 'late', now + LEASE + 1);
      expect((await store.outboxFor(row.id))[0]).toMatchObject({ status: 'pending', result: null });
      await store.markDelivered(claimed!.id, 2, 'ticket-7', now + LEASE + 2);
      expect((await store.outboxFor(row.id))[0]).toMatchObject({ status: 'delivered', result: 'ticket-7', attempts: 2 });
      expect(await store.forwardingState(row.id)).toEqual({ pending: 0, delivered: 1, dead: 0 });
    });

    it('retries a failed message at its retry time, dead-letters it without one, and requeues dead letters', async () => {
      const adapter = 'retry-test';
      const { row } = await store.createInquiry(inquiry(now), [adapter]);
      const [first] = await store.claimOutbox([adapter], now, 10, LEASE);
      await store.markFailed(first!.id, 1, 'webhook answered HTTP 503', now + 5_000);
      expect(await store.claimOutbox([adapter], now + 4_999, 10, LEASE)).toEqual([]);
      const [second] = await store.claimOutbox([adapter], now + 5_000, 10, LEASE);
      expect(second).toMatchObject({ id: first!.id, attempts: 2, lastError: 'webhook answered HTTP 503' });
      await store.markFailed(second!.id, 2, 'webhook answered HTTP 400', null);
      expect(await store.forwardingState(row.id)).toEqual({ pending: 0, delivered: 0, dead: 1 });
      expect(await store.claimOutbox([adapter], now + 10 * LEASE, 10, LEASE)).toEqual([]);
      expect(await store.requeueDead(now + 6_000)).toBeGreaterThanOrEqual(1);
      const [requeued] = await store.claimOutbox([adapter], now + 6_000, 10, LEASE);
      expect(requeued).toMatchObject({ id: first!.id, attempts: 1, status: 'pending' });
    });

    it('records each state event once, keeps the latest report current, and never lets forwarded replace a helpdesk state', async () => {
      const { row } = await store.createInquiry(inquiry(now), ['webhook']);
      expect((await store.inquiryById(row.id))!.state).toBe('received');
      const change = (state: StateChange['state'], at: number, eventId: string): StateChange => ({ inquiryId: row.id, state, at, source: 'test', eventId });

      expect(await store.recordState(change('in_progress', now + 1_000, 'e1'))).toBe('recorded');
      expect(await store.recordState(change('in_progress', now + 1_000, 'e1'))).toBe('duplicate');
      // The same event id replayed with another state is still the same event.
      expect(await store.recordState(change('solved', now + 1_500, 'e1'))).toBe('duplicate');
      expect(await store.recordState(change('in_progress', now + 1_200, 'e2'))).toBe('unchanged');
      // A report older than the current state's goes into the history only.
      expect(await store.recordState(change('waiting', now + 500, 'e3'))).toBe('recorded');
      expect((await store.inquiryById(row.id))!).toMatchObject({ state: 'in_progress', stateAt: now + 1_000 });
      // The outbox finishing after the helpdesk already reported: history, not the current state.
      expect(await store.recordState({ ...change('forwarded', now + 2_000, `forwarded:${row.id}`), source: 'outbox' })).toBe('recorded');
      expect((await store.inquiryById(row.id))!.state).toBe('in_progress');
      expect(await store.recordState(change('solved', now + 3_000, 'e4'))).toBe('recorded');
      expect((await store.inquiryById(row.id))!).toMatchObject({ state: 'solved', stateAt: now + 3_000 });
      expect((await store.stateHistory(row.id)).map((c) => [c.state, c.at, c.eventId])).toEqual([
        ['waiting', now + 500, 'e3'],
        ['in_progress', now + 1_000, 'e1'],
        ['forwarded', now + 2_000, `forwarded:${row.id}`],
        ['solved', now + 3_000, 'e4'],
      ]);
      expect(await store.recordState({ ...change('solved', now, 'e5'), inquiryId: randomUUID() })).toBe('unknown');
      expect(await store.recordState({ ...change('solved', now, 'e6'), inquiryId: 'not-a-uuid' })).toBe('unknown');
    });

    it('records the same event from many reporters at once exactly once', async () => {
      const { row } = await store.createInquiry(inquiry(now), ['webhook']);
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => store.recordState({ inquiryId: row.id, state: 'waiting', at: now + 1, source: 'test', eventId: `race:${row.id}` })),
      );
      expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
      expect(await store.stateHistory(row.id)).toHaveLength(1);
    });
  });
}

import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { postInquiry, startTestIntake, tempDir, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';
import { startReceiver } from '../test-servers.ts';

/**
 * Several intake instances on one PostgreSQL database, as behind a load balancer: idempotency holds across
 * instances and the shared outbox hands each message to one instance only.
 */
export function instancesSuite(target: StoreTarget): void {
  describe(`several instances on one ${target.name} database`, () => {
    it('share idempotency keys and deliver each forwarded message once', async () => {
      const receiver = await startReceiver();
      const shared = await target.fresh();
      const options = {
        webhook: { url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` },
        outbox: { pollMs: 10, baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 5, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 2 },
      };
      const a = await startTestIntake(target, { ...shared, ...options });
      const b = await startTestIntake(target, { ...shared, ...options, dataDir: tempDir().dir });
      try {
        const key = randomUUID();
        const [fromA, fromB] = await Promise.all([postInquiry(a.url, validInquiry(), { key }), postInquiry(b.url, validInquiry(), { key })]);
        expect([fromA.status, fromB.status]).toEqual([201, 201]);
        expect(fromA.json.id).toBe(fromB.json.id);
        expect(
          (
            await postInquiry(
              b.url,
              validInquiry((x) => (x.summary = 'changed')),
              { key },
            )
          ).status,
        ).toBe(409);

        const ids = await Promise.all(
          Array.from(
            { length: 40 },
            async (_, i) =>
              (
                await postInquiry(
                  i % 2 ? a.url : b.url,
                  validInquiry((x) => (x.summary = `#${i}`)),
                )
              ).json.id,
          ),
        );
        await waitFor(() => receiver.received.length >= 41, 60_000, 'all deliveries');
        // Every message is marked delivered, so no attempt is still in flight that could deliver one twice.
        await waitFor(
          async () => {
            const counts = await a.store.outboxCounts();
            return counts.pending === 0 && counts.delivered === 41;
          },
          15_000,
          'every message marked delivered',
        );
        const delivered = receiver.received.map((r) => (JSON.parse(r.body.toString('utf8')) as { data: { id: string } }).data.id);
        expect(delivered).toHaveLength(41);
        expect(new Set(delivered)).toEqual(new Set([fromA.json.id, ...ids]));
        expect(await a.store.outboxCounts()).toEqual({ pending: 0, delivered: 41, dead: 0 });
      } finally {
        await Promise.all([a.close(), b.close()]);
        await receiver.close();
      }
    });

    it('gives up an attempt before its lease runs out, so two instances never deliver one message at once', async () => {
      // A receiver slower than the lease, and a timeout longer than the lease: the attempt must still end
      // (aborted) before the lease does, or the other instance claims the message and delivers it alongside.
      const leaseMs = 3_000;
      const spans: Array<{ id: string; arrived: number; ended?: number; answered: boolean }> = [];
      const receiver = await startReceiver(async (request, gone) => {
        const span = { id: String(request.headers['webhook-id']), arrived: Date.now(), ended: undefined as number | undefined, answered: false };
        spans.push(span);
        span.answered = await new Promise<boolean>((resolve) => {
          setTimeout(() => resolve(true), leaseMs * 1.5);
          gone.addEventListener('abort', () => resolve(false), { once: true });
          if (gone.aborted) resolve(false);
        });
        span.ended = Date.now();
        return { status: 204 };
      });
      const shared = await target.fresh();
      const options = {
        webhook: { url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` },
        outbox: { pollMs: 10, baseDelayMs: 50, maxDelayMs: 200, maxAttempts: 2, timeoutMs: 30_000, leaseMs, concurrency: 2 },
      };
      const a = await startTestIntake(target, { ...shared, ...options });
      const b = await startTestIntake(target, { ...shared, ...options, dataDir: tempDir().dir });
      try {
        expect((await postInquiry(a.url, validInquiry())).status).toBe(201);
        await waitFor(async () => (await a.store.outboxCounts()).dead === 1, 60_000, 'the message dead-lettered after its attempts');
        await waitFor(() => spans.every((s) => s.ended !== undefined), 60_000, 'every attempt over');
        expect(spans.length).toBeGreaterThan(0);
        expect(spans.filter((s) => s.answered)).toEqual([]);
        const sorted = [...spans].sort((x, y) => x.arrived - y.arrived);
        expect(sorted.filter((s, i) => i > 0 && sorted[i - 1]!.ended! > s.arrived)).toEqual([]);
      } finally {
        await Promise.all([a.close(), b.close()]);
        await receiver.close();
      }
    });
  });
}

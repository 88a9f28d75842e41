import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../intake/standard-webhooks.ts';
import { openStore } from '../../../intake/store/open.ts';
import { tempDir, waitFor, type StoreTarget } from '../fixtures.ts';
import { startReceiver } from '../test-servers.ts';
import { bodyFor, serviceEnv, startService, submit, type Service } from './crash.ts';

const BURST = 1000;
/** Acknowledged inquiries when instance `a` starts dying: from then on the receiver holds its deliveries open. */
const KILL_AT = 500;
/** Inquiries past this index wait for the kill, so it happens mid-burst however fast the machine is. */
const GATE = 800;
const CLIENTS = 32;
/** Short leases, so the survivor takes over soon; an attempt gives up well before its lease runs out. */
const LEASE_MS = 10_000;
const OUTBOX = { pollMs: 50, baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 50, leaseMs: LEASE_MS, timeoutMs: 6_000, concurrency: 8 };
/** a is killed only while an attempt it holds a lease on has at least this long before a would give it up. */
const KILL_MARGIN_MS = 2_000;

/** One delivery attempt as the receiver saw it. */
interface Attempt {
  webhookId: string;
  inquiryId: string;
  /** Which instance sent it: each posts to its own path of the one receiver. */
  via: 'a' | 'b';
  signed: boolean;
  arrived: number;
  /** When the receiver answered 204, or when the sender closed the connection first (gave up, or died). */
  ended?: number;
  answered: boolean;
}

/**
 * Two machines on one PostgreSQL: real `intake/cli.ts` processes behind a "load balancer" (the test's
 * clients), one killed with SIGKILL mid-burst while it holds leases on deliveries in flight. The survivor
 * takes those over once the leases run out; every inquiry reaches the receiver at least once, always
 * under its one webhook id, and no message is attempted by two instances at once.
 */
export function failoverSuite(target: StoreTarget): void {
  describe(`failover between two instances on one ${target.name} database`, () => {
    it(`delivers all of ${BURST} inquiries under one webhook id each when one of two instances is killed with SIGKILL holding leases`, async () => {
      const started = Date.now();
      const fresh = await target.fresh();
      const secret = `whsec_${randomBytes(32).toString('base64')}`;

      // The receiver takes a moment per delivery (a backlog builds up, so claims come in batches); once `a`
      // is about to die it holds a's deliveries open, so a dies with leases on messages in flight.
      const attempts: Attempt[] = [];
      const held: Array<{ attempt: Attempt; answer: () => void }> = [];
      let holdA = false;
      let killing = false;
      let killedAt: number | undefined;
      const receiver = await startReceiver(async (request, gone) => {
        const body = request.body.toString('utf8');
        const attempt: Attempt = {
          webhookId: String(request.headers['webhook-id']),
          inquiryId: (JSON.parse(body) as { data: { id: string } }).data.id,
          via: request.url === '/a' ? 'a' : 'b',
          signed: verifyWebhook(secret, request.headers, body),
          arrived: Date.now(),
          answered: false,
        };
        attempts.push(attempt);
        const senderGone = new Promise<'gone'>((resolve) => {
          if (gone.aborted) resolve('gone');
          gone.addEventListener('abort', () => resolve('gone'), { once: true });
        });
        const ready = new Promise<'answer'>((resolve) => {
          if (attempt.via === 'a' && holdA) held.push({ attempt, answer: () => resolve('answer') });
          else setTimeout(() => resolve('answer'), 20);
        });
        // An answer to a killed sender reaches no one: that attempt ended with the kill.
        if ((await Promise.race([senderGone, ready])) === 'gone' || (attempt.via === 'a' && killedAt !== undefined)) {
          attempt.ended = Math.min(Date.now(), killedAt ?? Number.POSITIVE_INFINITY);
          return { status: 204 };
        }
        attempt.answered = true;
        attempt.ended = Date.now();
        return { status: 204 };
      });

      const settingsFile = (name: 'a' | 'b') => {
        const file = path.join(tempDir().dir, 'settings.json');
        writeFileSync(file, JSON.stringify({ webhook: { url: `${receiver.url}/${name}`, secret }, outbox: OUTBOX }));
        return file;
      };
      const env = serviceEnv(fresh);
      let a: Service | undefined;
      let b: Service | undefined;
      const database = new pg.Client({ connectionString: fresh.databaseUrl, options: `-c search_path=${fresh.databaseSchema}` });
      await database.connect();
      try {
        [a, b] = await Promise.all([
          startService({ ...env, KOTAE_INTAKE_SETTINGS: settingsFile('a') }, fresh.dataDir),
          startService({ ...env, KOTAE_INTAKE_SETTINGS: settingsFile('b') }, tempDir().dir),
        ]);
        const first = a;
        const second = b;

        // The burst: even inquiries to a, odd ones to b, until a dies; then everything to b. A request that
        // died with a is sent again to b with the same Idempotency-Key, as a client behind a balancer would.
        const run = Date.now().toString(36);
        const keys = Array.from({ length: BURST }, (_, i) => `failover-${run}-${i}`);
        const acknowledged = new Map<string, string>();
        let postingToA = 0;
        let lostWithA = 0;
        let otherRetries = 0;
        let replayedAfterFailure = 0;
        let next = 0;
        // A client sends an inquiry again with the same key when the connection fails: because a died, or
        // because an instance closed an idle keep-alive connection just as the client reused it (a busy
        // machine makes that race likely).
        const post = async (i: number) => {
          for (let tries = 1; ; tries++) {
            const toA = !killing && i % 2 === 0;
            if (toA) postingToA++;
            try {
              const answer = await submit(toA ? first.url : second.url, keys[i]!, bodyFor(i));
              if (tries > 1 && answer.replayed) replayedAfterFailure++;
              return answer;
            } catch (error) {
              if (toA && killing) lostWithA++;
              else if (tries < 5) otherRetries++;
              else throw error;
            } finally {
              if (toA) postingToA--;
            }
          }
        };
        const client = async () => {
          while (next < BURST) {
            if (!killing && next >= GATE) {
              await waitFor(() => killedAt, 120_000, 'the kill');
              continue;
            }
            const i = next++;
            const answer = await post(i);
            expect(answer.status, `inquiry ${i}`).toBe(201);
            acknowledged.set(keys[i]!, answer.json.id);
          }
        };

        // The kill: once half the burst is acknowledged and a has deliveries open at the receiver. Half of
        // them are answered just before the kill (delivered, but a may die before recording it: a duplicate
        // later); the other half never are, and their leases are what b has to wait out.
        const kill = async () => {
          await waitFor(() => acknowledged.size >= KILL_AT, 120_000, `${KILL_AT} acknowledged inquiries`);
          holdA = true;
          // Wait for a delivery of a's held open at the receiver under a lease that a would keep for a while
          // yet (a busy machine can delay the request until a is about to give up on it; then wait for the next).
          const keep = await waitFor(
            async () => {
              const open = held.filter((h) => h.attempt.ended === undefined).map((h) => h.attempt.webhookId);
              if (!open.length) return undefined;
              const leased = await database.query<{ id: string }>(
                `SELECT id FROM outbox WHERE status = 'pending' AND locked_until > $1 AND id = ANY($2::uuid[])`,
                [Date.now() + LEASE_MS - OUTBOX.timeoutMs + KILL_MARGIN_MS, open],
              );
              return leased.rows[0]?.id;
            },
            120_000,
            'a delivery of instance a in flight under its lease',
          );
          killing = true;
          const answered = held.filter((h, i) => i % 2 === 1 && h.attempt.ended === undefined && h.attempt.webhookId !== keep);
          for (const h of answered) h.answer();
          await new Promise((resolve) => setImmediate(resolve));
          const posting = postingToA;
          const sent = next;
          const acknowledgedBeforeKill = acknowledged.size;
          first.child.kill('SIGKILL');
          const at = Date.now();
          killedAt = at;
          await first.exited;
          // Every attempt of a's the receiver had not answered by now died with a.
          const open = attempts.filter((x) => x.via === 'a' && !x.answered && (x.ended === undefined || x.ended >= at));
          const leases = (
            await database.query<{ id: string; locked_until: string }>(
              `SELECT id, locked_until FROM outbox WHERE status = 'pending' AND locked_until > $1 AND id = ANY($2::uuid[])`,
              [at, open.map((x) => x.webhookId)],
            )
          ).rows.map((r) => ({ webhookId: r.id, until: Number(r.locked_until) }));
          return { at, sent, posting, acknowledgedBeforeKill, open: open.length, answeredAtKill: answered.length, leases };
        };

        const [atKill] = await Promise.all([kill(), ...Array.from({ length: CLIENTS }, client)]);
        const burstDone = Date.now();
        expect(acknowledged.size).toBe(BURST);
        expect(atKill.sent).toBeLessThan(BURST);
        // a died holding leases on messages the receiver never answered: the takeover below is real.
        expect(atKill.leases.length).toBeGreaterThan(0);

        const store = await openStore({ dataDir: tempDir().dir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
        try {
          await waitFor(
            async () => {
              const counts = await store.outboxCounts();
              return counts.delivered === BURST && counts.pending === 0;
            },
            120_000,
            'every message marked delivered',
          );
          expect(await store.outboxCounts()).toEqual({ pending: 0, delivered: BURST, dead: 0 });
          // Each inquiry exists once, under the id its client was given (by a, by b, or replayed by b).
          expect(await store.countInquiries()).toBe(BURST);
          for (const [key, id] of acknowledged) expect((await store.inquiryByKey(key))?.id, key).toBe(id);
        } finally {
          await store.close();
        }

        // The receiver's view: valid signatures only; every inquiry delivered, under one webhook id.
        expect(attempts.filter((x) => !x.signed)).toEqual([]);
        const delivered = attempts.filter((x) => x.answered);
        expect(new Set(delivered.map((x) => x.inquiryId))).toEqual(new Set(acknowledged.values()));
        const idsOf = new Map<string, Set<string>>();
        const inquiriesOf = new Map<string, Set<string>>();
        for (const x of attempts) {
          idsOf.set(x.inquiryId, (idsOf.get(x.inquiryId) ?? new Set()).add(x.webhookId));
          inquiriesOf.set(x.webhookId, (inquiriesOf.get(x.webhookId) ?? new Set()).add(x.inquiryId));
        }
        expect([...idsOf].filter(([, ids]) => ids.size !== 1)).toEqual([]);
        expect([...inquiriesOf].filter(([, ids]) => ids.size !== 1)).toEqual([]);

        // No message is attempted by two instances (or twice by one) at once: each attempt of a webhook id
        // ends before the next begins.
        const byId = new Map<string, Attempt[]>();
        for (const x of attempts) byId.set(x.webhookId, [...(byId.get(x.webhookId) ?? []), x]);
        const overlapping = [...byId].filter(([, xs]) =>
          [...xs].sort((x, y) => x.arrived - y.arrived).some((x, i, sorted) => i > 0 && (sorted[i - 1]!.ended ?? Number.POSITIVE_INFINITY) > x.arrived),
        );
        expect(overlapping.map(([id]) => id)).toEqual([]);
        // b took over each message a held a lease on, only once that lease had run out.
        for (const lease of atKill.leases) {
          const after = byId.get(lease.webhookId)!.filter((x) => x.arrived >= atKill.at);
          expect(after.length, lease.webhookId).toBeGreaterThan(0);
          expect(after.every((x) => x.via === 'b' && x.arrived >= lease.until)).toBe(true);
        }

        const duplicates = delivered.length - new Set(delivered.map((x) => x.webhookId)).size;
        console.log(
          JSON.stringify({
            test: 'failover',
            delivered: new Set(delivered.map((x) => x.inquiryId)).size,
            duplicates,
            attempts: attempts.length,
            acknowledged_before_kill: atKill.acknowledgedBeforeKill,
            sent_before_kill: atKill.sent,
            posts_open_to_a_at_kill: atKill.posting,
            in_flight_at_kill: atKill.open + atKill.answeredAtKill,
            answered_just_before_kill: atKill.answeredAtKill,
            leases_taken_over: atKill.leases.length,
            posts_lost_with_a: lostWithA,
            replayed_after_failure: replayedAfterFailure,
            other_client_retries: otherRetries,
            lease_ms: LEASE_MS,
            burst_ms: burstDone - started,
            total_ms: Date.now() - started,
          }),
        );

        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        a?.child.kill('SIGKILL');
        b?.child.kill('SIGKILL');
        await database.end();
        await receiver.close();
      }
    }, 240_000);
  });
}

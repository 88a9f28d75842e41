import { randomBytes, randomUUID } from 'node:crypto';
import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startIntake } from '../../intake/server.ts';
import { holdToDocument, memoryLog, postInquiry, removeTempDirs, sampleConfig, tempDir, validInquiry, waitFor } from './fixtures.ts';
import { dropSchemas, testDatabase } from './postgres.ts';
import { startReceiver } from './test-servers.ts';

/**
 * PostgreSQL out of reach under a running intake: the intake talks to the database through a TCP relay
 * this test can cut (every connection reset, new ones refused at once) and restore.
 */

afterAll(removeTempDirs);

/** A TCP relay to `target`; `cut()` resets every connection and every new one until `restore()`. */
async function startRelay(target: URL): Promise<{ port: number; cut: () => void; restore: () => void; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      down = true;
      for (const socket of sockets) socket.resetAndDestroy();
    },
    restore: () => {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('PostgreSQL out of reach', () => {
  it('answers 500 and stores nothing while the database is unreachable, says so on /healthz and /readyz, and takes the retry once it is back', async () => {
    const database = await testDatabase();
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const relay = await startRelay(new URL(database.url));
    const receiver = await startReceiver(() => ({ status: 204 }));
    const viaRelay = new URL(database.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    const logged = memoryLog();
    const intake = await holdToDocument(
      await startIntake({
        env: {},
        port: 0,
        config: await sampleConfig(),
        log: logged.log,
        dataDir: tempDir().dir,
        databaseUrl: viaRelay.href,
        databaseSchema: schema,
        webhook: { url: receiver.url, secret: `whsec_${randomBytes(32).toString('base64')}` },
        outbox: { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 5, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 4 },
      }),
    );
    try {
      expect((await postInquiry(intake.url, validInquiry())).status).toBe(201);
      await waitFor(() => receiver.received.length === 1, 60_000, 'the first delivery');

      relay.cut();
      const key = randomUUID();
      const refused = await postInquiry(intake.url, validInquiry(), { key });
      expect(refused.status).toBe(500);
      expect(refused.json).toMatchObject({ error: 'internal' });
      expect(typeof refused.json.request_id).toBe('string');
      const health = await fetch(`${intake.url}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', store: 'postgres' });
      const ready = await waitFor(
        async () => {
          const response = await fetch(`${intake.url}/readyz`);
          return response.status === 503 ? ((await response.json()) as Record<string, string>) : undefined;
        },
        10_000,
        '/readyz to turn 503',
      );
      expect(ready).toMatchObject({ status: 'unavailable', store: 'postgres', failed: 'store' });
      // The forwarding worker keeps polling and logs each failed claim instead of stopping.
      await waitFor(() => logged.lines.some((l) => l.msg === 'outbox.claim_failed'), 60_000, 'a failed claim');

      relay.restore();
      await waitFor(async () => (await fetch(`${intake.url}/readyz`)).status === 200, 60_000, '/readyz to recover');
      // The customer's retry with the same key is a new inquiry: nothing was stored under it.
      const retried = await postInquiry(intake.url, validInquiry(), { key });
      expect(retried.status).toBe(201);
      expect(retried.headers.get('idempotent-replayed')).toBeNull();
      expect(await intake.store.countInquiries()).toBe(2);
      await waitFor(() => receiver.received.length === 2, 60_000, 'the delivery after the outage');
    } finally {
      await intake.close();
      await relay.close();
      await receiver.close();
      await dropSchemas(database.url, [schema]);
      database.release();
    }
  }, 120_000);
});

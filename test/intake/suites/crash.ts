import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../intake/store/open.ts';
import { FIXTURES, ROOT, validInquiry, type StoreTarget } from '../fixtures.ts';

const BURST = 1000;
const KILL_AFTER = 300;
const CONCURRENCY = 48;

export interface Service {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Runs `npm run intake`'s entry point as a child process and waits until it listens. */
export async function startService(env: NodeJS.ProcessEnv, dataDir: string): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'intake/cli.ts', '--port', '0', '--data', dataDir, '--content', FIXTURES], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`intake did not start in time:\n${stderr}`)), 90_000);
    child.once('exit', (code) => reject(new Error(`intake exited with ${code}:\n${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'intake.listening' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { child, url, exited };
}

/**
 * The environment of a service child process: this one's without intake settings, rate limits out of the
 * way, info logs (`intake.listening` tells the URL) and the store of `fresh`.
 */
export function serviceEnv(fresh: { databaseUrl?: string; databaseSchema?: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KOTAE_INTAKE_RATE_PER_IP: '100000000', KOTAE_INTAKE_LOG_LEVEL: 'info' };
  for (const name of Object.keys(env))
    if (name === 'DATABASE_URL' || (name.startsWith('KOTAE_INTAKE_') && !['KOTAE_INTAKE_RATE_PER_IP', 'KOTAE_INTAKE_LOG_LEVEL'].includes(name)))
      delete env[name];
  if (fresh.databaseUrl) Object.assign(env, { DATABASE_URL: fresh.databaseUrl, KOTAE_INTAKE_DATABASE_SCHEMA: fresh.databaseSchema });
  return env;
}

export const bodyFor = (i: number) => JSON.stringify(validInquiry((b) => (b.summary = `バースト ${i}`)));

export async function submit(url: string, key: string, body: string) {
  const response = await fetch(`${url}/v1/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body,
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed') === 'true',
    json: (await response.json()) as { id: string; number: string },
  };
}

/**
 * Sends a request again (the same Idempotency-Key, so at most one inquiry) when its connection fails, up to
 * five times while `retry()` holds; HTTP answers are returned as they are.
 */
export async function sendAgainOnConnectionLoss<T>(send: () => Promise<T>, retry: () => boolean = () => true): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await send();
    } catch (error) {
      if (tries >= 5 || !retry()) throw error;
    }
  }
}

/**
 * `kill -9` in the middle of a burst: every acknowledged inquiry must survive, exactly once, and the
 * restarted service must recognise every request it acknowledged.
 */
export function crashSuite(target: StoreTarget): void {
  describe(`crash safety on ${target.name}`, () => {
    it(`keeps every acknowledged inquiry exactly once when killed with SIGKILL during a burst of ${BURST}`, async () => {
      const fresh = await target.fresh();
      const env = serviceEnv(fresh);
      const run = Date.now().toString(36);
      const keys = Array.from({ length: BURST }, (_, i) => `crash-${run}-${i}`);

      const first = await startService(env, fresh.dataDir);
      const acknowledged = new Map<string, { id: string; number: string }>();
      let killed = false;
      let next = 0;
      const worker = async () => {
        while (next < BURST) {
          const i = next++;
          try {
            // Before the kill, a failed connection is the race of a keep-alive socket the service closed
            // just as it was reused (likely on a busy machine): a client sends again with the same key.
            const { status, json } = await sendAgainOnConnectionLoss(
              () => submit(first.url, keys[i]!, bodyFor(i)),
              () => !killed,
            );
            if (status === 201) acknowledged.set(keys[i]!, json);
            else throw new Error(`unexpected ${status}`);
          } catch (error) {
            if (!killed) throw error;
          }
          if (!killed && acknowledged.size >= KILL_AFTER) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      await first.exited;
      expect(killed).toBe(true);
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(acknowledged.size).toBeLessThan(BURST);

      // Straight after the crash, before any restart: every acknowledged inquiry is in the store, once.
      const store = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
      try {
        for (const [key, ack] of acknowledged) {
          const row = await store.inquiryByKey(key);
          expect(row?.id, `acknowledged ${key} is stored`).toBe(ack.id);
        }
        const stored = await store.countInquiries();
        expect(stored).toBeGreaterThanOrEqual(acknowledged.size);
        expect(stored).toBeLessThanOrEqual(BURST);
      } finally {
        await store.close();
      }

      // After a restart, the customer's retries are answered from the store: the acknowledged ones with
      // their original id and number, the others created now, none twice.
      const second = await startService(env, fresh.dataDir);
      try {
        const answers = new Map<string, Awaited<ReturnType<typeof submit>>>();
        let i = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (i < BURST) {
              const n = i++;
              answers.set(keys[n]!, await sendAgainOnConnectionLoss(() => submit(second.url, keys[n]!, bodyFor(n))));
            }
          }),
        );
        expect([...answers.values()].every((a) => a.status === 201)).toBe(true);
        for (const [key, ack] of acknowledged) {
          const answer = answers.get(key)!;
          expect(answer.replayed).toBe(true);
          expect(answer.json).toMatchObject({ id: ack.id, number: ack.number });
        }
        expect(new Set([...answers.values()].map((a) => a.json.id)).size).toBe(BURST);
        expect(new Set([...answers.values()].map((a) => a.json.number)).size).toBe(BURST);
      } finally {
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      }
      const after = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
      try {
        expect(await after.countInquiries()).toBe(BURST);
      } finally {
        await after.close();
      }
    });
  });
}

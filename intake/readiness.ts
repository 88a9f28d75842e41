import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { IntakeStore } from './store/store.ts';

/**
 * Readiness, as `GET /readyz` reports it: can this instance accept an inquiry now? That takes a write, so
 * it writes: a row in the store, read back (`IntakeStore.probe`), and a small fsynced file in the uploads
 * folder, read back and removed. Liveness (`GET /healthz`) only reads and stays 200 on a full disk, which is
 * right for a restart decision and wrong for a load balancer; this is the check for the load balancer.
 *
 * Probes are shared: requests that arrive while one runs, or within `CACHE_MS` of the last, get its result,
 * so a client polling `/readyz` cannot turn it into a write load.
 */

export type Readiness = { ready: true } | { ready: false; failed: 'store' | 'uploads'; reason: string; error: unknown };

const CACHE_MS = 1_000;
const PROBE_BYTES = 8_192;

export function readinessCheck(store: IntakeStore, uploadsDir: string, timeoutMs = 5_000): () => Promise<Readiness> {
  let last: { at: number; result: Readiness } | undefined;
  let running: Promise<Readiness> | undefined;

  const probe = async (): Promise<Readiness> => {
    try {
      await withTimeout(store.probe(), timeoutMs);
    } catch (error) {
      return { ready: false, failed: 'store', reason: reasonOf(error), error };
    }
    try {
      await withTimeout(probeFolder(path.join(uploadsDir, 'tmp')), timeoutMs);
    } catch (error) {
      return { ready: false, failed: 'uploads', reason: reasonOf(error), error };
    }
    return { ready: true };
  };

  return () => {
    if (running) return running;
    if (last && Date.now() - last.at < CACHE_MS) return Promise.resolve(last.result);
    running = probe().then((result) => {
      last = { at: Date.now(), result };
      running = undefined;
      return result;
    });
    return running;
  };
}

async function probeFolder(dir: string): Promise<void> {
  const file = path.join(dir, `.ready-${process.pid}`);
  const bytes = randomBytes(PROBE_BYTES);
  try {
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(bytes);
      // A full disk may only show at fsync (delayed allocation).
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!(await readFile(file)).equals(bytes)) throw Object.assign(new Error('uploads probe: read back other bytes'), { code: 'MISMATCH' });
  } finally {
    await rm(file, { force: true });
  }
}

class TimeoutError extends Error {
  readonly code = 'timeout';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A short code for the failure (`SQLITE_FULL`, `ENOSPC`, SQLSTATE `25006`, `timeout`), safe to show. */
function reasonOf(error: unknown): string {
  const code = String((error as { code?: unknown })?.code ?? '');
  return /^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'error';
}

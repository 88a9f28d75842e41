import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { InquiryInput, SiteConfig } from '../../content/schema/index.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { createLogger, type Logger } from '../../intake/log.ts';
import { startIntake, type RunningIntake, type StartIntakeOptions } from '../../intake/server.ts';
import { recordExchanges, takeUndocumentedExchanges } from './documented-exchanges.ts';

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const ROOT = path.resolve(FIXTURES, '../../..');

let config: SiteConfig | undefined;

/** The frozen sample site config in test/intake/fixtures (1 MiB, 3 attachments). */
export async function sampleConfig(): Promise<SiteConfig> {
  if (!config) {
    const loaded = loadSiteConfig(FIXTURES);
    if (!loaded.config) throw new Error(loaded.problems.errors.map((p) => p.message).join('\n'));
    config = loaded.config;
  }
  return config;
}

/** A fresh copy of intake/examples/inquiry.json, with `change` applied. */
export function validInquiry(change: (body: InquiryInput & Record<string, unknown>) => void = () => {}): InquiryInput & Record<string, unknown> {
  const body = JSON.parse(readFileSync(path.join(ROOT, 'intake/examples/inquiry.json'), 'utf8')) as InquiryInput & Record<string, unknown>;
  change(body);
  return body;
}

const tempDirs: string[] = [];

/** A temporary folder, removed by `removeTempDirs()` (call it in `afterAll`). */
export function tempDir(prefix = 'kotae-intake-'): { dir: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return { dir };
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Log lines captured in memory, parsed. */
export function memoryLog(): { log: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { log: createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)), lines };
}

/** Where a suite stores: a fresh SQLite folder, or a fresh schema in a PostgreSQL database. */
export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** Settings that select a fresh, empty store. */
  fresh(): Promise<Partial<StartIntakeOptions> & { dataDir: string }>;
}

export function sqliteTarget(): StoreTarget {
  return { name: 'sqlite', fresh: async () => ({ dataDir: tempDir().dir }) };
}

/** PostgreSQL at `databaseUrl()`, a new schema per intake; the names go to `schemas` for cleaning up. */
export function postgresTarget(databaseUrl: () => string, schemas: string[] = []): StoreTarget {
  return {
    name: 'postgres',
    fresh: async () => {
      const databaseSchema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
      schemas.push(databaseSchema);
      return { dataDir: tempDir().dir, databaseUrl: databaseUrl(), databaseSchema };
    },
  };
}

/**
 * Starts an intake on a loopback port with generous rate limits, no environment settings and the fixture
 * config; `options` override. Remember to `close()` it.
 */
export async function startTestIntake(target: StoreTarget, options: StartIntakeOptions = {}): Promise<RunningIntake> {
  const intake = await startIntake({
    env: {},
    port: 0,
    config: await sampleConfig(),
    log: memoryLog().log,
    rateLimits: {
      inquiriesPerIp: { limit: 100_000, windowSeconds: 1 },
      inquiriesPerIdentity: { limit: 100_000, windowSeconds: 1 },
      uploadsPerIp: { limit: 100_000, windowSeconds: 1 },
      readsPerIp: { limit: 100_000, windowSeconds: 1 },
      eventsPerIp: { limit: 100_000, windowSeconds: 1 },
    },
    ...(await target.fresh()),
    ...options,
  });
  return holdToDocument(intake);
}

/**
 * Holds every answer `intake` gives from now on to the OpenAPI document it serves: a test during which it
 * gave an answer the document does not describe fails (see afterEach below). `startTestIntake` does this;
 * call it on an intake started otherwise.
 */
export async function holdToDocument(intake: RunningIntake): Promise<RunningIntake> {
  recordExchanges(intake.server, await (await fetch(`${intake.url}/v1/openapi.json`)).json());
  return intake;
}

// A test during which an intake gave an answer its OpenAPI document does not describe fails. Only under
// vitest: scripts that reuse these servers (test/inquiry/screenshots.ts) run no tests and have no hooks.
if (process.env.VITEST)
  afterEach(() => {
    const problems = takeUndocumentedExchanges();
    if (problems.length) throw new Error(`${problems.length} answer(s) not as documented in /v1/openapi.json:\n${problems.join('\n')}`);
  });

/** POSTs an inquiry body (object or raw string) with an idempotency key; returns status, headers and JSON. */
export async function postInquiry(
  baseUrl: string,
  body: unknown,
  options: { key?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}/v1/inquiries`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': options.key ?? randomUUID(), ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs = 60_000, what = 'condition'): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

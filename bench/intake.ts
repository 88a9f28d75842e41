/**
 * `npm run bench:intake [-- --n 5000 --concurrency 64 --store all|sqlite|postgres]`
 *
 * Load on loopback: starts the intake as a child process (its own core) with durable writes (SQLite WAL +
 * synchronous=FULL; PostgreSQL with fsync and synchronous_commit on), sends `n` distinct valid inquiries with
 * `concurrency` keep-alive connections, stops the service, then checks the store for every acknowledged
 * inquiry. Prints one JSON line per store:
 *   {"store","inquiries_per_s","p99_ms","acknowledged","stored","lost", …}
 * PostgreSQL is measured when DATABASE_URL / TEST_DATABASE_URL is set or the cluster of .ci/postgres.sh is
 * running; otherwise a note goes to stderr. Goal: ≥ 1,000 acknowledged inquiries per second on 2 cores, lost 0.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { cliArgs, helpRequested } from '../scripts/cli-args.ts';
import { openStore } from '../intake/store/open.ts';
import { postgresReachable } from '../intake/store/postgres.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'npm run bench:intake -- [--n 5000] [--concurrency 64] [--store all|sqlite|postgres]';
const { values } = cliArgs(USAGE, { n: { type: 'string' }, concurrency: { type: 'string' }, store: { type: 'string' } });
helpRequested(values, USAGE);
const N = Number(values.n ?? 5000);
const CONCURRENCY = Number(values.concurrency ?? 64);
const WARMUP = 300;
const which = values.store ?? 'all';
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || !['all', 'sqlite', 'postgres'].includes(which)) {
  process.stderr.write(`usage: ${USAGE}\n`);
  process.exit(2);
}

const example = JSON.parse(readFileSync(path.join(ROOT, 'intake/examples/inquiry.json'), 'utf8')) as Record<string, unknown>;

interface Target {
  store: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

async function startService(target: Target): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KOTAE_INTAKE_RATE_PER_IP: '1000000000', KOTAE_INTAKE_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (target.databaseUrl) Object.assign(env, { DATABASE_URL: target.databaseUrl, KOTAE_INTAKE_DATABASE_SCHEMA: target.databaseSchema });
  const child = spawn(process.execPath, ['--import', 'tsx', 'intake/cli.ts', '--port', '0', '--data', target.dataDir, '--content', 'content'], {
    cwd: ROOT,
    env: { ...env, KOTAE_INTAKE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`intake exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"intake.listening"')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

function post(agent: http.Agent, url: URL, key: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': key },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function load(baseUrl: string, keys: string[], from: number, to: number, acknowledged: string[]): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL('/v1/inquiries', baseUrl);
  const latencies: number[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        const i = next++;
        const body = JSON.stringify({ ...example, summary: `bench ${i}` });
        const { status, ms } = await post(agent, url, keys[i]!, body);
        latencies.push(ms);
        if (status === 201) acknowledged.push(keys[i]!);
        else throw new Error(`inquiry ${i}: HTTP ${status}`);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

async function measure(target: Target): Promise<Record<string, unknown>> {
  const service = await startService(target);
  const keys = Array.from({ length: WARMUP + N }, () => randomUUID());
  const acknowledged: string[] = [];
  await load(service.url, keys, 0, WARMUP, acknowledged);
  const started = performance.now();
  const latencies = await load(service.url, keys, WARMUP, WARMUP + N, acknowledged);
  const seconds = (performance.now() - started) / 1000;
  const exit = await service.stop();
  if (exit !== 0) throw new Error(`intake exited with ${exit} on SIGTERM`);

  const store = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, databaseSchema: target.databaseSchema });
  let lost = 0;
  try {
    for (const key of acknowledged) if (!(await store.inquiryByKey(key))) lost++;
    latencies.sort((a, b) => a - b);
    return {
      store: target.store,
      inquiries_per_s: Math.round(N / seconds),
      p99_ms: Math.round(latencies[Math.floor(latencies.length * 0.99)]! * 10) / 10,
      acknowledged: acknowledged.length,
      stored: await store.countInquiries(),
      lost,
      p50_ms: Math.round(latencies[Math.floor(latencies.length * 0.5)]! * 10) / 10,
      n: N,
      concurrency: CONCURRENCY,
      durable: target.store === 'sqlite' ? 'WAL, synchronous=FULL, group commit' : 'fsync=on, synchronous_commit=on',
    };
  } finally {
    await store.close();
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-bench-intake-'));
try {
  if (which !== 'postgres') {
    process.stdout.write(`${JSON.stringify(await measure({ store: 'sqlite', dataDir: path.join(tmp, 'sqlite') }))}\n`);
  }
  if (which !== 'sqlite') {
    const candidates = [
      process.env.TEST_DATABASE_URL,
      process.env.DATABASE_URL,
      `postgres://postgres@127.0.0.1:${process.env.KOTAE_PG_PORT ?? '54329'}/kotae`,
    ].filter((u): u is string => !!u);
    let databaseUrl: string | undefined;
    for (const candidate of candidates)
      if (await postgresReachable(candidate)) {
        databaseUrl = candidate;
        break;
      }
    if (!databaseUrl) process.stderr.write('bench:intake: no PostgreSQL reachable (set DATABASE_URL or run `bash .ci/postgres.sh`); measured SQLite only\n');
    else {
      const databaseSchema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      try {
        process.stdout.write(`${JSON.stringify(await measure({ store: 'postgres', dataDir: path.join(tmp, 'pg'), databaseUrl, databaseSchema }))}\n`);
      } finally {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${databaseSchema} CASCADE`);
        await client.end();
      }
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * `npm run bench:events [-- --batches 1000 --concurrency 16 --store all|sqlite|postgres --record]`
 *
 * Ingest of self-service events on loopback: starts the intake as a child process (its own core) with durable
 * writes (SQLite WAL + synchronous=FULL; PostgreSQL with fsync and synchronous_commit on), sends `batches`
 * batches of 50 events (searches with text to redact, article views, votes; the widget's mix) over
 * `concurrency` keep-alive connections, stops the service, then counts what the store holds: every event of
 * every acknowledged batch must be there as a raw row, and counted once in the daily roll-ups. Prints one
 * JSON line per store:
 *   {"store","events_per_s","lost","p99_ms","acknowledged","stored","rolled_up","report_s", …}
 * PostgreSQL is measured when DATABASE_URL / TEST_DATABASE_URL is set or the cluster of .ci/postgres.sh is
 * running; otherwise a note goes to stderr. Goal: ≥ 5,000 events per second on 2 cores with SQLite, lost 0.
 *
 * Then the store is filled up to `--report-events` (default 1,000,000) events over 28 days — sessions of a
 * search or two, views, votes, "solved it", contact and inquiries, a third of the searches unanswered among
 * thousands of distinct questions with typos — and `report_s` is the time `npm run insights` needs for its
 * report over all of them (reading the store and computing; the same functions the command calls).
 * Goal: ≤ 5 s.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { EVENT_BATCH_MAX, type SelfServiceEvent } from '../content/schema/index.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { buildReport } from '../intake/insights/report.ts';
import { readReportRows } from '../intake/insights/report-source.ts';
import { eventRow } from '../intake/events.ts';
import type { EventRow } from '../intake/store/event-rows.ts';
import { openStore } from '../intake/store/open.ts';
import type { IntakeStore } from '../intake/store/store.ts';
import { postgresReachable } from '../intake/store/postgres.ts';
import { cliArgs, helpRequested } from '../scripts/cli-args.ts';
import { reportLine } from './record.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'npm run bench:events -- [--batches 1000] [--concurrency 16] [--store all|sqlite|postgres] [--report-events 1000000] [--record]';
const { values } = cliArgs(USAGE, {
  batches: { type: 'string' },
  concurrency: { type: 'string' },
  store: { type: 'string' },
  'report-events': { type: 'string' },
  record: { type: 'boolean', default: false },
});
helpRequested(values, USAGE);
const BATCHES = Number(values.batches ?? 1000);
const CONCURRENCY = Number(values.concurrency ?? 16);
const WARMUP = 20;
const which = values.store ?? 'all';
const REPORT_EVENTS = Number(values['report-events'] ?? 1_000_000);
if (!Number.isInteger(BATCHES) || BATCHES < 1 || !Number.isInteger(CONCURRENCY) || CONCURRENCY < 1 || !['all', 'sqlite', 'postgres'].includes(which)) {
  process.stderr.write(`usage: ${USAGE}\n`);
  process.exit(2);
}

const ENTRIES = ['camera-wifi-setup', 'camera-led-codes', 'reset-password', 'account-locked', 'set-up-two-step'];
const QUERIES = ['カメラ 接続できない', 'wifi setup', 'パスワード 忘れた 090-1234-5678', 'led blinking red', 'invoice address', '請求書 宛名 変更'];

/** One batch of the widget's mix: a session's searches, the articles opened from them, a vote now and then. */
function batchBody(seed: number): string {
  const session = randomBytes(16).toString('base64url');
  const at = new Date().toISOString();
  const common = { session, at, locale: seed % 3 ? 'ja' : 'en', surface: seed % 4 ? 'widget' : 'kb', product: 'camera' };
  const events = Array.from({ length: EVENT_BATCH_MAX }, (_, i) => {
    const entry = ENTRIES[(seed + i) % ENTRIES.length]!;
    switch (i % 5) {
      case 0:
      case 1:
        return { ...common, type: 'search', query: QUERIES[(seed + i) % QUERIES.length]!, results: i % 7, answered: i % 3 !== 0, top: entry };
      case 2:
      case 3:
        return { ...common, type: 'article_view', entry, via: 'widget', rank: 1 + (i % 5) };
      default:
        return { ...common, type: 'vote', entry, helpful: i % 2 === 0, ...(i % 2 ? { reason: 'outdated', text: 'the screenshots are old' } : {}) };
    }
  });
  return JSON.stringify({ events });
}

interface Target {
  store: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

async function startService(target: Target): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KOTAE_INTAKE_RATE_EVENTS_PER_IP: '1000000000', KOTAE_INTAKE_LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (target.databaseUrl) Object.assign(env, { DATABASE_URL: target.databaseUrl, KOTAE_INTAKE_DATABASE_SCHEMA: target.databaseSchema });
  const child = spawn(process.execPath, ['--import', 'tsx', 'intake/cli.ts', '--port', '0', '--data', target.dataDir, '--content', 'content'], {
    cwd: ROOT,
    // Info level for the line that says where it listens; one line per request is the logging a real intake does.
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

function post(agent: http.Agent, url: URL, body: string): Promise<{ status: number; accepted: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      // text/plain, as navigator.sendBeacon sends it: the path most batches take.
      { method: 'POST', agent, headers: { 'content-type': 'text/plain;charset=UTF-8', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { accepted?: number };
          resolve({ status: res.statusCode ?? 0, accepted: answer.accepted ?? 0, ms: performance.now() - started });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends batches `from` to `to`; returns the latencies and adds the events acknowledged to `acknowledged.events`. */
async function load(baseUrl: string, bodies: string[], from: number, to: number, acknowledged: { events: number }): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL('/v1/events', baseUrl);
  const latencies: number[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        const i = next++;
        const { status, accepted, ms } = await post(agent, url, bodies[i]!);
        latencies.push(ms);
        if (status === 202) acknowledged.events += accepted;
        else throw new Error(`batch ${i}: HTTP ${status}`);
      }
    }),
  );
  agent.destroy();
  return latencies;
}

async function measure(target: Target): Promise<Record<string, unknown>> {
  const service = await startService(target);
  const bodies = Array.from({ length: WARMUP + BATCHES }, (_, i) => batchBody(i));
  const acknowledged = { events: 0 };
  await load(service.url, bodies, 0, WARMUP, acknowledged);
  const started = performance.now();
  const latencies = await load(service.url, bodies, WARMUP, WARMUP + BATCHES, acknowledged);
  const seconds = (performance.now() - started) / 1000;
  const exit = await service.stop();
  if (exit !== 0) throw new Error(`intake exited with ${exit} on SIGTERM`);

  const store = await openStore({ dataDir: target.dataDir, databaseUrl: target.databaseUrl, databaseSchema: target.databaseSchema });
  try {
    const stored = await store.countEvents();
    const rolledUp = (await store.eventDaysBetween('2000-01-01', '2999-12-31')).reduce((sum, d) => sum + d.count, 0);
    latencies.sort((a, b) => a - b);
    const report = await timeReport(store, REPORT_EVENTS - stored);
    return {
      store: target.store,
      events_per_s: Math.round((BATCHES * EVENT_BATCH_MAX) / seconds),
      // Events acknowledged (202) but not in the store: must be 0.
      lost: Math.max(0, acknowledged.events - stored),
      p99_ms: Math.round(latencies[Math.floor(latencies.length * 0.99)]! * 10) / 10,
      p50_ms: Math.round(latencies[Math.floor(latencies.length * 0.5)]! * 10) / 10,
      acknowledged: acknowledged.events,
      stored,
      rolled_up: rolledUp,
      // The time `npm run insights` takes for its report over `report_events` stored events.
      report_s: report.seconds,
      report_events: report.events,
      report_unanswered_groups: report.groups,
      batches: BATCHES,
      batch: EVENT_BATCH_MAX,
      concurrency: CONCURRENCY,
      durable: target.store === 'sqlite' ? 'WAL, synchronous=FULL, group commit' : 'fsync=on, synchronous_commit=on, group commit',
    };
  } finally {
    await store.close();
  }
}

/**
 * Adds `more` events (28 days of sessions) straight into the store, then times the report over everything.
 */
async function timeReport(store: IntakeStore, more: number): Promise<{ seconds: number; events: number; groups: number }> {
  const days = 28;
  const until = Date.UTC(2026, 10, 30);
  const words = [
    'router',
    'camera',
    'firmware',
    'invoice',
    'password',
    'backup',
    'replica',
    'calendar',
    'mailbox',
    'export',
    'restore',
    'quota',
    'token',
    'webhook',
    'schedule',
    'license',
  ];
  const verbs = ['roll back', 'reset', 'change', 'move', 'cancel', 'rename', 'limit', 'share', 'delete', 'sync'];
  const question = (n: number) => {
    const q = `${verbs[n % verbs.length]} ${words[(n >> 4) % words.length]} ${words[(n >> 8) % words.length]} ${n % 97}`;
    // Every fifth asker makes a typo.
    return n % 5 === 0 ? q.replace(/([a-z])([a-z])/, '$2$1') : q;
  };
  let seq = 0;
  const rows: EventRow[] = [];
  const flush = async () => {
    if (rows.length) await store.saveEvents(rows.splice(0));
  };
  while (seq < more) {
    const s = seq;
    const receivedAt = until - (s % days) * 86_400_000 - (s % 86_000) * 1000;
    const at = new Date(receivedAt).toISOString();
    const base = {
      session: `s${Math.floor(s / 8)}`.padEnd(22, 'x'),
      at,
      locale: s % 3 ? 'ja' : 'en',
      surface: s % 4 ? 'widget' : 'kb',
      product: 'camera',
    } as const;
    const entry = ENTRIES[s % ENTRIES.length]!;
    const unanswered = s % 3 === 0;
    const events: SelfServiceEvent[] = [
      unanswered
        ? { ...base, type: 'search', query: question(s % 20_000), results: 0, answered: false }
        : { ...base, type: 'search', query: QUERIES[s % QUERIES.length]!, results: 4, answered: true, top: entry },
      { ...base, type: 'article_view', entry, via: 'widget', rank: 1 },
      s % 2 ? { ...base, type: 'vote', entry, helpful: false, reason: 'outdated' } : { ...base, type: 'vote', entry, helpful: true },
      { ...base, type: 'search', query: QUERIES[(s + 1) % QUERIES.length]!, results: 3, answered: true, top: entry },
      { ...base, type: 'article_view', entry, via: 'kb_page' },
      s % 4 ? { ...base, type: 'deflect', entry } : { ...base, type: 'contact_open' },
      { ...base, type: 'contact_open' },
      s % 4 ? { ...base, type: 'deflect', entry } : { ...base, type: 'inquiry_submit', inquiry: `inq-${s}` },
    ];
    // The rows the intake would store for these events (the same function, redaction included).
    const session = events.map((event) => eventRow(event, receivedAt));
    rows.push(...session.slice(0, Math.min(8, more - seq)));
    seq += 8;
    if (rows.length >= 5_000) await flush();
  }
  await flush();
  const since = new Date(until - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const options = { since, until: new Date(until).toISOString().slice(0, 10) };
  const config = loadSiteConfig(path.join(ROOT, 'content')).config!;
  const started = performance.now();
  const rowsRead = await readReportRows(store, options);
  const report = buildReport({ config, ...rowsRead }, options);
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  return { seconds, events: rowsRead.events.length, groups: report.unanswered.length };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-bench-events-'));
try {
  if (which !== 'postgres') reportLine('events', await measure({ store: 'sqlite', dataDir: path.join(tmp, 'sqlite') }));
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
    if (!databaseUrl) process.stderr.write('bench:events: no PostgreSQL reachable (set DATABASE_URL or run `bash .ci/postgres.sh`); measured SQLite only\n');
    else {
      const databaseSchema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      try {
        reportLine('events', await measure({ store: 'postgres', dataDir: path.join(tmp, 'pg'), databaseUrl, databaseSchema }));
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

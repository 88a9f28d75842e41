import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../intake/store/postgres.ts';
import { STORE_SCHEMA_VERSION, StoreTooNewError } from '../../intake/store/schema-version.ts';
import { openSqliteStore } from '../../intake/store/sqlite.ts';
import { removeTempDirs, ROOT, tempDir } from './fixtures.ts';
import { dropSchemas, testDatabase } from './postgres.ts';

afterAll(removeTempDirs);

// The tables as the intake stored them before inquiries had states (the columns the migration reads).
const BEFORE_STATES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE inquiries (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, idempotency_key TEXT NOT NULL UNIQUE,
  body_hash TEXT NOT NULL, received_at INTEGER NOT NULL, first_response_due INTEGER NOT NULL, product TEXT NOT NULL,
  severity TEXT NOT NULL, plan TEXT NOT NULL, locale TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE outbox (id TEXT PRIMARY KEY, inquiry_id TEXT NOT NULL REFERENCES inquiries(id), adapter TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
  locked_until INTEGER, last_error TEXT, delivered_at INTEGER, result TEXT, UNIQUE (inquiry_id, adapter));
`;

describe('a store made before inquiries had states', () => {
  it('is migrated on open: fully delivered inquiries are forwarded (at their last delivery), the rest received', async () => {
    const { dir } = tempDir();
    const old = new Database(path.join(dir, 'intake.db'));
    old.exec(BEFORE_STATES);
    const add = old.prepare(
      `INSERT INTO inquiries (id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
       VALUES (?, ?, 'h', 1000, 5000, 'camera', 'c', 'standard', 'ja', '{}')`,
    );
    const box = old.prepare(`INSERT INTO outbox (id, inquiry_id, adapter, status, next_attempt_at, delivered_at) VALUES (?, ?, ?, ?, 1000, ?)`);
    const done = '00000000-0000-4000-8000-000000000001';
    const half = '00000000-0000-4000-8000-000000000002';
    add.run(done, 'k1');
    add.run(half, 'k2');
    box.run('m1', done, 'webhook', 'delivered', 2000);
    box.run('m2', done, 'email', 'delivered', 3000);
    box.run('m3', half, 'webhook', 'delivered', 2000);
    box.run('m4', half, 'email', 'pending', null);
    old.close();

    for (let open = 0; open < 2; open++) {
      const store = openSqliteStore(dir);
      try {
        expect(await store.inquiryById(done)).toMatchObject({ state: 'forwarded', stateAt: 3000 });
        expect(await store.inquiryById(half)).toMatchObject({ state: 'received', stateAt: null });
        expect((await store.stateHistory(done)).map((c) => [c.state, c.at])).toEqual([['forwarded', 3000]]);
        expect(await store.stateHistory(half)).toEqual([]);
      } finally {
        await store.close();
      }
    }
  });
});

describe('the store schema version', () => {
  const CLI_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

  it('SQLite: a new or migrated store records this version; one written by a newer Kotae is refused untouched, by the CLI too', async () => {
    const { dir } = tempDir();
    const old = new Database(path.join(dir, 'intake.db'));
    old.exec(BEFORE_STATES);
    old.close();
    await openSqliteStore(dir).close();
    const db = new Database(path.join(dir, 'intake.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION);
    // A newer Kotae's store: one more table, one more version.
    db.exec('CREATE TABLE from_the_future (x INTEGER)');
    db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
    const tables = () => db.prepare(`SELECT name FROM sqlite_master ORDER BY name`).pluck().all();
    const before = tables();
    expect(() => openSqliteStore(dir)).toThrow(StoreTooNewError);
    expect(() => openSqliteStore(dir)).toThrow(`store schema ${STORE_SCHEMA_VERSION + 1}; this version knows up to ${STORE_SCHEMA_VERSION}`);
    expect(tables()).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION + 1);
    db.close();

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'intake/cli.ts', '--port', '0', '--content', 'content', '--data', dir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: CLI_ENV,
      timeout: 100_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('was written by a newer Kotae');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('PostgreSQL: the version is recorded in meta; a newer one is refused at init and nothing is created', async () => {
    const db = await testDatabase();
    const schema = `kotae_version_${process.pid}_${Date.now() % 100000}`;
    try {
      const store = openPostgresStore(db.url, schema);
      await store.init();
      await store.close();
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const value = async () =>
          (await client.query<{ value: Buffer }>(`SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`)).rows[0]?.value.toString();
        expect(await value()).toBe(String(STORE_SCHEMA_VERSION));
        await client.query(`UPDATE ${schema}.meta SET value = $1 WHERE key = 'schema_version'`, [Buffer.from(String(STORE_SCHEMA_VERSION + 1))]);
        await client.query(`DROP TABLE ${schema}.inquiry_states`);
        const newer = openPostgresStore(db.url, schema);
        await expect(newer.init()).rejects.toThrow(StoreTooNewError);
        await newer.close();
        // Refused before the tables were touched: the dropped one was not created again, the version stands.
        expect((await client.query(`SELECT to_regclass($1) AS t`, [`${schema}.inquiry_states`])).rows[0].t).toBeNull();
        expect(await value()).toBe(String(STORE_SCHEMA_VERSION + 1));
      } finally {
        await client.end();
      }
    } finally {
      await dropSchemas(db.url, [schema]);
      db.release();
    }
  });
});

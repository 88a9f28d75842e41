import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../intake/store/sqlite.ts';
import { removeTempDirs, tempDir } from './fixtures.ts';

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

import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataDir } from '../data-dir.ts';
import {
  EVENT_FACT_COLUMNS,
  pagedEvents,
  rollUp,
  toEventDay,
  toStoredEvent,
  type EventDaySqlRow,
  type EventRow,
  type EventFacts,
  type EventSqlRow,
} from './event-rows.ts';
import { groupCommit, type Outcome } from './group-commit.ts';
import { paged, toInquiry, toMessage, toState, toUpload, type InquirySqlRow, type OutboxSqlRow, type UploadSqlRow } from './rows.ts';
import { toAdminAccount, toAdminSession, type AdminAccountSqlRow, type AdminSessionSqlRow } from './admin-rows.ts';
import type { ClaimedMessage, CreateResult, IntakeStore, NewInquiry } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS inquiries (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE,
  body_hash TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  first_response_due INTEGER NOT NULL,
  product TEXT NOT NULL,
  severity TEXT NOT NULL,
  plan TEXT NOT NULL,
  locale TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outbox (
  id TEXT PRIMARY KEY,
  inquiry_id TEXT NOT NULL REFERENCES inquiries(id),
  adapter TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  locked_until INTEGER,
  last_error TEXT,
  delivered_at INTEGER,
  result TEXT,
  UNIQUE (inquiry_id, adapter)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at);
CREATE TABLE IF NOT EXISTS uploads (
  token TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  referenced INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY,
  received_at INTEGER NOT NULL,
  day TEXT NOT NULL,
  session TEXT NOT NULL,
  type TEXT NOT NULL,
  locale TEXT NOT NULL,
  surface TEXT NOT NULL,
  product TEXT,
  entry TEXT,
  top TEXT,
  query TEXT,
  results INTEGER,
  answered INTEGER,
  helpful INTEGER,
  reason TEXT,
  text TEXT,
  inquiry TEXT,
  via TEXT,
  rank INTEGER,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE INDEX IF NOT EXISTS events_type_day ON events (type, day);
CREATE INDEX IF NOT EXISTS events_entry ON events (entry) WHERE entry IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_session ON events (session);
CREATE TABLE IF NOT EXISTS event_days (
  day TEXT NOT NULL,
  type TEXT NOT NULL,
  locale TEXT NOT NULL,
  product TEXT NOT NULL,
  entry TEXT NOT NULL,
  answered INTEGER NOT NULL,
  helpful INTEGER NOT NULL,
  reason TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, type, locale, product, entry, answered, helpful, reason)
);
CREATE TABLE IF NOT EXISTS admin_accounts (
  user TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS admin_sessions (
  id_hash TEXT PRIMARY KEY,
  user TEXT NOT NULL,
  via TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS admin_sessions_user ON admin_sessions (user);
`;

/**
 * The embedded store: one SQLite file (`intake.db` in the data folder) in WAL mode with `synchronous=FULL`,
 * so a commit is on disk before it returns. Inquiries that arrive while a commit is running are written
 * together in the next transaction (group commit): one fsync acknowledges many customers.
 * One process only: several intake instances need PostgreSQL.
 */
/** Events per page a report reads. */
const FACTS_PAGE = 5_000;

export function openSqliteStore(dataDir: string): IntakeStore {
  ensureDataDir(dataDir);
  const db = new Database(path.join(dataDir, 'intake.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const stmt = {
    insertInquiry: db.prepare(
      `INSERT INTO inquiries (id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
       VALUES (@id, @idempotencyKey, @bodyHash, @receivedAt, @firstResponseDue, @product, @severity, @plan, @locale, @data)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING seq`,
    ),
    insertOutbox: db.prepare(`INSERT INTO outbox (id, inquiry_id, adapter, next_attempt_at) VALUES (?, ?, ?, ?)`),
    byKey: db.prepare(`SELECT * FROM inquiries WHERE idempotency_key = ?`),
    byId: db.prepare(`SELECT * FROM inquiries WHERE id = ?`),
    state: db.prepare(`SELECT status, count(*) AS n FROM outbox WHERE inquiry_id = ? GROUP BY status`),
    counts: db.prepare(`SELECT status, count(*) AS n FROM outbox GROUP BY status`),
    getMeta: db.prepare(`SELECT value FROM meta WHERE key = ?`),
    putMeta: db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`),
    saveUpload: db.prepare(`INSERT INTO uploads (token, name, type, size, sha256, created_at) VALUES (@token, @name, @type, @size, @sha256, @createdAt)`),
    upload: db.prepare(`SELECT * FROM uploads WHERE token = ?`),
    reference: db.prepare(`UPDATE uploads SET referenced = 1 WHERE token = ?`),
    sweep: db.prepare(`DELETE FROM uploads WHERE referenced = 0 AND created_at < ? RETURNING token`),
    claim: db.prepare(
      `UPDATE outbox SET locked_until = @until, attempts = attempts + 1
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @now
                    AND adapter IN (SELECT value FROM json_each(@adapters))
                    AND (locked_until IS NULL OR locked_until <= @now) ORDER BY next_attempt_at LIMIT @limit)
       RETURNING *`,
    ),
    delivered: db.prepare(
      `UPDATE outbox SET status = 'delivered', delivered_at = ?, result = ?, locked_until = NULL, last_error = NULL
       WHERE id = ? AND attempts = ? AND status = 'pending'`,
    ),
    failed: db.prepare(
      `UPDATE outbox SET status = ?, next_attempt_at = coalesce(?, next_attempt_at), last_error = ?, locked_until = NULL
       WHERE id = ? AND attempts = ? AND status = 'pending'`,
    ),
    outboxFor: db.prepare(`SELECT * FROM outbox WHERE inquiry_id = ? ORDER BY adapter`),
    requeue: db.prepare(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, locked_until = NULL WHERE status = 'dead'`),
    count: db.prepare(`SELECT count(*) AS n FROM inquiries`),
    insertEvent: db.prepare(
      `INSERT INTO events (received_at, day, session, type, locale, surface, product, entry, top, query, results, answered, helpful, reason, text, inquiry, via, rank, at)
       VALUES (@receivedAt, @day, @session, @type, @locale, @surface, @product, @entry, @top, @query, @results, @answered, @helpful, @reason, @text, @inquiry, @via, @rank, @at)`,
    ),
    countEventDay: db.prepare(
      `INSERT INTO event_days (day, type, locale, product, entry, answered, helpful, reason, count)
       VALUES (@day, @type, @locale, @product, @entry, @answered, @helpful, @reason, @count)
       ON CONFLICT (day, type, locale, product, entry, answered, helpful, reason) DO UPDATE SET count = event_days.count + excluded.count`,
    ),
    purgeEvents: db.prepare(`DELETE FROM events WHERE day < ?`),
    inquiriesPage: db.prepare(`SELECT * FROM inquiries WHERE received_at >= ? AND received_at < ? AND seq > ? ORDER BY seq LIMIT ?`),
    // Events arrive in day order, so a range of days is a range of ids: found on the day index, then read
    // along the primary key (`+day` keeps the planner off the day index, which would sort every page).
    eventIdRange: db.prepare(`SELECT min(id) AS lo, max(id) AS hi FROM events WHERE day >= ? AND day <= ?`),
    eventFactsPage: db.prepare(`SELECT ${EVENT_FACT_COLUMNS} FROM events WHERE id > ? AND id <= ? AND +day >= ? AND +day <= ? ORDER BY id LIMIT ?`).raw(),
    eventsPage: db.prepare(`SELECT * FROM events WHERE id > ? AND id <= ? AND +day >= ? AND +day <= ? ORDER BY id LIMIT ?`),
    eventDays: db.prepare(`SELECT * FROM event_days WHERE day >= ? AND day <= ? ORDER BY day, type, locale, product, entry, answered, helpful, reason`),
    countEvents: db.prepare(`SELECT count(*) AS n FROM events`),
    writeProbe: db.prepare(`INSERT INTO meta (key, value) VALUES ('probe', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    adminAccount: db.prepare(`SELECT * FROM admin_accounts WHERE user = ?`),
    saveAdminAccount: db.prepare(
      `INSERT INTO admin_accounts (user, password_hash, created_at, updated_at) VALUES (@user, @passwordHash, @createdAt, @updatedAt)
       ON CONFLICT (user) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
    ),
    deleteAdminAccount: db.prepare(`DELETE FROM admin_accounts WHERE user = ?`),
    listAdminAccounts: db.prepare(`SELECT * FROM admin_accounts ORDER BY user`),
    saveAdminSession: db.prepare(
      `INSERT INTO admin_sessions (id_hash, user, via, created_at, last_seen_at, expires_at) VALUES (@idHash, @user, @via, @createdAt, @lastSeenAt, @expiresAt)`,
    ),
    adminSession: db.prepare(`SELECT * FROM admin_sessions WHERE id_hash = ?`),
    touchAdminSession: db.prepare(`UPDATE admin_sessions SET last_seen_at = max(last_seen_at, ?) WHERE id_hash = ?`),
    deleteAdminSession: db.prepare(`DELETE FROM admin_sessions WHERE id_hash = ?`),
    deleteAdminSessionsOf: db.prepare(`DELETE FROM admin_sessions WHERE user = ?`),
    purgeAdminSessions: db.prepare(`DELETE FROM admin_sessions WHERE expires_at <= ? OR last_seen_at < ?`),
  };

  let closed = false;

  const commitBatch = db.transaction((batch: Array<{ inquiry: NewInquiry; adapters: readonly string[] }>) =>
    batch.map(({ inquiry, adapters }): Outcome<CreateResult> => {
      const { uploadTokens, ...fields } = inquiry;
      const inserted = stmt.insertInquiry.get({ ...fields, data: JSON.stringify(inquiry.data) }) as { seq: number } | undefined;
      if (!inserted) return { ok: true, value: { created: false, row: toInquiry(stmt.byKey.get(inquiry.idempotencyKey) as InquirySqlRow) } };
      for (const adapter of adapters) stmt.insertOutbox.run(randomUUID(), inquiry.id, adapter, inquiry.receivedAt);
      for (const token of uploadTokens) stmt.reference.run(token);
      return { ok: true, value: { created: true, row: { ...fields, seq: inserted.seq } } };
    }),
  );
  // Everything waiting goes into one transaction; better-sqlite3 commits synchronously, one batch at a time.
  const creates = groupCommit({ commit: commitBatch });

  // Event batches waiting go into one transaction too: their raw rows, then the roll-ups of all of them.
  // Should it fail, the queue commits each batch alone, so a batch is stored whole or not at all.
  const bit = (v: boolean | null) => (v === null ? null : v ? 1 : 0);
  const commitEvents = db.transaction((batches: Array<readonly EventRow[]>) => {
    for (const rows of batches) for (const row of rows) stmt.insertEvent.run({ ...row, answered: bit(row.answered), helpful: bit(row.helpful) });
    for (const increment of rollUp(batches.flat())) stmt.countEventDay.run(increment);
    return batches.map((): Outcome<void> => ({ ok: true, value: undefined }));
  });
  const eventWrites = groupCommit({ commit: commitEvents });

  return {
    kind: 'sqlite',
    async init() {},
    async secret(name) {
      stmt.putMeta.run(`secret:${name}`, randomBytes(32));
      return (stmt.getMeta.get(`secret:${name}`) as { value: Buffer }).value;
    },
    createInquiry(inquiry, adapters) {
      return creates.add({ inquiry, adapters });
    },
    async inquiryById(id) {
      const row = stmt.byId.get(id) as InquirySqlRow | undefined;
      return row && toInquiry(row);
    },
    async inquiryByKey(key) {
      const row = stmt.byKey.get(key) as InquirySqlRow | undefined;
      return row && toInquiry(row);
    },
    async forwardingState(inquiryId) {
      return toState(stmt.state.all(inquiryId) as Array<{ status: string; n: number }>);
    },
    async saveUpload(upload) {
      stmt.saveUpload.run(upload);
    },
    async uploads(tokens) {
      return tokens.flatMap((t) => {
        const row = stmt.upload.get(t) as UploadSqlRow | undefined;
        return row ? [toUpload(row)] : [];
      });
    },
    async deleteUnreferencedUploads(before) {
      return (stmt.sweep.all(before) as Array<{ token: string }>).map((r) => r.token);
    },
    async claimOutbox(adapters, now, limit, leaseMs) {
      const rows = stmt.claim.all({ adapters: JSON.stringify(adapters), now, until: now + leaseMs, limit }) as OutboxSqlRow[];
      return rows.map((r): ClaimedMessage => ({ ...toMessage(r), inquiry: toInquiry(stmt.byId.get(r.inquiry_id) as InquirySqlRow) }));
    },
    async markDelivered(id, attempt, result, now) {
      stmt.delivered.run(now, result, id, attempt);
    },
    async markFailed(id, attempt, error, retryAt) {
      stmt.failed.run(retryAt === null ? 'dead' : 'pending', retryAt, error.slice(0, 1000), id, attempt);
    },
    async outboxFor(inquiryId) {
      return (stmt.outboxFor.all(inquiryId) as OutboxSqlRow[]).map(toMessage);
    },
    async outboxCounts() {
      return toState(stmt.counts.all() as Array<{ status: string; n: number }>);
    },
    async requeueDead(now) {
      return stmt.requeue.run(now).changes;
    },
    async countInquiries() {
      return (stmt.count.get() as { n: number }).n;
    },
    saveEvents(rows) {
      return eventWrites.add(rows);
    },
    async purgeEventsBefore(day) {
      return stmt.purgeEvents.run(day).changes;
    },
    inquiriesReceivedBetween(from, to) {
      return paged(
        async (after, limit) => (stmt.inquiriesPage.all(from, to, after, limit) as InquirySqlRow[]).map(toInquiry),
        (r) => r.seq,
      );
    },
    async *eventFactsBetween(from, to) {
      const { lo, hi } = stmt.eventIdRange.get(from, to) as { lo: number | null; hi: number | null };
      if (lo === null || hi === null) return;
      for (let after = lo - 1; ; ) {
        const page = stmt.eventFactsPage.all(after, hi, from, to, FACTS_PAGE) as EventFacts[];
        if (page.length) yield page;
        if (page.length < FACTS_PAGE) return;
        after = page.at(-1)![0];
      }
    },
    eventsBetween(from, to) {
      const { lo, hi } = stmt.eventIdRange.get(from, to) as { lo: number | null; hi: number | null };
      if (lo === null || hi === null) return pagedEvents(async () => []);
      return pagedEvents(async (after, limit) => (stmt.eventsPage.all(Math.max(after, lo - 1), hi, from, to, limit) as EventSqlRow[]).map(toStoredEvent));
    },
    async eventDaysBetween(from, to) {
      return (stmt.eventDays.all(from, to) as EventDaySqlRow[]).map(toEventDay);
    },
    async countEvents() {
      return (stmt.countEvents.get() as { n: number }).n;
    },
    async probe() {
      const value = randomBytes(16);
      stmt.writeProbe.run(value);
      if (!(stmt.getMeta.get('probe') as { value: Buffer } | undefined)?.value.equals(value)) throw new Error('store probe: read back another value');
    },
    async adminAccount(user) {
      const row = stmt.adminAccount.get(user) as AdminAccountSqlRow | undefined;
      return row && toAdminAccount(row);
    },
    async saveAdminAccount(account) {
      stmt.saveAdminAccount.run(account);
    },
    async deleteAdminAccount(user) {
      return stmt.deleteAdminAccount.run(user).changes > 0;
    },
    async listAdminAccounts() {
      return (stmt.listAdminAccounts.all() as AdminAccountSqlRow[]).map(toAdminAccount);
    },
    async saveAdminSession(session) {
      stmt.saveAdminSession.run(session);
    },
    async adminSession(idHash) {
      const row = stmt.adminSession.get(idHash) as AdminSessionSqlRow | undefined;
      return row && toAdminSession(row);
    },
    async touchAdminSession(idHash, lastSeenAt) {
      stmt.touchAdminSession.run(lastSeenAt, idHash);
    },
    async deleteAdminSession(idHash) {
      stmt.deleteAdminSession.run(idHash);
    },
    async deleteAdminSessionsOf(user) {
      return stmt.deleteAdminSessionsOf.run(user).changes;
    },
    async purgeAdminSessions(now, idleBefore) {
      return stmt.purgeAdminSessions.run(now, idleBefore).changes;
    },
    async close() {
      if (closed) return;
      closed = true;
      await creates.close();
      await eventWrites.close();
      db.close();
    },
  };
}

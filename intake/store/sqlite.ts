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
import { toAdminAccount, toAdminSession, type AdminAccountSqlRow, type AdminSessionSqlRow } from './admin-rows.ts';
import { foldText, inquiryWhere, pageLimit } from './inquiry-where.ts';
import type { InquiryFilter, InquiryPage, PageRequest } from './inquiry-query.ts';
import {
  attachmentTokens,
  paged,
  toInquiry,
  toMessage,
  toState,
  toStateChange,
  toUpload,
  type InquirySqlRow,
  type OutboxSqlRow,
  type StateSqlRow,
  type UploadSqlRow,
} from './rows.ts';
import type { ClaimedMessage, CreateResult, IntakeStore, NewInquiry, StateChange, StateOutcome } from './store.ts';
import { refuseNewerSchema, STORE_SCHEMA_VERSION } from './schema-version.ts';

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
  data TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'received',
  state_at INTEGER
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
CREATE INDEX IF NOT EXISTS outbox_result ON outbox (result) WHERE result IS NOT NULL;
CREATE TABLE IF NOT EXISTS inquiry_states (
  id INTEGER PRIMARY KEY,
  inquiry_id TEXT NOT NULL REFERENCES inquiries(id),
  state TEXT NOT NULL,
  at INTEGER NOT NULL,
  source TEXT NOT NULL,
  event_id TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS inquiry_states_inquiry ON inquiry_states (inquiry_id, at);
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
 * Stores made before inquiries had states: add the columns, and record `forwarded` for every inquiry all of
 * whose messages were delivered (when the last one was), as the outbox records it from now on. Runs once.
 */
function migrateInquiryStates(db: Database.Database): void {
  const columns = db.pragma('table_info(inquiries)') as Array<{ name: string }>;
  db.transaction(() => {
    if (!columns.some((c) => c.name === 'state')) {
      db.exec(`ALTER TABLE inquiries ADD COLUMN state TEXT NOT NULL DEFAULT 'received'; ALTER TABLE inquiries ADD COLUMN state_at INTEGER;`);
      db.exec(`INSERT OR IGNORE INTO inquiry_states (inquiry_id, state, at, source, event_id)
               SELECT inquiry_id, 'forwarded', max(delivered_at), 'outbox', 'forwarded:' || inquiry_id FROM outbox
               GROUP BY inquiry_id HAVING sum(status <> 'delivered') = 0;
               UPDATE inquiries SET state = 'forwarded', state_at = s.at FROM inquiry_states s WHERE s.event_id = 'forwarded:' || inquiries.id;`);
    }
    db.exec(`CREATE INDEX IF NOT EXISTS inquiries_state ON inquiries (state, seq)`);
  })();
}

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
  try {
    refuseNewerSchema(db.pragma('user_version', { simple: true }) as number, path.join(dataDir, 'intake.db'));
  } catch (error) {
    db.close();
    throw error;
  }
  db.exec(SCHEMA);
  migrateInquiryStates(db);
  db.pragma(`user_version = ${STORE_SCHEMA_VERSION}`);
  // Text search folds both sides alike (inquiry-where.ts); backfilled messages get ids like every other.
  db.function('kotae_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : text));
  db.function('kotae_uuid', { deterministic: false }, () => randomUUID());

  const stmt = {
    insertInquiry: db.prepare(
      `INSERT INTO inquiries (id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
       VALUES (@id, @idempotencyKey, @bodyHash, @receivedAt, @firstResponseDue, @product, @severity, @plan, @locale, @data)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING seq`,
    ),
    insertOutbox: db.prepare(`INSERT INTO outbox (id, inquiry_id, adapter, next_attempt_at) VALUES (?, ?, ?, ?)`),
    byKey: db.prepare(`SELECT * FROM inquiries WHERE idempotency_key = ?`),
    byId: db.prepare(`SELECT * FROM inquiries WHERE id = ?`),
    bySeq: db.prepare(`SELECT * FROM inquiries WHERE seq = ?`),
    byDelivery: db.prepare(`SELECT i.* FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id WHERE o.result = ? AND o.adapter = ? LIMIT 1`),
    state: db.prepare(`SELECT status, count(*) AS n FROM outbox WHERE inquiry_id = ? GROUP BY status`),
    counts: db.prepare(`SELECT status, count(*) AS n FROM outbox GROUP BY status`),
    stateSeen: db.prepare(`SELECT 1 FROM inquiry_states WHERE event_id = ?`),
    insertState: db.prepare(`INSERT INTO inquiry_states (inquiry_id, state, at, source, event_id) VALUES (@inquiryId, @state, @at, @source, @eventId)`),
    // A change older than the current state goes into the history only: the latest report decides. Being
    // forwarded never takes over from what a helpdesk reported, which can arrive before our delivery is recorded.
    setState: db.prepare(
      `UPDATE inquiries SET state = @state, state_at = @at
       WHERE id = @inquiryId AND coalesce(state_at, received_at) <= @at AND (@state <> 'forwarded' OR state = 'received')`,
    ),
    stateHistory: db.prepare(`SELECT * FROM inquiry_states WHERE inquiry_id = ? ORDER BY at, id`),
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
    forwardAgain: db.prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, locked_until = NULL WHERE inquiry_id = ? AND adapter = ?`,
    ),
    // The SELECT's WHERE keeps SQLite from reading ON CONFLICT as a join constraint.
    queueMissing: db.prepare(
      `INSERT INTO outbox (id, inquiry_id, adapter, next_attempt_at)
       SELECT kotae_uuid(), i.id, a.value, @now FROM inquiries i, json_each(@adapters) a
       WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = i.id AND o.adapter = a.value)
       ON CONFLICT (inquiry_id, adapter) DO NOTHING`,
    ),
    undeliveredOf: db.prepare(
      `SELECT o.* FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
       WHERE o.inquiry_id IN (SELECT value FROM json_each(?)) AND o.status <> 'delivered' ORDER BY i.seq DESC, o.adapter`,
    ),
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

  // Statements of the filters asked for, prepared once each (a filter's shape, not its values, decides the SQL).
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string) => prepared.get(sql) ?? (prepared.set(sql, db.prepare(sql)), prepared.get(sql)!);

  const listInquiries = db.transaction((filter: InquiryFilter, page: PageRequest): InquiryPage => {
    const where = inquiryWhere(filter, 'sqlite');
    const limit = pageLimit(page.limit);
    const before = page.before === undefined ? '' : ' AND i.seq < ?';
    const rows = prepare(`SELECT i.* FROM inquiries i WHERE ${where.sql}${before} ORDER BY i.seq DESC LIMIT ?`).all(
      ...where.params,
      ...(page.before === undefined ? [] : [page.before]),
      limit + 1,
    ) as InquirySqlRow[];
    const total = page.total === false ? -1 : (prepare(`SELECT count(*) AS n FROM inquiries i WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
    const items = rows.slice(0, limit).map(toInquiry);
    const undelivered = items.length ? (stmt.undeliveredOf.all(JSON.stringify(items.map((r) => r.id))) as OutboxSqlRow[]).map(toMessage) : [];
    return { items, total, next: rows.length > limit ? items.at(-1)!.seq : null, undelivered };
  });

  const recordState = db.transaction((change: StateChange): StateOutcome => {
    const row = stmt.byId.get(change.inquiryId) as InquirySqlRow | undefined;
    if (!row) return 'unknown';
    if (stmt.stateSeen.get(change.eventId)) return 'duplicate';
    if (row.state === change.state) return 'unchanged';
    stmt.insertState.run(change);
    stmt.setState.run(change);
    return 'recorded';
  });

  const commitBatch = db.transaction((batch: Array<{ inquiry: NewInquiry; adapters: readonly string[] }>) =>
    batch.map(({ inquiry, adapters }): Outcome<CreateResult> => {
      const { uploadTokens, ...fields } = inquiry;
      const inserted = stmt.insertInquiry.get({ ...fields, data: JSON.stringify(inquiry.data) }) as { seq: number } | undefined;
      if (!inserted) return { ok: true, value: { created: false, row: toInquiry(stmt.byKey.get(inquiry.idempotencyKey) as InquirySqlRow) } };
      for (const adapter of adapters) stmt.insertOutbox.run(randomUUID(), inquiry.id, adapter, inquiry.receivedAt);
      for (const token of uploadTokens) stmt.reference.run(token);
      return { ok: true, value: { created: true, row: { ...fields, seq: inserted.seq, state: 'received', stateAt: null } } };
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
    async inquiryBySeq(seq) {
      const row = stmt.bySeq.get(seq) as InquirySqlRow | undefined;
      return row && toInquiry(row);
    },
    async inquiryByDelivery(adapter, result) {
      const row = stmt.byDelivery.get(result, adapter) as InquirySqlRow | undefined;
      return row && toInquiry(row);
    },
    async forwardingState(inquiryId) {
      return toState(stmt.state.all(inquiryId) as Array<{ status: string; n: number }>);
    },
    async recordState(change) {
      return recordState(change);
    },
    async stateHistory(inquiryId) {
      return (stmt.stateHistory.all(inquiryId) as StateSqlRow[]).map(toStateChange);
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
    async listInquiries(filter, page) {
      return listInquiries(filter, page);
    },
    async inquiryDetail(id) {
      const row = stmt.byId.get(id) as InquirySqlRow | undefined;
      if (!row) return undefined;
      const inquiry = toInquiry(row);
      return {
        row: inquiry,
        outbox: (stmt.outboxFor.all(id) as OutboxSqlRow[]).map(toMessage),
        history: (stmt.stateHistory.all(id) as StateSqlRow[]).map(toStateChange),
        uploads: attachmentTokens(inquiry.data).flatMap((t) => {
          const upload = stmt.upload.get(t) as UploadSqlRow | undefined;
          return upload ? [toUpload(upload)] : [];
        }),
      };
    },
    async forwardAgain(inquiryId, adapter, now) {
      return stmt.forwardAgain.run(now, inquiryId, adapter).changes > 0;
    },
    async queueMissing(adapters, now) {
      if (!adapters.length) return 0;
      return stmt.queueMissing.run({ adapters: JSON.stringify(adapters), now }).changes;
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

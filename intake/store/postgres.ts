import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  EVENT_FACT_COLUMNS,
  pagedEvents,
  rollUp,
  toEventDay,
  toStoredEvent,
  type EventDaySqlRow,
  type EventFacts,
  type EventRow,
  type EventSqlRow,
} from './event-rows.ts';
import { groupCommit, type Outcome } from './group-commit.ts';
import { toAdminAccount, toAdminSession, type AdminAccountSqlRow, type AdminSessionSqlRow } from './admin-rows.ts';
import type { InquiryPage } from './inquiry-query.ts';
import { inquiryWhere, pageLimit } from './inquiry-where.ts';
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
import type { ClaimedMessage, CreateResult, IntakeStore, NewInquiry, UploadRecord } from './store.ts';
import { refuseNewerSchema, STORE_SCHEMA_VERSION } from './schema-version.ts';

const UUID = /^[0-9a-f-]{36}$/i;

// bigint columns hold epoch milliseconds and sequence numbers, far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key text PRIMARY KEY, value bytea NOT NULL);
CREATE TABLE IF NOT EXISTS inquiries (
  seq bigserial UNIQUE,
  id uuid PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  body_hash text NOT NULL,
  received_at bigint NOT NULL,
  first_response_due bigint NOT NULL,
  product text NOT NULL,
  severity text NOT NULL,
  plan text NOT NULL,
  locale text NOT NULL,
  data jsonb NOT NULL
);
ALTER TABLE inquiries ADD COLUMN IF NOT EXISTS state text NOT NULL DEFAULT 'received';
ALTER TABLE inquiries ADD COLUMN IF NOT EXISTS state_at bigint;
CREATE INDEX IF NOT EXISTS inquiries_state ON inquiries (state, seq);
CREATE TABLE IF NOT EXISTS inquiry_states (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inquiry_id uuid NOT NULL REFERENCES inquiries(id),
  state text NOT NULL,
  at bigint NOT NULL,
  source text NOT NULL,
  event_id text NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS inquiry_states_inquiry ON inquiry_states (inquiry_id, at);
CREATE TABLE IF NOT EXISTS outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inquiry_id uuid NOT NULL REFERENCES inquiries(id),
  adapter text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint NOT NULL,
  locked_until bigint,
  last_error text,
  delivered_at bigint,
  result text,
  UNIQUE (inquiry_id, adapter)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS outbox_result ON outbox (result) WHERE result IS NOT NULL;
CREATE TABLE IF NOT EXISTS uploads (
  token text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  created_at bigint NOT NULL,
  referenced boolean NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at bigint NOT NULL,
  day text NOT NULL,
  session text NOT NULL,
  type text NOT NULL,
  locale text NOT NULL,
  surface text NOT NULL,
  product text,
  entry text,
  top text,
  query text,
  results integer,
  answered boolean,
  helpful boolean,
  reason text,
  text text,
  inquiry text,
  via text,
  rank integer,
  at text NOT NULL
);
CREATE INDEX IF NOT EXISTS events_day ON events (day);
CREATE INDEX IF NOT EXISTS events_type_day ON events (type, day);
CREATE INDEX IF NOT EXISTS events_entry ON events (entry) WHERE entry IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_session ON events (session);
CREATE TABLE IF NOT EXISTS event_days (
  day text NOT NULL,
  type text NOT NULL,
  locale text NOT NULL,
  product text NOT NULL,
  entry text NOT NULL,
  answered smallint NOT NULL,
  helpful smallint NOT NULL,
  reason text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (day, type, locale, product, entry, answered, helpful, reason)
);
CREATE TABLE IF NOT EXISTS admin_accounts (
  "user" text PRIMARY KEY,
  password_hash text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS admin_sessions (
  id_hash text PRIMARY KEY,
  "user" text NOT NULL,
  via text NOT NULL,
  created_at bigint NOT NULL,
  last_seen_at bigint NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS admin_sessions_user ON admin_sessions ("user");
`;

// One statement, so one round trip and one commit for a whole batch: the inquiries and their outbox rows;
// rows whose idempotency key is taken are skipped (and looked up afterwards).
const CREATE_MANY = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
    AS t(id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
), ins AS (
  INSERT INTO inquiries (id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
  SELECT * FROM input
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, seq, received_at
), box AS (
  INSERT INTO outbox (inquiry_id, adapter, next_attempt_at)
  SELECT ins.id, a, ins.received_at FROM ins, unnest($11::text[]) AS a
), refs AS (
  UPDATE uploads SET referenced = true WHERE token = ANY($12::text[])
)
SELECT id, seq FROM ins`;

// One statement for any number of event batches: the raw rows and the roll-up increments (computed and
// ordered by key beforehand, see rollUp), so it commits as a whole. Concurrent instances upserting the same
// day's counts wait for each other's row locks, taken in key order: no lost increment, no deadlock.
const SAVE_EVENTS = `
WITH raw AS (
  INSERT INTO events (received_at, day, session, type, locale, surface, product, entry, top, query, results, answered, helpful, reason, text, inquiry, via, rank, at)
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                       $11::integer[], $12::boolean[], $13::boolean[], $14::text[], $15::text[], $16::text[], $17::text[], $18::integer[], $19::text[])
)
INSERT INTO event_days (day, type, locale, product, entry, answered, helpful, reason, count)
SELECT * FROM unnest($20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::smallint[], $26::smallint[], $27::text[], $28::bigint[])
ON CONFLICT (day, type, locale, product, entry, answered, helpful, reason) DO UPDATE SET count = event_days.count + excluded.count`;

// Stores made before inquiries had states: \`forwarded\` for every inquiry all of whose messages were
// delivered (when the last one was), as the outbox records it from now on. Once, marked in \`meta\`.
const MIGRATE_STATES = `
WITH once AS (
  INSERT INTO meta (key, value) VALUES ('migration:inquiry-states', '\\x01') ON CONFLICT (key) DO NOTHING RETURNING key
), done AS (
  SELECT inquiry_id, max(delivered_at) AS at FROM outbox GROUP BY inquiry_id HAVING bool_and(status = 'delivered')
), hist AS (
  INSERT INTO inquiry_states (inquiry_id, state, at, source, event_id)
  SELECT inquiry_id, 'forwarded', at, 'outbox', 'forwarded:' || inquiry_id FROM done WHERE EXISTS (SELECT 1 FROM once)
  ON CONFLICT (event_id) DO NOTHING
)
UPDATE inquiries i SET state = 'forwarded', state_at = done.at FROM done WHERE i.id = done.inquiry_id AND i.state = 'received' AND EXISTS (SELECT 1 FROM once)`;

// One statement, one commit: the inquiry's row lock orders concurrent reports about it; the event id's
// uniqueness drops a replay even when two instances receive it at once. A change older than the current
// state goes into the history only: the latest report decides. Being forwarded never takes over from what a
// helpdesk reported, which can arrive before our delivery is recorded.
const RECORD_STATE = `
WITH target AS (
  SELECT id, state, coalesce(state_at, received_at) AS since FROM inquiries WHERE id = $1 FOR UPDATE
), seen AS (
  SELECT 1 FROM inquiry_states WHERE event_id = $5::text
), ins AS (
  INSERT INTO inquiry_states (inquiry_id, state, at, source, event_id)
  SELECT id, $2::text, $3::bigint, $4::text, $5::text FROM target WHERE target.state <> $2::text AND NOT EXISTS (SELECT 1 FROM seen)
  ON CONFLICT (event_id) DO NOTHING RETURNING inquiry_id
), upd AS (
  UPDATE inquiries i SET state = $2::text, state_at = $3::bigint FROM ins, target WHERE i.id = ins.inquiry_id AND target.since <= $3::bigint
    AND ($2::text <> 'forwarded' OR target.state = 'received') RETURNING i.id
)
SELECT (SELECT state FROM target) AS current, EXISTS (SELECT 1 FROM seen) AS seen, (SELECT count(*) FROM ins)::int AS inserted`;

/** Batches committing at once; more arrivals wait and go together into the next one (group commit). */
const MAX_BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 200;
const MAX_EVENT_BATCHES = 100;

/**
 * The PostgreSQL store, for several intake instances on one database. Every write is one committed
 * statement (PostgreSQL's own WAL flush makes it durable before we answer); inquiries arriving together
 * are inserted by one statement per batch (group commit, as in the SQLite store); outbox claims use
 * `FOR UPDATE SKIP LOCKED`, so instances share the queue without handing one message to two of them.
 */
/** Events per page a report reads. */
const FACTS_PAGE = 5_000;

export function openPostgresStore(databaseUrl: string, schema = 'public'): IntakeStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${schema}` });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values);

  let closed = false;

  // One statement per group: the inquiries, their outbox rows and upload references (CREATE_MANY). The
  // adapters are one array parameter, so only inquiries with the same adapters share a statement.
  const commitGroup = async (group: Array<{ inquiry: NewInquiry; adapters: readonly string[] }>): Promise<Outcome<CreateResult>[]> => {
    const column = <T>(f: (i: NewInquiry) => T) => group.map((p) => f(p.inquiry));
    const inserted = await q<{ id: string; seq: number }>(CREATE_MANY, [
      column((i) => i.id),
      column((i) => i.idempotencyKey),
      column((i) => i.bodyHash),
      column((i) => i.receivedAt),
      column((i) => i.firstResponseDue),
      column((i) => i.product),
      column((i) => i.severity),
      column((i) => i.plan),
      column((i) => i.locale),
      column((i) => JSON.stringify(i.data)),
      group[0]!.adapters,
      group.flatMap((p) => p.inquiry.uploadTokens),
    ]);
    const seqs = new Map(inserted.rows.map((r) => [r.id, r.seq]));
    const skipped = group.filter((p) => !seqs.has(p.inquiry.id));
    const existing = skipped.length
      ? (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE idempotency_key = ANY($1::text[])', [skipped.map((p) => p.inquiry.idempotencyKey)])).rows.map(
          toInquiry,
        )
      : [];
    return group.map((p): Outcome<CreateResult> => {
      const seq = seqs.get(p.inquiry.id);
      const { uploadTokens: _tokens, ...fields } = p.inquiry;
      if (seq !== undefined) return { ok: true, value: { created: true, row: { ...fields, seq, state: 'received', stateAt: null } } };
      const row = existing.find((r) => r.idempotencyKey === p.inquiry.idempotencyKey);
      return row ? { ok: true, value: { created: false, row } } : { ok: false, error: new Error('idempotency key conflict without a stored inquiry') };
    });
  };
  const creates = groupCommit({
    commit: commitGroup,
    groupKey: (p) => JSON.stringify(p.adapters),
    maxBatch: MAX_BATCH,
    maxInFlight: MAX_BATCHES_IN_FLIGHT,
  });

  const commitEvents = async (batches: Array<readonly EventRow[]>): Promise<Outcome<void>[]> => {
    const rows = batches.flat();
    const column = <T>(f: (r: EventRow) => T) => rows.map(f);
    const days = rollUp(rows);
    const dayColumn = <T>(f: (d: (typeof days)[number]) => T) => days.map(f);
    await q(SAVE_EVENTS, [
      column((r) => r.receivedAt),
      column((r) => r.day),
      column((r) => r.session),
      column((r) => r.type),
      column((r) => r.locale),
      column((r) => r.surface),
      column((r) => r.product),
      column((r) => r.entry),
      column((r) => r.top),
      column((r) => r.query),
      column((r) => r.results),
      column((r) => r.answered),
      column((r) => r.helpful),
      column((r) => r.reason),
      column((r) => r.text),
      column((r) => r.inquiry),
      column((r) => r.via),
      column((r) => r.rank),
      column((r) => r.at),
      dayColumn((d) => d.day),
      dayColumn((d) => d.type),
      dayColumn((d) => d.locale),
      dayColumn((d) => d.product),
      dayColumn((d) => d.entry),
      dayColumn((d) => d.answered),
      dayColumn((d) => d.helpful),
      dayColumn((d) => d.reason),
      dayColumn((d) => d.count),
    ]);
    return batches.map((): Outcome<void> => ({ ok: true, value: undefined }));
  };
  // 100 batches of at most 50 events: one statement stays well inside PostgreSQL's parameter and size limits.
  const eventWrites = groupCommit({ commit: commitEvents, maxBatch: MAX_EVENT_BATCHES, maxInFlight: MAX_BATCHES_IN_FLIGHT });

  return {
    kind: 'postgres',
    async init() {
      const client = await pool.connect();
      try {
        // Serialize migrations of instances starting together.
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [`kotae-intake:${schema}`]);
        try {
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
          const recorded = await client.query<{ value: Buffer }>(`SELECT value FROM ${schema}.meta WHERE key = 'schema_version'`).then(
            (r) => r.rows[0]?.value,
            (error: { code?: string }) => {
              // 42P01: no meta table yet, a new store.
              if (error.code === '42P01') return undefined;
              throw error;
            },
          );
          refuseNewerSchema(recorded ? Number(recorded.toString('utf8')) : 0, `the PostgreSQL schema ${schema}`);
          await client.query(SCHEMA);
          await client.query(MIGRATE_STATES);
          await client.query(`INSERT INTO ${schema}.meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [
            Buffer.from(String(STORE_SCHEMA_VERSION)),
          ]);
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`kotae-intake:${schema}`]);
        }
      } finally {
        client.release();
      }
    },
    async secret(name) {
      await q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [`secret:${name}`, randomBytes(32)]);
      return (await q<{ value: Buffer }>('SELECT value FROM meta WHERE key = $1', [`secret:${name}`])).rows[0]!.value;
    },
    createInquiry(inquiry: NewInquiry, adapters) {
      return creates.add({ inquiry, adapters });
    },
    async inquiryById(id) {
      if (!UUID.test(id)) return undefined;
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE id = $1', [id])).rows[0];
      return row && toInquiry(row);
    },
    async inquiryByKey(key) {
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE idempotency_key = $1', [key])).rows[0];
      return row && toInquiry(row);
    },
    async inquiryBySeq(seq) {
      if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE seq = $1', [seq])).rows[0];
      return row && toInquiry(row);
    },
    async inquiryByDelivery(adapter, result) {
      const row = (
        await q<InquirySqlRow>('SELECT i.* FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id WHERE o.result = $1 AND o.adapter = $2 LIMIT 1', [
          result,
          adapter,
        ])
      ).rows[0];
      return row && toInquiry(row);
    },
    async forwardingState(inquiryId) {
      return toState(
        (await q<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox WHERE inquiry_id = $1 GROUP BY status', [inquiryId])).rows,
      );
    },
    async recordState(change) {
      if (!UUID.test(change.inquiryId)) return 'unknown';
      const { current, seen, inserted } = (
        await q<{ current: string | null; seen: boolean; inserted: number }>(RECORD_STATE, [
          change.inquiryId,
          change.state,
          change.at,
          change.source,
          change.eventId,
        ])
      ).rows[0]!;
      if (current === null) return 'unknown';
      if (seen) return 'duplicate';
      if (current === change.state) return 'unchanged';
      return inserted ? 'recorded' : 'duplicate';
    },
    async stateHistory(inquiryId) {
      if (!UUID.test(inquiryId)) return [];
      return (await q<StateSqlRow>('SELECT * FROM inquiry_states WHERE inquiry_id = $1 ORDER BY at, id', [inquiryId])).rows.map(toStateChange);
    },
    async saveUpload(u: UploadRecord) {
      await q('INSERT INTO uploads (token, name, type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        u.token,
        u.name,
        u.type,
        u.size,
        u.sha256,
        u.createdAt,
      ]);
    },
    async uploads(tokens) {
      const rows = (await q<UploadSqlRow>('SELECT * FROM uploads WHERE token = ANY($1::text[])', [tokens])).rows;
      return tokens.flatMap((t) => {
        const r = rows.find((row) => row.token === t);
        return r ? [toUpload(r)] : [];
      });
    },
    async deleteUnreferencedUploads(before) {
      return (await q<{ token: string }>('DELETE FROM uploads WHERE NOT referenced AND created_at < $1 RETURNING token', [before])).rows.map((r) => r.token);
    },
    async claimOutbox(adapters, now, limit, leaseMs) {
      const rows = (
        await q<OutboxSqlRow & { inquiry: InquirySqlRow }>(
          `WITH due AS (
           SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
             AND adapter = ANY($4::text[])
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE outbox o SET locked_until = $2, attempts = o.attempts + 1 FROM due WHERE o.id = due.id RETURNING o.*
         )
         SELECT claimed.*, to_jsonb(i.*) AS inquiry FROM claimed JOIN inquiries i ON i.id = claimed.inquiry_id`,
          [now, now + leaseMs, limit, adapters],
        )
      ).rows;
      return rows.map((r): ClaimedMessage => ({ ...toMessage(r), inquiry: toInquiry(r.inquiry) }));
    },
    async markDelivered(id, attempt, result, now) {
      await q(
        `UPDATE outbox SET status = 'delivered', delivered_at = $1, result = $2, locked_until = NULL, last_error = NULL
         WHERE id = $3 AND attempts = $4 AND status = 'pending'`,
        [now, result, id, attempt],
      );
    },
    async markFailed(id, attempt, error, retryAt) {
      await q(
        `UPDATE outbox SET status = $1, next_attempt_at = coalesce($2, next_attempt_at), last_error = $3, locked_until = NULL
         WHERE id = $4 AND attempts = $5 AND status = 'pending'`,
        [retryAt === null ? 'dead' : 'pending', retryAt, error.slice(0, 1000), id, attempt],
      );
    },
    async outboxFor(inquiryId) {
      return (await q<OutboxSqlRow>('SELECT * FROM outbox WHERE inquiry_id = $1 ORDER BY adapter', [inquiryId])).rows.map(toMessage);
    },
    async outboxCounts() {
      return toState((await q<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox GROUP BY status')).rows);
    },
    async requeueDead(now) {
      return (
        (await q(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, locked_until = NULL WHERE status = 'dead'`, [now])).rowCount ?? 0
      );
    },
    async countInquiries() {
      return (await q<{ n: number }>('SELECT count(*)::int AS n FROM inquiries')).rows[0]!.n;
    },
    async listInquiries(filter, page): Promise<InquiryPage> {
      const where = inquiryWhere(filter, 'postgres');
      const limit = pageLimit(page.limit);
      const n = where.params.length;
      const before = page.before === undefined ? '' : ` AND i.seq < $${n + 2}`;
      // The page and the count in one statement: one snapshot, one round trip.
      const count = page.total === false ? '-1' : `(SELECT count(*)::int FROM inquiries i WHERE ${where.sql})`;
      const rows = (
        await q<InquirySqlRow & { total: number }>(
          `WITH items AS (SELECT i.* FROM inquiries i WHERE ${where.sql}${before} ORDER BY i.seq DESC LIMIT $${n + 1})
           SELECT items.*, t.total FROM (SELECT ${count} AS total) t LEFT JOIN items ON true ORDER BY items.seq DESC`,
          [...where.params, limit + 1, ...(page.before === undefined ? [] : [page.before])],
        )
      ).rows;
      const total = rows[0]?.total ?? 0;
      const items = rows
        .filter((r) => r.id !== null)
        .slice(0, limit)
        .map(toInquiry);
      const undelivered = items.length
        ? (
            await q<OutboxSqlRow>(
              `SELECT o.* FROM outbox o JOIN inquiries i ON i.id = o.inquiry_id
               WHERE o.inquiry_id = ANY($1::uuid[]) AND o.status <> 'delivered' ORDER BY i.seq DESC, o.adapter`,
              [items.map((r) => r.id)],
            )
          ).rows.map(toMessage)
        : [];
      return { items, total, next: rows.filter((r) => r.id !== null).length > limit ? items.at(-1)!.seq : null, undelivered };
    },
    async inquiryDetail(id) {
      if (!UUID.test(id)) return undefined;
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE id = $1', [id])).rows[0];
      if (!row) return undefined;
      const inquiry = toInquiry(row);
      const tokens = attachmentTokens(inquiry.data);
      const [outbox, history, uploads] = await Promise.all([
        q<OutboxSqlRow>('SELECT * FROM outbox WHERE inquiry_id = $1 ORDER BY adapter', [id]),
        q<StateSqlRow>('SELECT * FROM inquiry_states WHERE inquiry_id = $1 ORDER BY at, id', [id]),
        q<UploadSqlRow>('SELECT * FROM uploads WHERE token = ANY($1::text[])', [tokens]),
      ]);
      return {
        row: inquiry,
        outbox: outbox.rows.map(toMessage),
        history: history.rows.map(toStateChange),
        uploads: tokens.flatMap((t) => {
          const r = uploads.rows.find((u) => u.token === t);
          return r ? [toUpload(r)] : [];
        }),
      };
    },
    async forwardAgain(inquiryId, adapter, now) {
      if (!UUID.test(inquiryId)) return false;
      const result = await q(
        `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, locked_until = NULL WHERE inquiry_id = $2 AND adapter = $3`,
        [now, inquiryId, adapter],
      );
      return (result.rowCount ?? 0) > 0;
    },
    async queueMissing(adapters, now) {
      if (!adapters.length) return 0;
      // Instances starting together take turns under the lock `init` migrates under: two inserts racing over
      // the same pairs would wait on each other's unique-key locks, and an insert beside another instance's
      // migration (whose DDL locks the tables in another order) would deadlock. The one that waited inserts
      // what is still missing once the first has committed, which is nothing; the unique key stays the guard.
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kotae-intake:${schema}`]);
        const result = await client.query(
          `INSERT INTO outbox (inquiry_id, adapter, next_attempt_at)
           SELECT i.id, a, $2 FROM inquiries i CROSS JOIN unnest($1::text[]) AS a
           WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.inquiry_id = i.id AND o.adapter = a)
           ORDER BY i.seq, a
           ON CONFLICT (inquiry_id, adapter) DO NOTHING`,
          [adapters, now],
        );
        await client.query('COMMIT');
        return result.rowCount ?? 0;
      } catch (error) {
        failure = error as Error;
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release(failure);
      }
    },
    saveEvents(rows) {
      return eventWrites.add(rows);
    },
    async purgeEventsBefore(day) {
      return (await q('DELETE FROM events WHERE day < $1', [day])).rowCount ?? 0;
    },
    inquiriesReceivedBetween(from, to) {
      return paged(
        async (after, limit) =>
          (
            await q<InquirySqlRow>('SELECT * FROM inquiries WHERE received_at >= $1 AND received_at < $2 AND seq > $3 ORDER BY seq LIMIT $4', [
              from,
              to,
              after,
              limit,
            ])
          ).rows.map(toInquiry),
        (r) => r.seq,
      );
    },
    async *eventFactsBetween(from, to) {
      const {
        rows: [range],
      } = await q<{ lo: string | null; hi: string | null }>('SELECT min(id) AS lo, max(id) AS hi FROM events WHERE day >= $1 AND day <= $2', [from, to]);
      if (range?.lo == null || range.hi == null) return;
      for (let after = Number(range.lo) - 1; ; ) {
        const page = (
          await pool.query<EventFacts>({
            text: `SELECT ${EVENT_FACT_COLUMNS} FROM events WHERE id > $1 AND id <= $2 AND day >= $3 AND day <= $4 ORDER BY id LIMIT $5`,
            values: [after, Number(range.hi), from, to, FACTS_PAGE],
            rowMode: 'array',
          })
        ).rows.map((r) => ((r[0] = Number(r[0])), (r[1] = Number(r[1])), r));
        if (page.length) yield page;
        if (page.length < FACTS_PAGE) return;
        after = page.at(-1)![0];
      }
    },
    eventsBetween(from, to) {
      // Events arrive in day order, so a range of days is a range of ids: found on the day index once, then
      // read page by page along the primary key.
      let range: Promise<{ lo: number | null; hi: number | null }> | undefined;
      return pagedEvents(async (after, limit) => {
        range ??= q<{ lo: string | null; hi: string | null }>('SELECT min(id) AS lo, max(id) AS hi FROM events WHERE day >= $1 AND day <= $2', [from, to]).then(
          ({ rows: [r] }) => ({ lo: r?.lo == null ? null : Number(r.lo), hi: r?.hi == null ? null : Number(r.hi) }),
        );
        const { lo, hi } = await range;
        if (lo === null || hi === null) return [];
        return (
          await q<EventSqlRow>('SELECT * FROM events WHERE id > $1 AND id <= $2 AND day >= $3 AND day <= $4 ORDER BY id LIMIT $5', [
            Math.max(after, lo - 1),
            hi,
            from,
            to,
            limit,
          ])
        ).rows.map(toStoredEvent);
      });
    },
    async eventDaysBetween(from, to) {
      return (
        await q<EventDaySqlRow>(
          'SELECT * FROM event_days WHERE day >= $1 AND day <= $2 ORDER BY day, type, locale, product, entry, answered, helpful, reason',
          [from, to],
        )
      ).rows.map(toEventDay);
    },
    async countEvents() {
      return (await q<{ n: number }>('SELECT count(*)::int AS n FROM events')).rows[0]!.n;
    },
    async probe() {
      // One transaction, so that another instance probing at the same moment cannot change the value read.
      const client = await pool.connect();
      let failure: Error | undefined;
      try {
        const value = randomBytes(16);
        await client.query('BEGIN');
        await client.query(`INSERT INTO meta (key, value) VALUES ('probe', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [value]);
        const back = (await client.query<{ value: Buffer }>(`SELECT value FROM meta WHERE key = 'probe'`)).rows[0]?.value;
        await client.query('COMMIT');
        if (!back?.equals(value)) throw new Error('store probe: read back another value');
      } catch (error) {
        failure = error as Error;
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        // A client whose probe failed is dropped rather than pooled: its connection may be the broken part.
        client.release(failure);
      }
    },
    async adminAccount(user) {
      const row = (await q<AdminAccountSqlRow>('SELECT * FROM admin_accounts WHERE "user" = $1', [user])).rows[0];
      return row && toAdminAccount(row);
    },
    async saveAdminAccount(a) {
      await q(
        `INSERT INTO admin_accounts ("user", password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT ("user") DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at`,
        [a.user, a.passwordHash, a.createdAt, a.updatedAt],
      );
    },
    async deleteAdminAccount(user) {
      return ((await q('DELETE FROM admin_accounts WHERE "user" = $1', [user])).rowCount ?? 0) > 0;
    },
    async listAdminAccounts() {
      return (await q<AdminAccountSqlRow>('SELECT * FROM admin_accounts ORDER BY "user" COLLATE "C"')).rows.map(toAdminAccount);
    },
    async saveAdminSession(s) {
      await q('INSERT INTO admin_sessions (id_hash, "user", via, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        s.idHash,
        s.user,
        s.via,
        s.createdAt,
        s.lastSeenAt,
        s.expiresAt,
      ]);
    },
    async adminSession(idHash) {
      const row = (await q<AdminSessionSqlRow>('SELECT * FROM admin_sessions WHERE id_hash = $1', [idHash])).rows[0];
      return row && toAdminSession(row);
    },
    async touchAdminSession(idHash, lastSeenAt) {
      await q('UPDATE admin_sessions SET last_seen_at = greatest(last_seen_at, $1) WHERE id_hash = $2', [lastSeenAt, idHash]);
    },
    async deleteAdminSession(idHash) {
      await q('DELETE FROM admin_sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteAdminSessionsOf(user) {
      return (await q('DELETE FROM admin_sessions WHERE "user" = $1', [user])).rowCount ?? 0;
    },
    async purgeAdminSessions(now, idleBefore) {
      return (await q('DELETE FROM admin_sessions WHERE expires_at <= $1 OR last_seen_at < $2', [now, idleBefore])).rowCount ?? 0;
    },
    async close() {
      if (closed) return;
      closed = true;
      await creates.close();
      await eventWrites.close();
      await pool.end();
    },
  };
}

/** True when a PostgreSQL server answers at `url` within `timeoutMs` (for tests and benchmarks choosing a store). */
export async function postgresReachable(url: string, timeoutMs = 3_000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

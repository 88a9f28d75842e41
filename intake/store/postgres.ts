import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type {
  ClaimedMessage,
  ForwardingState,
  InquiryRow,
  IntakeStore,
  NewInquiry,
  OutboxMessage,
  UploadRecord,
} from './store.ts';

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
CREATE TABLE IF NOT EXISTS uploads (
  token text PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL,
  created_at bigint NOT NULL
);
`;

// One statement, so one round trip and one commit: the inquiry and its outbox rows, or nothing when the
// idempotency key is taken.
const CREATE = `
WITH ins AS (
  INSERT INTO inquiries (id, idempotency_key, body_hash, received_at, first_response_due, product, severity, plan, locale, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  ON CONFLICT (idempotency_key) DO NOTHING
  RETURNING id, seq
), box AS (
  INSERT INTO outbox (inquiry_id, adapter, next_attempt_at)
  SELECT ins.id, a, $4 FROM ins, unnest($11::text[]) AS a
)
SELECT seq FROM ins`;

interface InquirySqlRow {
  seq: number;
  id: string;
  idempotency_key: string;
  body_hash: string;
  received_at: number;
  first_response_due: number;
  product: string;
  severity: string;
  plan: string;
  locale: string;
  data: Record<string, unknown>;
}

interface OutboxSqlRow {
  id: string;
  inquiry_id: string;
  adapter: string;
  status: OutboxMessage['status'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
  result: string | null;
}

/**
 * The PostgreSQL store, for several intake instances on one database. Every write is one committed
 * statement (PostgreSQL's own WAL flush makes it durable before we answer); outbox claims use
 * `FOR UPDATE SKIP LOCKED`, so instances share the queue without handing one message to two of them.
 */
export function openPostgresStore(databaseUrl: string, schema = 'public'): IntakeStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${schema}` });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values);

  return {
    kind: 'postgres',
    async init() {
      const client = await pool.connect();
      try {
        // Serialize migrations of instances starting together.
        await client.query('SELECT pg_advisory_lock(hashtext($1))', [`kotae-intake:${schema}`]);
        try {
          await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
          await client.query(SCHEMA);
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
    async createInquiry(inquiry: NewInquiry, adapters) {
      const i = inquiry;
      const inserted = await q<{ seq: number }>(CREATE, [
        i.id,
        i.idempotencyKey,
        i.bodyHash,
        i.receivedAt,
        i.firstResponseDue,
        i.product,
        i.severity,
        i.plan,
        i.locale,
        JSON.stringify(i.data),
        adapters,
      ]);
      const row = inserted.rows[0];
      if (row) return { created: true, row: { ...inquiry, seq: row.seq } };
      const existing = await this.inquiryByKey(inquiry.idempotencyKey);
      if (!existing) throw new Error('idempotency key conflict without a stored inquiry');
      return { created: false, row: existing };
    },
    async inquiryById(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE id = $1', [id])).rows[0];
      return row && toInquiry(row);
    },
    async inquiryByKey(key) {
      const row = (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE idempotency_key = $1', [key])).rows[0];
      return row && toInquiry(row);
    },
    async forwardingState(inquiryId) {
      return toState((await q<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM outbox WHERE inquiry_id = $1 GROUP BY status', [inquiryId])).rows);
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
      const rows = (await q<{ token: string; name: string; type: string; size: number; sha256: string; created_at: number }>(
        'SELECT * FROM uploads WHERE token = ANY($1::text[])',
        [tokens],
      )).rows;
      return tokens.flatMap((t) => {
        const r = rows.find((row) => row.token === t);
        return r ? [{ token: r.token, name: r.name, type: r.type, size: r.size, sha256: r.sha256, createdAt: r.created_at }] : [];
      });
    },
    async claimOutbox(adapters, now, limit, leaseMs) {
      const rows = (await q<OutboxSqlRow & { inquiry: InquirySqlRow }>(
        `WITH due AS (
           SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
             AND adapter = ANY($4::text[])
           ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE outbox o SET locked_until = $2, attempts = o.attempts + 1 FROM due WHERE o.id = due.id RETURNING o.*
         )
         SELECT claimed.*, to_jsonb(i.*) AS inquiry FROM claimed JOIN inquiries i ON i.id = claimed.inquiry_id`,
        [now, now + leaseMs, limit, adapters],
      )).rows;
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
      return (await q(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, locked_until = NULL WHERE status = 'dead'`, [now])).rowCount ?? 0;
    },
    async countInquiries() {
      return (await q<{ n: number }>('SELECT count(*)::int AS n FROM inquiries')).rows[0]!.n;
    },
    async close() {
      await pool.end();
    },
  };
}

function toInquiry(r: InquirySqlRow): InquiryRow {
  return {
    seq: Number(r.seq),
    id: r.id,
    idempotencyKey: r.idempotency_key,
    bodyHash: r.body_hash,
    receivedAt: Number(r.received_at),
    firstResponseDue: Number(r.first_response_due),
    product: r.product,
    severity: r.severity,
    plan: r.plan,
    locale: r.locale,
    data: r.data,
  };
}

function toMessage(r: OutboxSqlRow): OutboxMessage {
  return {
    id: r.id,
    inquiryId: r.inquiry_id,
    adapter: r.adapter,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: Number(r.next_attempt_at),
    lastError: r.last_error,
    deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
    result: r.result,
  };
}

function toState(rows: Array<{ status: string; n: number }>): ForwardingState {
  const state: ForwardingState = { pending: 0, delivered: 0, dead: 0 };
  for (const { status, n } of rows) if (status in state) state[status as keyof ForwardingState] = Number(n);
  return state;
}

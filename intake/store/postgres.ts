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
  created_at bigint NOT NULL,
  referenced boolean NOT NULL DEFAULT false
);
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

/** Batches committing at once; more arrivals wait and go together into the next one (group commit). */
const MAX_BATCHES_IN_FLIGHT = 4;
const MAX_BATCH = 200;

interface PendingCreate {
  inquiry: NewInquiry;
  adapters: readonly string[];
  resolve: (value: { created: boolean; row: InquiryRow }) => void;
  reject: (error: unknown) => void;
}

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
 * statement (PostgreSQL's own WAL flush makes it durable before we answer); inquiries arriving together
 * are inserted by one statement per batch (group commit, as in the SQLite store); outbox claims use
 * `FOR UPDATE SKIP LOCKED`, so instances share the queue without handing one message to two of them.
 */
export function openPostgresStore(databaseUrl: string, schema = 'public'): IntakeStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: `-c search_path=${schema}` });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => pool.query<R>(text, values);

  let queue: PendingCreate[] = [];
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let drained: (() => void) | undefined;

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    scheduled = false;
    while (queue.length && inFlight < MAX_BATCHES_IN_FLIGHT) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      inFlight++;
      void commit(batch).finally(() => {
        inFlight--;
        if (queue.length) schedule();
        else if (!inFlight) drained?.();
      });
    }
  };

  const commit = async (batch: PendingCreate[]): Promise<void> => {
    const groups = new Map<string, PendingCreate[]>();
    for (const p of batch) {
      const key = JSON.stringify(p.adapters);
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      try {
        await commitGroup(group);
      } catch (error) {
        // One bad item must not fail its neighbours: retry them one by one.
        if (group.length === 1) group[0]!.reject(error);
        else for (const p of group) await commitGroup([p]).catch((e: unknown) => p.reject(e));
      }
    }
  };

  const commitGroup = async (group: PendingCreate[]): Promise<void> => {
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
      ? (await q<InquirySqlRow>('SELECT * FROM inquiries WHERE idempotency_key = ANY($1::text[])', [skipped.map((p) => p.inquiry.idempotencyKey)])).rows.map(toInquiry)
      : [];
    for (const p of group) {
      const seq = seqs.get(p.inquiry.id);
      const { uploadTokens: _tokens, ...fields } = p.inquiry;
      if (seq !== undefined) p.resolve({ created: true, row: { ...fields, seq } });
      else {
        const row = existing.find((r) => r.idempotencyKey === p.inquiry.idempotencyKey);
        if (row) p.resolve({ created: false, row });
        else p.reject(new Error('idempotency key conflict without a stored inquiry'));
      }
    }
  };

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
    createInquiry(inquiry: NewInquiry, adapters) {
      if (closed) return Promise.reject(new Error('store closed'));
      return new Promise((resolve, reject) => {
        queue.push({ inquiry, adapters, resolve, reject });
        schedule();
      });
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
    async deleteUnreferencedUploads(before) {
      return (await q<{ token: string }>('DELETE FROM uploads WHERE NOT referenced AND created_at < $1 RETURNING token', [before])).rows.map((r) => r.token);
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
    async close() {
      if (closed) return;
      closed = true;
      if (queue.length || inFlight) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          schedule();
        });
      }
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

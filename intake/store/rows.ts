import type { InquiryState } from '../../content/schema/index.ts';
import type { ForwardingState, InquiryRow, OutboxMessage, StateChange, StoredInquiryData, UploadRecord } from './store.ts';

/**
 * Rows as both databases return them (same column names) and the records the rest of the intake sees.
 * The differences are in the values: PostgreSQL hands `bigint` columns over as numbers (see the type
 * parser in postgres.ts) or, inside `to_jsonb`, as JSON numbers, and `data` as parsed `jsonb`; SQLite hands
 * `data` over as TEXT.
 */

export interface InquirySqlRow {
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
  /** JSON text (SQLite) or the parsed `jsonb` (PostgreSQL). */
  data: string | StoredInquiryData;
  state: InquiryState;
  state_at: number | null;
}

export interface StateSqlRow {
  inquiry_id: string;
  state: InquiryState;
  at: number;
  source: string;
  event_id: string;
}

export interface OutboxSqlRow {
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

export interface UploadSqlRow {
  token: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  created_at: number;
}

/** Rows read page by page after the last key seen, so a large table never sits in memory at once. */
export async function* paged<T>(page: (after: number, limit: number) => Promise<T[]>, keyOf: (row: T) => number, pageSize = 1000): AsyncGenerator<T> {
  let after = 0;
  for (;;) {
    const rows = await page(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = keyOf(rows.at(-1)!);
  }
}

export function toInquiry(r: InquirySqlRow): InquiryRow {
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
    data: typeof r.data === 'string' ? (JSON.parse(r.data) as StoredInquiryData) : r.data,
    // Rows read through a column list that leaves the state out are `received`.
    state: r.state ?? 'received',
    stateAt: r.state_at == null ? null : Number(r.state_at),
  };
}

/** The upload tokens an inquiry's stored data references (`attachments[].token`). */
export function attachmentTokens(data: StoredInquiryData): string[] {
  const list = data.attachments;
  return Array.isArray(list) ? list.flatMap((a) => (typeof (a as { token?: unknown })?.token === 'string' ? [(a as { token: string }).token] : [])) : [];
}

export function toStateChange(r: StateSqlRow): StateChange {
  return { inquiryId: r.inquiry_id, state: r.state, at: Number(r.at), source: r.source, eventId: r.event_id };
}

export function toMessage(r: OutboxSqlRow): OutboxMessage {
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

export function toUpload(r: UploadSqlRow): UploadRecord {
  return { token: r.token, name: r.name, type: r.type, size: r.size, sha256: r.sha256, createdAt: r.created_at };
}

/** Counts of outbox messages by status, from `SELECT status, count(*) AS n … GROUP BY status`. */
export function toState(rows: Array<{ status: string; n: number }>): ForwardingState {
  const state: ForwardingState = { pending: 0, delivered: 0, dead: 0 };
  for (const { status, n } of rows) if (status in state) state[status as keyof ForwardingState] = Number(n);
  return state;
}

import type { InquiryState } from '../../content/schema/index.ts';
import type { EventDayRow, EventFacts, EventRow, StoredEvent } from './event-rows.ts';

/**
 * The durable store behind the intake: inquiries (with their idempotency keys), the forwarding outbox,
 * uploads, service secrets, and anonymous self-service events with their daily roll-ups. Two implementations keep the same promises:
 * - `sqlite.ts`: embedded, one file in WAL mode with `synchronous=FULL`; one process.
 * - `postgres.ts`: PostgreSQL, for several instances behind a load balancer.
 * They share the group-commit queue (`group-commit.ts`) and the row mappers (`rows.ts`). What the promises
 * below mean for a customer when something fails: `intake/README.md`.
 *
 * Promises every implementation keeps:
 * - `createInquiry` resolves only after the inquiry and its outbox messages are committed durably, in one
 *   transaction; an idempotency key is stored at most once, and a second create with the same key returns
 *   the stored inquiry with `created: false`.
 * - `claimOutbox` hands a message to one worker at a time (a lease); a worker that dies loses its lease and
 *   the message is claimed again, so delivery is at least once and adapters pass a stable message id on.
 * - `saveEvents` commits a batch's raw events and its roll-up increments in one transaction: all of them or
 *   none. Roll-ups are upserts (`count = count + excluded.count`), safe with several instances at once.
 */

/** What the service stores for an accepted inquiry. `data` is the JSON forwarded to support. */
export interface NewInquiry {
  id: string;
  idempotencyKey: string;
  /** SHA-256 of the canonical request body, to tell a retry from a different inquiry under the same key. */
  bodyHash: string;
  receivedAt: number;
  firstResponseDue: number;
  product: string;
  severity: string;
  plan: string;
  locale: string;
  /** Uploads the inquiry references; they are kept from then on. */
  uploadTokens: readonly string[];
  data: StoredInquiryData;
}

/** An inquiry as stored; `seq` gives the ticket number. */
export interface InquiryRow extends Omit<NewInquiry, 'uploadTokens'> {
  seq: number;
  /** The latest state recorded (`received` until one is), and when it was reached (null: at `receivedAt`). */
  state: InquiryState;
  stateAt: number | null;
}

/** A state an inquiry reached, as the outbox or a helpdesk's status hook reports it. */
export interface StateChange {
  inquiryId: string;
  state: InquiryState;
  /** When it happened (epoch ms) by the reporter's clock: the latest `at` decides the current state. */
  at: number;
  /** Who reported it: `outbox`, `zendesk`, `status-hook`… */
  source: string;
  /** The reporter's event id; an id seen before is a replay and changes nothing. */
  eventId: string;
}

/**
 * What `recordState` did: `recorded` (in the history; current state if it is the latest), `duplicate` (the
 * event id was seen before), `unchanged` (the inquiry is in that state already), `unknown` (no such inquiry).
 */
export type StateOutcome = 'recorded' | 'duplicate' | 'unchanged' | 'unknown';

/** What `createInquiry` resolves to: the stored row, and whether this call stored it. */
export interface CreateResult {
  /** False when an inquiry under the same idempotency key was stored before; `row` is that one. */
  created: boolean;
  row: InquiryRow;
}

/** The inquiry as support receives it (see `intake/inquiry-record.ts`). */
export type StoredInquiryData = Record<string, unknown>;

export interface UploadRecord {
  token: string;
  /** File name as given by the customer, cleaned. */
  name: string;
  /** Media type decided from the file's bytes. */
  type: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export interface OutboxMessage {
  /** Stable across retries: the webhook-id, email Message-ID and Zendesk Idempotency-Key derive from it. */
  id: string;
  inquiryId: string;
  adapter: string;
  status: OutboxStatus;
  /** Attempts started so far, including the one in progress when claimed. */
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  deliveredAt: number | null;
  /** What the destination answered, e.g. a Zendesk ticket id. */
  result: string | null;
}

export interface ClaimedMessage extends OutboxMessage {
  inquiry: InquiryRow;
}

export interface ForwardingState {
  pending: number;
  delivered: number;
  dead: number;
}

/** A local account of the support console (`npm run intake -- admin add USER`). */
export interface AdminAccount {
  user: string;
  /** `scrypt$…`: the salted hash with its parameters (intake/admin/passwords.ts); never the password. */
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

/** A signed-in console session. Only the SHA-256 of its token is stored, so a copy of the table signs nobody in. */
export interface AdminSession {
  /** Hex SHA-256 of the session token the browser holds. */
  idHash: string;
  user: string;
  /** How the user signed in: a local account's password, or the configured OpenID Connect issuer. */
  via: 'password' | 'oidc';
  createdAt: number;
  /** Last request seen (updated at most once a minute), for the idle timeout. */
  lastSeenAt: number;
  /** The absolute end of the session, whatever the activity. */
  expiresAt: number;
}

export interface IntakeStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Creates or migrates the tables; safe to call from several instances at once. */
  init(): Promise<void>;
  /** A random secret of 32 bytes stored under `name`, created once and shared by every instance. */
  secret(name: string): Promise<Buffer>;
  /** Stores an inquiry with one outbox message per adapter, or returns the one stored under the same key. */
  createInquiry(inquiry: NewInquiry, adapters: readonly string[]): Promise<CreateResult>;
  inquiryById(id: string): Promise<InquiryRow | undefined>;
  inquiryByKey(idempotencyKey: string): Promise<InquiryRow | undefined>;
  /** The inquiry numbered `seq` (the digits of its ticket number). */
  inquiryBySeq(seq: number): Promise<InquiryRow | undefined>;
  /** The inquiry whose message to `adapter` was delivered with `result` (what the destination answered, e.g. `zendesk:1234`). */
  inquiryByDelivery(adapter: string, result: string): Promise<InquiryRow | undefined>;
  forwardingState(inquiryId: string): Promise<ForwardingState>;
  /** Records a state change once per event id; see {@link StateOutcome}. */
  recordState(change: StateChange): Promise<StateOutcome>;
  /** The states recorded for an inquiry after `received`, oldest first. */
  stateHistory(inquiryId: string): Promise<StateChange[]>;
  saveUpload(upload: UploadRecord): Promise<void>;
  uploads(tokens: readonly string[]): Promise<UploadRecord[]>;
  /** Forgets uploads created before `before` that no inquiry references; returns their tokens. */
  deleteUnreferencedUploads(before: number): Promise<string[]>;
  /** Leases up to `limit` due messages for these adapters until `now + leaseMs` and counts the attempt. */
  claimOutbox(adapters: readonly string[], now: number, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Records success of the attempt numbered `attempt`; ignored when the lease was lost to another worker. */
  markDelivered(id: string, attempt: number, result: string | null, now: number): Promise<void>;
  /** Records a failed attempt: retry at `retryAt`, or dead-letter the message when `retryAt` is null. */
  markFailed(id: string, attempt: number, error: string, retryAt: number | null): Promise<void>;
  /** Messages of one inquiry (for tests and operators). */
  outboxFor(inquiryId: string): Promise<OutboxMessage[]>;
  outboxCounts(): Promise<ForwardingState>;
  /** Puts dead-lettered messages back in the queue; returns how many. */
  requeueDead(now: number): Promise<number>;
  countInquiries(): Promise<number>;
  /**
   * Inquiries matching `filter`, newest first (by number), one page at a time, with the exact number matching
   * and the page's undelivered messages; see `inquiry-query.ts`.
   *
   * @example
   * let before: number | undefined;
   * do { const page = await store.listInquiries({ states: ['received'] }, { limit: 50, before }); …; before = page.next ?? undefined; } while (before);
   */
  listInquiries(filter: InquiryFilter, page: PageRequest): Promise<InquiryPage>;
  /** One inquiry with its messages, state history and uploads; undefined when there is no such inquiry. */
  inquiryDetail(id: string): Promise<InquiryDetail | undefined>;
  /**
   * Puts the inquiry's message for `adapter` back in the queue whatever its status: pending, due at `now`,
   * attempts from 0, the same message id (so the webhook-id, Message-ID and Zendesk key stay the same). The
   * outbox of any running instance configured with that adapter delivers it at its next poll. False when the
   * inquiry has no message for that adapter.
   */
  forwardAgain(inquiryId: string, adapter: string, now: number): Promise<boolean>;
  /**
   * Queues a message, due at `now`, for every inquiry that has none for one of `adapters` (a destination
   * configured after it arrived); returns how many. Exactly once per inquiry and adapter, also when several
   * instances run it at once (the outbox's unique key, `ON CONFLICT DO NOTHING`). The intake runs it at start.
   */
  queueMissing(adapters: readonly string[], now: number): Promise<number>;
  /** Inquiries received in [from, to) (epoch ms), oldest first, read page by page. */
  inquiriesReceivedBetween(from: number, to: number): AsyncIterable<InquiryRow>;
  /**
   * Stores one batch of events (raw rows and their day's roll-ups) in one commit; resolves once committed.
   * Batches arriving together share a commit (group commit); a failing batch fails alone.
   */
  saveEvents(rows: readonly EventRow[]): Promise<void>;
  /** Deletes raw events of days before `day` (`YYYY-MM-DD`, UTC); roll-ups stay. Returns how many went. */
  purgeEventsBefore(day: string): Promise<number>;
  /** Raw events of the days `from` to `to` (both included), read page by page in the order stored. */
  eventsBetween(from: string, to: string): AsyncIterable<StoredEvent>;
  /** The same events as {@link EventFacts} tuples, in pages (arrays) of up to a few thousand: what reports read. */
  eventFactsBetween(from: string, to: string): AsyncIterable<EventFacts[]>;
  /** Daily roll-ups of the days `from` to `to` (both included), by day. */
  eventDaysBetween(from: string, to: string): Promise<EventDayRow[]>;
  countEvents(): Promise<number>;
  /**
   * Writes a row and reads it back, for readiness checks: rejects when the store cannot take a write now
   * (disk full, database read-only or gone). Overwrites the same row every time.
   */
  probe(): Promise<void>;
  /** The local console account named `user`, if any. */
  adminAccount(user: string): Promise<AdminAccount | undefined>;
  /** Creates the account, or replaces its password hash (keeping `createdAt`). */
  saveAdminAccount(account: AdminAccount): Promise<void>;
  /** Deletes the account; false when there was none. Its sessions stay until `deleteAdminSessionsOf`. */
  deleteAdminAccount(user: string): Promise<boolean>;
  /** Every local account, by name. */
  listAdminAccounts(): Promise<AdminAccount[]>;
  saveAdminSession(session: AdminSession): Promise<void>;
  adminSession(idHash: string): Promise<AdminSession | undefined>;
  touchAdminSession(idHash: string, lastSeenAt: number): Promise<void>;
  deleteAdminSession(idHash: string): Promise<void>;
  /** Signs `user` out everywhere (after a password change or the account's removal); returns how many. */
  deleteAdminSessionsOf(user: string): Promise<number>;
  /** Deletes sessions past their absolute end (`expiresAt <= now`) or idle since before `idleBefore`. */
  purgeAdminSessions(now: number, idleBefore: number): Promise<number>;
  /** Flushes pending writes and releases the database. */
  close(): Promise<void>;
}

/*
 * The queries of the team's console and the `inquiries` CLI (re-exported by `inquiry-query.ts`, where they
 * are documented as the contract): defined here, beside the records they return, so that the store's
 * interface and its query types are one module rather than two that import each other.
 */

/** Every field narrows; an absent field does not (an empty `states` list matches nothing). */
export interface InquiryFilter {
  states?: readonly InquiryState[];
  product?: string;
  problemType?: string;
  severity?: string;
  plan?: string;
  /** Received in [receivedFrom, receivedTo), epoch ms. */
  receivedFrom?: number;
  receivedTo?: number;
  /**
   * Words anywhere in the number, summary, description, what was tried (the searches typed before asking) or
   * the contact's name and email (Japanese too: substring, no word breaks needed; case, full-width and
   * half-width forms folded: NFKC + lower case). `KT-000042`, `000042` or `42` also finds that number.
   */
  text?: string;
  /** Only inquiries a destination has not received yet (a message pending or dead-lettered). */
  undelivered?: boolean;
}

/** Newest first: `before` is the `next` of the previous page (a `seq`), absent for the first page. */
export interface PageRequest {
  /** 1 to 1,000 (`MAX_PAGE` in `inquiry-where.ts`); more is read as 1,000. */
  limit: number;
  before?: number;
  /**
   * False skips counting the matches (the page's `total` is then -1): for reading every page, as the export
   * does, where counting again on each page would read the table once per page.
   */
  total?: boolean;
}

export interface InquiryPage {
  items: InquiryRow[];
  /** How many inquiries match the filter in all; -1 when the request said `total: false`. */
  total: number;
  /** Pass as `before` for the next page; null on the last page. */
  next: number | null;
  /**
   * The messages of these items that a destination has not received yet (pending or dead-lettered), in the
   * order of the items, then by adapter: what the list shows as "waiting for" with the last error and next attempt.
   */
  undelivered: OutboxMessage[];
}

/** One inquiry with everything the team needs to work it. */
export interface InquiryDetail {
  row: InquiryRow;
  /** One message per destination: attempts, last error, next attempt, what the destination answered. */
  outbox: OutboxMessage[];
  /** States reported after `received`, oldest first. */
  history: StateChange[];
  uploads: UploadRecord[];
}

/** `KT-000042`: the number customers and agents quote. */
export function ticketNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(6, '0')}`;
}

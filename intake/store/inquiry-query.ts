import type { InquiryState } from '../../content/schema/index.ts';
import type { InquiryRow, OutboxMessage, StateChange, UploadRecord } from './store.ts';

/**
 * How the team's console and the `inquiries` CLI ask the store for inquiries: one filter, one page shape,
 * one detail record, the same on SQLite and PostgreSQL.
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
}

export interface InquiryPage {
  items: InquiryRow[];
  /** How many inquiries match the filter in all. */
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

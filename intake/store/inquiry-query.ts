import type { InquiryState } from '../../content/schema/index.ts';
import type { InquiryRow, OutboxMessage, StateChange, UploadRecord } from './store.ts';

/**
 * How the team's console and the `inquiries` CLI ask the store for inquiries: one filter, one page shape,
 * one detail record, the same on SQLite and PostgreSQL.
 */

/** Every field narrows; an absent field does not. */
export interface InquiryFilter {
  states?: readonly InquiryState[];
  product?: string;
  problemType?: string;
  severity?: string;
  plan?: string;
  /** Received in [receivedFrom, receivedTo), epoch ms. */
  receivedFrom?: number;
  receivedTo?: number;
  /** Words anywhere in the number, summary, description, what was tried or the contact (Japanese too: substring, no word breaks needed). */
  text?: string;
  /** Only inquiries a destination has not received yet (a message pending or dead-lettered). */
  undelivered?: boolean;
}

/** Newest first: `before` is the `next` of the previous page (a `seq`), absent for the first page. */
export interface PageRequest {
  limit: number;
  before?: number;
}

export interface InquiryPage {
  items: InquiryRow[];
  /** How many inquiries match the filter in all. */
  total: number;
  /** Pass as `before` for the next page; null on the last page. */
  next: number | null;
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

import type { InquiryFilter, InquiryPage } from './store/inquiry-query.ts';
import { MAX_PAGE } from './store/inquiry-where.ts';
import { ticketNumber, type InquiryRow, type IntakeStore, type OutboxMessage } from './store/store.ts';

/**
 * Inquiries out of the store for a spreadsheet or another program, read page by page (newest first) so that
 * 100,000 of them never sit in memory at once:
 *
 * - **CSV** for people: UTF-8 with a byte order mark (so Excel reads Japanese as UTF-8 instead of the
 *   system's code page), RFC 4180 quoting, CRLF line ends. Headers are stable ids (`number`, `received_at`…),
 *   not localized: scripts and saved spreadsheet formulas keep working whatever the operator's language.
 *   Values are what is stored (product and problem type ids, ISO 8601 UTC times). A cell that starts with
 *   `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet shows a customer's
 *   text instead of running it as a formula (OWASP's CSV injection advice).
 * - **JSON Lines** for programs: per line, the number, id, state and undelivered destinations beside the
 *   stored inquiry (`data`) exactly as support received it.
 */

/** The CSV's columns, in order. */
export const CSV_COLUMNS = [
  'number',
  'received_at',
  'state',
  'product',
  'problem_type',
  'severity',
  'plan',
  'reply_by',
  'summary',
  'contact_name',
  'contact_email',
  'undelivered',
] as const;

export interface ExportOptions {
  /** `KT` in `KT-000042` (the intake's `ticketPrefix`). */
  ticketPrefix: string;
  /** Inquiries per page read from the store (at most 1,000). */
  pageSize?: number;
}

/** Every page of inquiries matching `filter`, newest first; the first page has the total when `counted`. */
export async function* inquiryPages(store: IntakeStore, filter: InquiryFilter, pageSize = MAX_PAGE, counted = true): AsyncGenerator<InquiryPage> {
  let before: number | undefined;
  do {
    // Counted on the first page at most: the total does not change while we read, and each count reads the table.
    const total = counted && before === undefined;
    const page = await store.listInquiries(filter, before === undefined ? { limit: pageSize, total } : { limit: pageSize, before, total });
    yield page;
    before = page.next ?? undefined;
  } while (before !== undefined);
}

/** Each inquiry of each page with its messages that have not been delivered yet. */
async function* inquiriesWithWaiting(store: IntakeStore, filter: InquiryFilter, pageSize?: number): AsyncGenerator<[InquiryRow, OutboxMessage[]]> {
  for await (const page of inquiryPages(store, filter, pageSize, false)) {
    const waiting = new Map<string, OutboxMessage[]>();
    for (const m of page.undelivered) waiting.set(m.inquiryId, [...(waiting.get(m.inquiryId) ?? []), m]);
    for (const row of page.items) yield [row, waiting.get(row.id) ?? []];
  }
}

/** One CSV field: quoted when it holds a quote, comma or line break; formula starts neutralised. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v));
const iso = (ms: number) => new Date(ms).toISOString();

/** The CSV's values for one inquiry, in {@link CSV_COLUMNS} order. */
export function csvValues(row: InquiryRow, waiting: readonly OutboxMessage[], ticketPrefix: string): string[] {
  const d = row.data as { problem_type?: unknown; summary?: unknown; contact?: { name?: unknown; email?: unknown } };
  return [
    ticketNumber(ticketPrefix, row.seq),
    iso(row.receivedAt),
    row.state,
    row.product,
    text(d.problem_type),
    row.severity,
    row.plan,
    iso(row.firstResponseDue),
    text(d.summary),
    text(d.contact?.name),
    text(d.contact?.email),
    waiting.map((m) => m.adapter).join(' '),
  ];
}

/** The CSV as chunks (the BOM and header, then one chunk per page), ready to write to a stream. */
export async function* inquiriesCsv(store: IntakeStore, filter: InquiryFilter, options: ExportOptions): AsyncGenerator<string> {
  yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`;
  let chunk = '';
  let rows = 0;
  for await (const [row, waiting] of inquiriesWithWaiting(store, filter, options.pageSize)) {
    chunk += `${csvValues(row, waiting, options.ticketPrefix).map(csvCell).join(',')}\r\n`;
    if (++rows % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** One JSON Lines record: the number, id, state and waiting destinations beside the stored inquiry. */
export function jsonLine(row: InquiryRow, waiting: readonly OutboxMessage[], ticketPrefix: string): string {
  return JSON.stringify({
    number: ticketNumber(ticketPrefix, row.seq),
    id: row.id,
    state: row.state,
    state_at: row.stateAt === null ? null : iso(row.stateAt),
    undelivered: waiting.map((m) => ({ adapter: m.adapter, status: m.status, last_error: m.lastError, next_attempt_at: iso(m.nextAttemptAt) })),
    data: row.data,
  });
}

/** The JSON Lines export as chunks of lines ending in `\n`. */
export async function* inquiriesJsonLines(store: IntakeStore, filter: InquiryFilter, options: ExportOptions): AsyncGenerator<string> {
  let chunk = '';
  let rows = 0;
  for await (const [row, waiting] of inquiriesWithWaiting(store, filter, options.pageSize)) {
    chunk += `${jsonLine(row, waiting, options.ticketPrefix)}\n`;
    if (++rows % 500 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

import type { SelfServiceEvent } from '../../content/schema/index.ts';
import type { EventFacts } from '../store/event-rows.ts';
import type { IntakeStore } from '../store/store.ts';
import type { ReportEvent, ReportInquiry, ReportOptions } from './report.ts';

const DAY_MS = 86_400_000;

/**
 * Reads what a report over `options` needs from the intake's store: the facts of the range's raw events, and
 * the inquiries of the range and of the period of the same length before it (for the trend).
 */
export async function readReportRows(
  store: IntakeStore,
  options: Pick<ReportOptions, 'since' | 'until'>,
): Promise<{ events: ReportEvent[]; inquiries: ReportInquiry[] }> {
  const events: ReportEvent[] = [];
  for await (const page of store.eventFactsBetween(options.since, options.until)) for (const facts of page) events.push(reportEvent(facts));
  const from = Date.parse(`${options.since}T00:00:00Z`);
  const to = Date.parse(`${options.until}T00:00:00Z`) + DAY_MS;
  const inquiries: ReportInquiry[] = [];
  for await (const row of store.inquiriesReceivedBetween(from - (to - from), to)) {
    const data = row.data as { resource?: string; problem_type?: string };
    inquiries.push({
      id: row.id,
      received_at: new Date(row.receivedAt).toISOString(),
      locale: row.locale,
      product: row.product,
      resource: data.resource,
      problem_type: data.problem_type ?? '',
      severity: row.severity,
    });
  }
  return { events, inquiries };
}

/** The fields of a stored event a report reads, in the shape it was sent in (absent values left out). */
export function reportEvent([, receivedAt, session, type, locale, product, entry, query, answered, helpful, reason, at]: EventFacts): ReportEvent {
  const event: Record<string, unknown> = { type, session, at, locale, received_at: receivedAt };
  if (product !== null) event.product = product;
  if (entry !== null) event.entry = entry;
  if (query !== null) event.query = query;
  if (answered !== null) event.answered = Boolean(answered);
  if (helpful !== null) event.helpful = Boolean(helpful);
  if (reason !== null) event.reason = reason;
  return event as SelfServiceEvent & { received_at: number };
}

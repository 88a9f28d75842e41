import type { SelfServiceEvent } from '../../content/schema/index.ts';
import type { StoredEvent } from '../store/event-rows.ts';
import type { IntakeStore } from '../store/store.ts';
import type { ReportEvent, ReportInquiry, ReportOptions } from './report.ts';

const DAY_MS = 86_400_000;

/**
 * Reads what a report over `options` needs from the intake's store: the raw events of the range, and the
 * inquiries of the range and of the period of the same length before it (for the trend).
 */
export async function readReportRows(
  store: IntakeStore,
  options: Pick<ReportOptions, 'since' | 'until'>,
): Promise<{ events: ReportEvent[]; inquiries: ReportInquiry[] }> {
  const events: ReportEvent[] = [];
  for await (const row of store.eventsBetween(options.since, options.until)) events.push(reportEvent(row));
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

/** A stored event back in the shape it was sent in (absent values left out), with its receipt time. */
export function reportEvent(row: StoredEvent): ReportEvent {
  const event: Record<string, unknown> = { type: row.type, session: row.session, at: row.at, locale: row.locale, surface: row.surface };
  const optional = {
    product: row.product,
    entry: row.entry,
    top: row.top,
    query: row.query,
    results: row.results,
    answered: row.answered,
    helpful: row.helpful,
    reason: row.reason,
    text: row.text,
    inquiry: row.inquiry,
    via: row.via,
    rank: row.rank,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null && value !== undefined) event[key] = value;
  return { ...(event as SelfServiceEvent), received_at: new Date(row.receivedAt).toISOString() };
}

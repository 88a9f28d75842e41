import { EventBatch, inquiryFieldErrors, type InquiryFieldError, type SelfServiceEvent, type SiteConfig } from '../content/schema/index.ts';
import { redactPersonalData } from '../content/personal-data.ts';
import { utcDay, type EventRow } from './store/event-rows.ts';
import type { IntakeStore } from './store/store.ts';

export type EventsOutcome = { kind: 'stored'; accepted: number } | { kind: 'invalid'; errors: InquiryFieldError[] } | { kind: 'disabled' };

/** Raw events are purged this often (and once at start). */
export const EVENT_PURGE_INTERVAL_MS = 3_600_000;

/**
 * Accepting anonymous self-service events: validation against `EventBatch`, redaction of free text (again:
 * the browser redacts too, but a client is never trusted with it), storage of the batch whole or not at all.
 * What is stored comes from the body only: never the client's address, user agent or any header. Knows
 * nothing of HTTP.
 */
export class EventService {
  constructor(
    private readonly deps: {
      config: SiteConfig;
      store: IntakeStore;
      now?: () => number;
    },
  ) {}

  /** Whether the site collects events at all (`insights.enabled`). */
  get enabled(): boolean {
    return this.deps.config.insights.enabled;
  }

  /** Validates, redacts and stores one batch; resolves `stored` only after its commit. */
  async submit(body: unknown): Promise<EventsOutcome> {
    if (!this.enabled) return { kind: 'disabled' };
    const parsed = EventBatch.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', errors: inquiryFieldErrors(parsed.error.issues, body) };
    const receivedAt = this.deps.now?.() ?? Date.now();
    const rows = parsed.data.events.map((event) => eventRow(event, receivedAt));
    await this.deps.store.saveEvents(rows);
    return { kind: 'stored', accepted: rows.length };
  }

  /** Deletes raw events older than `insights.retentionDays` (whole UTC days); roll-ups stay. */
  purgeExpired(): Promise<number> {
    const now = this.deps.now?.() ?? Date.now();
    return this.deps.store.purgeEventsBefore(retentionCutoff(now, this.deps.config.insights.retentionDays));
  }
}

/** The first UTC day still kept when raw events are kept `retentionDays` days: today is day 1. */
export function retentionCutoff(now: number, retentionDays: number): string {
  return utcDay(now - (retentionDays - 1) * 86_400_000);
}

/** One validated event as a row: free text redacted, absent fields null. */
export function eventRow(event: SelfServiceEvent, receivedAt: number): EventRow {
  const row: EventRow = {
    receivedAt,
    day: utcDay(receivedAt),
    session: event.session,
    type: event.type,
    locale: event.locale,
    surface: event.surface,
    product: event.product ?? null,
    entry: null,
    top: null,
    query: null,
    results: null,
    answered: null,
    helpful: null,
    reason: null,
    text: null,
    inquiry: null,
    via: null,
    rank: null,
    at: event.at,
  };
  switch (event.type) {
    case 'search':
      return { ...row, query: redactPersonalData(event.query), results: event.results, answered: event.answered, top: event.top ?? null };
    case 'article_view':
      return { ...row, entry: event.entry, via: event.via, rank: event.rank ?? null };
    case 'vote':
      return {
        ...row,
        entry: event.entry,
        helpful: event.helpful,
        reason: event.reason ?? null,
        text: event.text === undefined || event.text === '' ? null : redactPersonalData(event.text),
      };
    case 'deflect':
      return { ...row, entry: event.entry };
    case 'contact_open':
      return { ...row, entry: event.entry ?? null };
    case 'inquiry_submit':
      return { ...row, inquiry: event.inquiry };
  }
}

/**
 * Self-service events as both stores keep them: the raw row (one per event, deleted after the site's
 * `insights.retentionDays`) and the daily roll-up (one count per day and dimensions, kept for good).
 *
 * Roll-up keys hold no NULLs: SQLite and PostgreSQL both treat NULLs in a unique key as distinct, so
 * `ON CONFLICT` would never merge two counts of "no product". An absent dimension is stored as `''` (text)
 * or `-1` (a yes/no), and turned back into `null` when read.
 */

/** One event as stored, after validation and redaction. Nothing in it identifies a person or a browser. */
export interface EventRow {
  /** When the intake received the batch (epoch ms). */
  receivedAt: number;
  /** The UTC date of `receivedAt`, `YYYY-MM-DD`: retention and reports go by it. */
  day: string;
  session: string;
  type: string;
  locale: string;
  surface: string;
  product: string | null;
  /** The entry viewed, voted on, deflected by or contacted from. */
  entry: string | null;
  /** A search's top result. */
  top: string | null;
  /** A search's text, redacted. */
  query: string | null;
  results: number | null;
  answered: boolean | null;
  helpful: boolean | null;
  reason: string | null;
  /** A vote's free text, redacted. */
  text: string | null;
  inquiry: string | null;
  via: string | null;
  rank: number | null;
  /** When it happened by the browser's clock, as sent (ISO 8601). */
  at: string;
}

/** A stored event with its id, for paging through them (`eventsBetween`). */
export interface StoredEvent extends EventRow {
  id: number;
}

/** How many events of one kind a day saw. */
export interface EventDayRow {
  day: string;
  type: string;
  locale: string;
  product: string | null;
  entry: string | null;
  answered: boolean | null;
  helpful: boolean | null;
  reason: string | null;
  count: number;
}

/** A roll-up key as stored: no NULLs (see the note at the top). */
export interface EventDayKey {
  day: string;
  type: string;
  locale: string;
  product: string;
  entry: string;
  answered: number;
  helpful: number;
  reason: string;
}

const flag = (value: boolean | null): number => (value === null ? -1 : value ? 1 : 0);
const unflag = (value: number): boolean | null => (value < 0 ? null : value === 1);

/**
 * The roll-up increments of some events: one entry per distinct key, in a fixed order (by key), so that two
 * PostgreSQL statements upserting overlapping keys lock them in the same order and cannot deadlock.
 */
export function rollUp(rows: readonly EventRow[]): Array<EventDayKey & { count: number }> {
  const counts = new Map<string, EventDayKey & { count: number }>();
  for (const r of rows) {
    const key: EventDayKey = {
      day: r.day,
      type: r.type,
      locale: r.locale,
      product: r.product ?? '',
      entry: r.entry ?? '',
      answered: flag(r.answered),
      helpful: flag(r.helpful),
      reason: r.reason ?? '',
    };
    const id = JSON.stringify(Object.values(key));
    const found = counts.get(id);
    if (found) found.count++;
    else counts.set(id, { ...key, count: 1 });
  }
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/** An `event_days` row as either database returns it. */
export interface EventDaySqlRow extends EventDayKey {
  count: number | string;
}

export function toEventDay(r: EventDaySqlRow): EventDayRow {
  return {
    day: r.day,
    type: r.type,
    locale: r.locale,
    product: r.product || null,
    entry: r.entry || null,
    answered: unflag(Number(r.answered)),
    helpful: unflag(Number(r.helpful)),
    reason: r.reason || null,
    count: Number(r.count),
  };
}

/** An `events` row as either database returns it (SQLite keeps yes/no as 0/1). */
export interface EventSqlRow {
  id: number;
  received_at: number;
  day: string;
  session: string;
  type: string;
  locale: string;
  surface: string;
  product: string | null;
  entry: string | null;
  top: string | null;
  query: string | null;
  results: number | null;
  answered: boolean | number | null;
  helpful: boolean | number | null;
  reason: string | null;
  text: string | null;
  inquiry: string | null;
  via: string | null;
  rank: number | null;
  at: string;
}

export function toStoredEvent(r: EventSqlRow): StoredEvent {
  const bool = (v: boolean | number | null) => (v === null ? null : Boolean(v));
  return {
    id: Number(r.id),
    receivedAt: Number(r.received_at),
    day: r.day,
    session: r.session,
    type: r.type,
    locale: r.locale,
    surface: r.surface,
    product: r.product,
    entry: r.entry,
    top: r.top,
    query: r.query,
    results: r.results,
    answered: bool(r.answered),
    helpful: bool(r.helpful),
    reason: r.reason,
    text: r.text,
    inquiry: r.inquiry,
    via: r.via,
    rank: r.rank,
    at: r.at,
  };
}

/** Events read per query when paging through `eventsBetween`. */
export const EVENT_PAGE = 1_000;

/**
 * Every event from `from` to `to` (UTC days, both included) in the order stored, read a page at a time, so a
 * report over months never holds them all. `page(afterId, limit)` reads the next page.
 */
export async function* pagedEvents(page: (afterId: number, limit: number) => Promise<StoredEvent[]>, pageSize = EVENT_PAGE): AsyncGenerator<StoredEvent> {
  let after = 0;
  for (;;) {
    const rows = await page(after, pageSize);
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}

/**
 * What a report reads of one event, as a tuple (no object per row to build or collect: a report reads
 * millions): id, receivedAt, session, type, locale, product, entry, query, answered, helpful, reason, at.
 */
export type EventFacts = [
  id: number,
  receivedAt: number,
  session: string,
  type: string,
  locale: string,
  product: string | null,
  entry: string | null,
  query: string | null,
  answered: boolean | number | null,
  helpful: boolean | number | null,
  reason: string | null,
  at: string,
];
/** The columns of {@link EventFacts}, in order. */
export const EVENT_FACT_COLUMNS = 'id, received_at, session, type, locale, product, entry, query, answered, helpful, reason, at';

/** The UTC date of an instant, `YYYY-MM-DD`. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

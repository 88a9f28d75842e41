import type { BusinessHoursConfig, Clock, SiteConfig, Weekday } from './schema/config.ts';

/**
 * The business-hours engine: walks a weekly schedule in an IANA time zone, skipping holidays, to find when a
 * first-response target falls due. Pure and portable (only `Intl`), so the intake computes the promise and
 * the widget can show the same rule before sending.
 *
 * Local times that do not exist (the hour skipped when clocks go forward) are read with the offset in force
 * before the change, so "02:30" on that night means 03:30 after it; local times that happen twice (when
 * clocks go back) mean the first of the two. A schedule day therefore lasts what the wall clock says it
 * lasts: 00:00–24:00 on a spring-forward day is 23 hours.
 */

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MINUTE = 60_000;
/** A schedule that opens less than once in this many days is treated as never open. */
const SEARCH_DAYS = 800;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function wallClock(instant: number, timeZone: string): CivilDate & { hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Minutes east of UTC in `timeZone` at `instant` (Tokyo: 540, New York in winter: -300). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE);
}

/** The instant at which the wall clock in `timeZone` reads `date` `minutes` after midnight (see the module note). */
export function wallTimeToInstant(date: CivilDate, minutesAfterMidnight: number, timeZone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day) + minutesAfterMidnight * MINUTE;
  // Offsets a few hours either side; the earlier one wins when the reading happens twice.
  const before = zoneOffsetMinutes(naive - 3 * 3_600_000, timeZone);
  const after = zoneOffsetMinutes(naive + 3 * 3_600_000, timeZone);
  const candidates = [naive - before * MINUTE, naive - after * MINUTE].filter((t) => naive - zoneOffsetMinutes(t, timeZone) * MINUTE === t);
  if (candidates.length) return Math.min(...candidates);
  return naive - before * MINUTE; // in the gap: read with the offset before the change
}

function addDays(date: CivilDate, days: number): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The open intervals of one local day as instants `[start, end)`, empty on holidays and closed days.
 * An interval whose end is not after its start runs past midnight into the next day.
 */
export function openIntervals(hours: BusinessHoursConfig, date: CivilDate): Array<[number, number]> {
  if (hours.holidays.some((h) => h.date === isoDate(date))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
  const intervals = (hours.weekly[weekday] ?? []).map(([from, to]): [number, number] => {
    const start = clockMinutes(from);
    let end = clockMinutes(to);
    if (end <= start) end += 24 * 60;
    const endDate = end >= 24 * 60 ? addDays(date, Math.floor(end / (24 * 60))) : date;
    return [wallTimeToInstant(date, start, hours.timeZone), wallTimeToInstant(endDate, end % (24 * 60), hours.timeZone)];
  });
  return intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
}

/** Whether support is open at `instant` by this schedule. */
export function isOpen(hours: BusinessHoursConfig, instant: Date): boolean {
  const t = instant.getTime();
  const today = wallClock(t, hours.timeZone);
  // An interval that runs past midnight started the day before.
  return [addDays(today, -1), today].some((d) => openIntervals(hours, d).some(([s, e]) => s <= t && t < e));
}

/**
 * The instant when `minutes` of open time have passed since `start`, counting only the schedule's open
 * intervals and skipping holidays. Throws when the schedule has no open time within about two years.
 *
 * @example addBusinessMinutes(tokyoHours, new Date('2026-11-27T08:00:00Z'), 480) // Fri 17:00 JST → Mon 16:00 JST
 */
export function addBusinessMinutes(hours: BusinessHoursConfig, start: Date, minutes: number): Date {
  let remaining = minutes * MINUTE;
  let cursor = start.getTime();
  let day = addDays(wallClock(cursor, hours.timeZone), -1);
  for (let i = 0; i < SEARCH_DAYS; i++, day = addDays(day, 1)) {
    for (const [s, e] of openIntervals(hours, day)) {
      if (e <= cursor) continue;
      const from = Math.max(s, cursor);
      if (from + remaining <= e) return new Date(from + remaining);
      remaining -= e - from;
      cursor = e;
    }
  }
  throw new Error(`the business-hours schedule in ${hours.timeZone} has no open time in the next ${SEARCH_DAYS} days`);
}

/** The promise made to a customer: when the first response is due and by which clock it was counted. */
export interface FirstResponseDue {
  due: Date;
  minutes: number;
  clock: Clock;
}

/**
 * When the first response to an inquiry received at `receivedAt` is due, from the severity's target for the
 * plan: elapsed time on a 24x7 clock, open time in the site's business hours otherwise.
 * Returns undefined when the plan has no target for this severity (the inquiry schema rejects that case).
 */
export function firstResponseDue(
  config: Pick<SiteConfig, 'severities' | 'businessHours'>,
  severityId: string,
  planId: string,
  receivedAt: Date,
): FirstResponseDue | undefined {
  const target = config.severities.find((s) => s.id === severityId)?.firstResponse.find((t) => t.plan === planId);
  if (!target) return undefined;
  const due =
    target.clock === '24x7' ? new Date(receivedAt.getTime() + target.minutes * MINUTE) : addBusinessMinutes(config.businessHours, receivedAt, target.minutes);
  return { due, minutes: target.minutes, clock: target.clock };
}

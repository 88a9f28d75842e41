/**
 * How the intake writes a date and time for people (a ticket for support, the customer's status page):
 * weekday, date, hours and minutes, and the zone's short name, in the reader's language.
 */
export const DATE_TIME_PARTS = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
} as const satisfies Intl.DateTimeFormatOptions;

/** A formatter of {@link DATE_TIME_PARTS} for `locale` in `timeZone`. */
export function dateTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...DATE_TIME_PARTS, timeZone });
}

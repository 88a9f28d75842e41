/**
 * How the widget writes a promised time (a reply due, a retry): the same words in the inquiry form and on the
 * confirmation, so the promise the customer accepted is the one they are shown afterwards. Kept apart from
 * the business-hours computation so the confirmation view does not load it.
 */

/** `Tue, Nov 24, 10:00 (GMT+9)` in `locale`; falls back to the site's zone when `timeZone` is unknown. */
export function formatDue(due: Date, locale: string, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  } catch {
    format = new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
  }
  const parts = format.formatToParts(due);
  const zone = parts.find((p) => p.type === 'timeZoneName')?.value;
  const rest = parts
    .filter((p) => p.type !== 'timeZoneName')
    .map((p) => p.value)
    .join('')
    .trim();
  return zone ? `${rest} (${zone})` : rest;
}

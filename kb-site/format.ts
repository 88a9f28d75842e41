/**
 * A content date (`YYYY-MM-DD`) written the way readers of `locale` expect ("May 1, 2026", "2026年5月1日").
 * The date is a calendar day, so it is formatted in UTC to never shift by a day. Anything that is not a
 * valid date is returned unchanged.
 */
export function formatDate(isoDate: string, locale: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(time)) return isoDate;
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(time);
}

// Building an Intl formatter costs far more than using one, and a site has thousands of pages per locale.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * The name of language `code` in the language of `inLocale` ("Japanese" in English, "日本語" in Japanese),
 * or `fallbackName` when this runtime's `Intl` does not know it.
 */
export function languageName(code: string, inLocale: string, fallbackName: string = code): string {
  try {
    let names = displayNames.get(inLocale);
    if (!names) displayNames.set(inLocale, (names = new Intl.DisplayNames([inLocale], { type: 'language', fallback: 'none' })));
    const name = names.of(code);
    return name ?? fallbackName;
  } catch {
    return fallbackName;
  }
}

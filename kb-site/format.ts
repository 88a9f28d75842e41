/**
 * A content date (`YYYY-MM-DD`) written the way readers of `locale` expect ("May 1, 2026", "2026年5月1日").
 * The date is a calendar day, so it is formatted in UTC to never shift by a day. Anything that is not a
 * valid date is returned unchanged.
 */
export function formatDate(isoDate: string, locale: string): string {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(time)) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(time);
}

/**
 * The name of language `code` in the language of `inLocale` ("Japanese" in English, "日本語" in Japanese),
 * or `fallbackName` when this runtime's `Intl` does not know it.
 */
export function languageName(code: string, inLocale: string, fallbackName: string = code): string {
  try {
    const name = new Intl.DisplayNames([inLocale], { type: 'language', fallback: 'none' }).of(code);
    return name ?? fallbackName;
  } catch {
    return fallbackName;
  }
}

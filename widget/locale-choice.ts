import type { Manifest } from '../content/schema/index.ts';

/** A text direction as the site's manifest gives it per locale. */
export type TextDirection = Manifest['locales'][number]['dir'];

/**
 * The locale the widget starts in: the script tag's `data-locale`, then the browser's languages (`de-CH`,
 * then `de`), then the site's default; only locales the site has.
 *
 * @example chooseLocale(manifest, undefined, ['ja-JP', 'en']) // 'ja' when the site has ja
 */
export function chooseLocale(manifest: Manifest, requested: string | undefined, languages: readonly string[]): string {
  const codes = manifest.locales.map((l) => l.code);
  const wanted = [requested, ...languages, ...languages.map((l) => l.split('-')[0])];
  return wanted.find((l): l is string => !!l && codes.includes(l)) ?? manifest.defaultLocale;
}

/** Site config text for `locale` (`{ja: …, en: …}` → the string), falling back to the default locale, then any. */
export function siteText(value: string | Record<string, string> | undefined, locale: string, defaultLocale: string): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value[defaultLocale] ?? Object.values(value)[0] ?? '';
}

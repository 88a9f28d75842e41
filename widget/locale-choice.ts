import type { Manifest } from '../content/schema/index.ts';

/** A text direction as the site's manifest gives it per locale. */
export type TextDirection = Manifest['locales'][number]['dir'];

/**
 * The locale the widget starts in: the script tag's `data-locale`, then the browser's languages in the
 * customer's order, each as given and then its language alone (`de-CH`, `de`, then the next), then the
 * site's default; only locales the site has. A host that leaves out `data-locale` gets the customer's language.
 *
 * @example chooseLocale(manifest, undefined, ['ja-JP', 'en']) // 'ja' when the site has ja
 * @example chooseLocale(manifest, undefined, ['en-US', 'ja']) // 'en': the customer put English first
 */
export function chooseLocale(manifest: Manifest, requested: string | undefined, languages: readonly string[]): string {
  const codes = manifest.locales.map((l) => l.code);
  const wanted = [requested, ...languages.flatMap((l) => [l, l.split('-')[0]])];
  return wanted.find((l): l is string => !!l && codes.includes(l)) ?? manifest.defaultLocale;
}

/** Site config text for `locale` (`{ja: …, en: …}` → the string), falling back to the default locale, then any. */
export function siteText(value: string | Record<string, string> | undefined, locale: string, defaultLocale: string): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value[locale] ?? value[defaultLocale] ?? Object.values(value)[0] ?? '';
}

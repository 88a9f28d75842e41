import { existsSync } from 'node:fs';
import path from 'node:path';
import { flattenBundle, pluralCategories, pluralForm, readBundle, referenceLocaleOf, uiNamespaces } from './ui-bundles.ts';

export { BundleError } from './ui-bundles.ts';

/** UI strings of one locale compared with the reference bundles. */
export interface LocaleUiStatus {
  /** `namespace:key` present in the reference but not in this locale (plural keys per this locale's categories). */
  missing: string[];
  /** `namespace:key` present in this locale but not in the reference. */
  unused: string[];
  /** Bundle files this locale lacks entirely (all their keys are also in `missing`). */
  missingFiles: string[];
}

/**
 * Compares the UI string bundles `<i18nDir>/<locale>/<namespace>.json` of each locale with the reference:
 * the `referenceLocale`'s bundle of the namespace, or `en`'s when only `en` has that namespace.
 * Plural keys are compared by base key: a locale needs exactly the forms of its own CLDR categories
 * (`Intl.PluralRules`), so `ja` needs only `_other` while `en` needs `_one` and `_other`.
 * Throws BundleError when a bundle is not valid JSON of nested strings.
 */
export function uiStatus(i18nDir: string, referenceLocale: string, locales: readonly string[]): Map<string, LocaleUiStatus> {
  const status = new Map<string, LocaleUiStatus>();
  for (const locale of locales) status.set(locale, { missing: [], unused: [], missingFiles: [] });
  for (const namespace of uiNamespaces(i18nDir, referenceLocale)) {
    const refLocale = referenceLocaleOf(i18nDir, referenceLocale, namespace);
    const reference = readKeys(bundleFile(i18nDir, refLocale, namespace));
    const plain = new Set<string>();
    const plural = new Set<string>();
    for (const key of reference) {
      const form = pluralForm(key, reference);
      if (form) plural.add(form.base);
      else plain.add(key);
    }
    for (const [locale, own] of status) {
      if (locale === refLocale) continue;
      const file = bundleFile(i18nDir, locale, namespace);
      const exists = existsSync(file);
      if (!exists) own.missingFiles.push(file);
      const keys = exists ? readKeys(file) : new Set<string>();
      const categories = pluralCategories(locale);
      const required = new Set(plain);
      for (const base of plural) for (const category of categories) required.add(`${base}_${category}`);
      for (const key of [...required].sort()) if (!keys.has(key)) own.missing.push(`${namespace}:${key}`);
      for (const key of [...keys].sort()) if (!required.has(key)) own.unused.push(`${namespace}:${key}`);
    }
  }
  return status;
}

function bundleFile(i18nDir: string, locale: string, namespace: string): string {
  return path.resolve(i18nDir, locale, `${namespace}.json`);
}

/** The keys of a bundle that have text: an empty string is a key scaffolded by i18n:add, not translated yet. */
function readKeys(file: string): Set<string> {
  return new Set([...flattenBundle(readBundle(file), file)].filter(([, text]) => text !== '').map(([key]) => key));
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** CLDR plural categories, as i18next v4 suffixes them onto keys (`items_one`, `items_other`). */
const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;

/** UI strings of one locale compared with the reference bundles. */
export interface LocaleUiStatus {
  /** `namespace:key` present in the reference but not in this locale (plural keys per this locale's categories). */
  missing: string[];
  /** `namespace:key` present in this locale but not in the reference. */
  unused: string[];
  /** Bundle files this locale lacks entirely (all their keys are also in `missing`). */
  missingFiles: string[];
}

/** A problem reading a bundle, for the CLI to report instead of a stack trace. */
export class BundleError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'BundleError';
  }
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
  const namespaces = new Set([...namespacesOf(i18nDir, referenceLocale), ...namespacesOf(i18nDir, 'en')]);

  for (const namespace of [...namespaces].sort()) {
    const refLocale = existsSync(bundleFile(i18nDir, referenceLocale, namespace)) ? referenceLocale : 'en';
    const reference = readKeys(bundleFile(i18nDir, refLocale, namespace));
    const plain = new Set<string>();
    const plural = new Set<string>();
    for (const key of reference) {
      const m = PLURAL_SUFFIX.exec(key);
      if (m) plural.add(m[1]!);
      else plain.add(key);
    }
    for (const [locale, own] of status) {
      if (locale === refLocale) continue;
      const file = bundleFile(i18nDir, locale, namespace);
      const exists = existsSync(file);
      if (!exists) own.missingFiles.push(file);
      const keys = exists ? readKeys(file) : new Set<string>();
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
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

function namespacesOf(i18nDir: string, locale: string): string[] {
  const dir = path.join(i18nDir, locale);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -'.json'.length));
}

/** Flattens a nested bundle into dotted keys (`fallback.notice`). */
function readKeys(file: string): Set<string> {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BundleError(file, `not valid JSON (${(error as Error).message})`);
  }
  const keys = new Set<string>();
  const walk = (node: unknown, prefix: string) => {
    // An empty string is a key scaffolded by i18n:add and not translated yet: it counts as missing.
    if (typeof node === 'string') {
      if (node !== '') keys.add(prefix);
    }
    else if (node && typeof node === 'object' && !Array.isArray(node)) for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else throw new BundleError(file, `"${prefix || '(top level)'}" must be a string or an object of strings`);
  };
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BundleError(file, 'the top level must be a JSON object');
  walk(data, '');
  return keys;
}

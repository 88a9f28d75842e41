import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A problem reading a bundle, for the CLI to report instead of a stack trace. */
export class BundleError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'BundleError';
  }
}

/** CLDR plural categories, as i18next v4 suffixes them onto keys (`items_one`, `items_other`). */
export const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;

/**
 * `key` as one form of a plural (`items_one` → base `items`, category `one`): it ends in a CLDR category and
 * its base has an `_other` form among `keys` (every locale has "other"). A key that merely ends in such a
 * word (`error.too_many`, `error.too_few`) is a plain string.
 */
export function pluralForm(key: string, keys: { has(key: string): boolean }): { base: string; category: string } | undefined {
  const m = PLURAL_SUFFIX.exec(key);
  return m && keys.has(`${m[1]}_other`) ? { base: m[1]!, category: m[2]! } : undefined;
}

/** A parsed bundle: nested objects of strings. */
export type BundleData = { [key: string]: string | BundleData };

/** Reads `i18n/<locale>/<namespace>.json`; throws BundleError when it is not JSON of nested strings. */
export function readBundle(file: string): BundleData {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BundleError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new BundleError(file, 'the top level must be a JSON object');
  flattenBundle(data as BundleData, file);
  return data as BundleData;
}

/** Dotted key → string, in the bundle's order (`fallback.notice`). */
export function flattenBundle(data: BundleData, file = 'bundle'): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'string') out.set(prefix, node);
    else if (node && typeof node === 'object' && !Array.isArray(node)) for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    else throw new BundleError(file, `"${prefix || '(top level)'}" must be a string or an object of strings`);
  };
  walk(data, '');
  return out;
}

/** Sets a dotted key in a bundle, creating objects on the way (new keys go last). */
export function setBundleKey(data: BundleData, key: string, value: string): void {
  const parts = key.split('.');
  let node = data;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object') node[part] = {};
    node = node[part] as BundleData;
  }
  node[parts[parts.length - 1]!] = value;
}

/** Writes a bundle the way the repository's bundles are written: 2-space JSON and a final newline. */
export function writeBundle(file: string, data: BundleData): void {
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Namespaces of the reference locale and of `en` (as `i18n:status` compares them), sorted. */
export function uiNamespaces(i18nDir: string, referenceLocale: string): string[] {
  const names = (locale: string) => {
    const dir = path.join(i18nDir, locale);
    return existsSync(dir)
      ? readdirSync(dir)
          .filter((n) => n.endsWith('.json'))
          .map((n) => n.slice(0, -5))
      : [];
  };
  return [...new Set([...names(referenceLocale), ...names('en')])].sort();
}

/** The locale a namespace is translated from: the default locale's bundle, or `en`'s when only `en` has it. */
export function referenceLocaleOf(i18nDir: string, referenceLocale: string, namespace: string): string {
  return existsSync(path.join(i18nDir, referenceLocale, `${namespace}.json`)) ? referenceLocale : 'en';
}

const CLDR_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

/** The CLDR plural categories a locale uses (`Intl.PluralRules`), in CLDR's order: zero, one, two, few, many, other. */
export function pluralCategories(locale: string): string[] {
  return [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort((a, b) => CLDR_ORDER.indexOf(a) - CLDR_ORDER.indexOf(b));
}

import { loadBundle, lookup } from '../i18n/bundles.ts';
import { interpolate } from './interpolate.ts';

/** Looks up a KB-site UI string by key (`stale.notice`) and fills its `{{placeholders}}`. */
export type Translate = (key: string, values?: Readonly<Record<string, string>>) => string;

/**
 * The KB site's UI strings (`i18n/<locale>/site.json`) for the first locale of `chain` that has each one.
 * Build-time only: reads the bundles from disk.
 */
export function siteStrings(chain: readonly string[]): Translate {
  const bundle = loadBundle('site', chain);
  // Most strings have no placeholders and are asked for on every page: look each up once.
  const plain = new Map<string, string>();
  return (key, values) => {
    if (values) return interpolate(lookup(bundle, key), values);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = interpolate(lookup(bundle, key))));
    return text;
  };
}

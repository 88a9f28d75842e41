import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the UI string bundles: `i18n/<locale>/<namespace>.json` (i18next JSON v4). */
export const I18N_DIR = path.dirname(fileURLToPath(import.meta.url));

export type Bundle = { [key: string]: string | Bundle };

/**
 * Reads one namespace's strings for the first locale of `chain` that has them, merged key by key over the
 * later ones, so a partly translated bundle still shows every string (in the fallback language).
 * Build-time only (Node); browsers load bundles through the widget's own loader.
 */
export function loadBundle(namespace: string, chain: readonly string[]): Bundle {
  let merged: Bundle = {};
  for (const locale of [...chain].reverse()) {
    const file = path.join(I18N_DIR, locale, `${namespace}.json`);
    if (existsSync(file)) merged = deepMerge(merged, JSON.parse(readFileSync(file, 'utf8')) as Bundle);
  }
  if (!Object.keys(merged).length) merged = JSON.parse(readFileSync(path.join(I18N_DIR, 'en', `${namespace}.json`), 'utf8')) as Bundle;
  return merged;
}

function deepMerge(base: Bundle, over: Bundle): Bundle {
  const out: Bundle = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    // An empty string is a string not translated yet (`i18n:add` scaffolds them): the fallback shows instead.
    if (value === '' && prev !== undefined) continue;
    out[key] = typeof value === 'object' && typeof prev === 'object' ? deepMerge(prev, value) : value;
  }
  return out;
}

/** Looks up `a.b.c` in a bundle; returns the key itself when missing, so a gap is visible, never blank. */
export function lookup(bundle: Bundle, key: string): string {
  let node: string | Bundle | undefined = bundle;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : key;
}

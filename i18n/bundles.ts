import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from 'i18next';
import { createTranslator, type Translator } from './runtime/translator.ts';

/** Folder of the UI string bundles Kotae ships: `i18n/<locale>/<namespace>.json` (i18next JSON v4). */
export const I18N_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * A project's own UI strings, `i18n/<locale>/<namespace>.json` beside its `content/` (the `kotae` command
 * names the folder in `KOTAE_I18N_DIR` when the project has one): its translations and rewordings, read over
 * the shipped bundles key by key, so a string a newer Kotae adds still shows until the project has its own.
 * Undefined in this repository, whose `i18n/` is the shipped one.
 */
export function projectI18nDir(): string | undefined {
  const dir = process.env.KOTAE_I18N_DIR;
  return dir && path.resolve(dir) !== I18N_DIR ? path.resolve(dir) : undefined;
}

type Bundle = { [key: string]: string | Bundle };

function readJson(file: string): Bundle | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Bundle;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
}

/** `over` laid on `under`, key by key. */
function layered(under: Bundle, over: Bundle): Bundle {
  const out: Bundle = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = typeof value === 'object' && typeof below === 'object' ? layered(below, value) : value;
  }
  return out;
}

/**
 * One locale's bundle of `namespace` as the site uses it: the shipped one under the project's (from `dir`
 * alone when a caller names another folder, as the pseudo-locale build does). Undefined when neither has it.
 */
export function readUiBundle(locale: string, namespace: string, dir = I18N_DIR): Bundle | undefined {
  const shipped = readJson(path.join(dir, locale, `${namespace}.json`));
  const project = dir === I18N_DIR ? projectI18nDir() : undefined;
  const own = project ? readJson(path.join(project, locale, `${namespace}.json`)) : undefined;
  return shipped && own ? layered(shipped, own) : (own ?? shipped);
}

/** The locales with UI strings: the shipped ones and the project's. */
export function uiLocales(dir = I18N_DIR): string[] {
  const folders = (d: string | undefined) =>
    d && existsSync(d)
      ? readdirSync(d, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
      : [];
  return [...new Set([...folders(dir), ...folders(dir === I18N_DIR ? projectI18nDir() : undefined)])].sort();
}

/**
 * A translator for one namespace's bundles (`site`, `content`, `tools`) read from disk, showing the first
 * locale of `chain` and taking each missing string from the later ones, then English. Build time and
 * command-line tools only (Node); the widget loads its bundles over the network (`widget/i18n.ts`).
 */
export function bundleTranslator(namespace: string, chain: readonly string[], dir = I18N_DIR): Translator {
  const resources: Resource = {};
  for (const locale of new Set([...chain, 'en'])) {
    const bundle = readUiBundle(locale, namespace, dir);
    if (bundle) resources[locale] = { [namespace]: bundle as Resource[string][string] };
  }
  const [locale = 'en', ...fallbacks] = chain;
  return createTranslator({ locale, fallbacks: [...fallbacks, 'en'], namespace, resources });
}

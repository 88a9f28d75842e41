import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from 'i18next';
import { createTranslator, type Translator } from './runtime/translator.ts';

/** Folder of the UI string bundles: `i18n/<locale>/<namespace>.json` (i18next JSON v4). */
export const I18N_DIR = path.dirname(fileURLToPath(import.meta.url));

/**
 * A translator for one namespace's bundles (`site`, `content`, `tools`) read from disk, showing the first
 * locale of `chain` and taking each missing string from the later ones, then English. Build time and
 * command-line tools only (Node); the widget loads its bundles over the network (`widget/i18n.ts`).
 */
export function bundleTranslator(namespace: string, chain: readonly string[], dir = I18N_DIR): Translator {
  const resources: Resource = {};
  for (const locale of new Set([...chain, 'en'])) {
    const file = path.join(dir, locale, `${namespace}.json`);
    if (existsSync(file)) resources[locale] = { [namespace]: JSON.parse(readFileSync(file, 'utf8')) as Resource[string][string] };
  }
  const [locale = 'en', ...fallbacks] = chain;
  return createTranslator({ locale, fallbacks: [...fallbacks, 'en'], namespace, resources });
}

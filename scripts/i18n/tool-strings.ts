import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_I18N_DIR } from './workspace-cli.ts';
import { flattenBundle, readBundle } from './ui-bundles.ts';

/** Looks up a message of the `tools` namespace and fills in its `{{variables}}`. */
export type ToolT = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The language of the command-line tools' messages: `KOTAE_LANG`, else the POSIX locale (`LC_ALL`,
 * `LC_MESSAGES`, `LANG`: `ja_JP.UTF-8` → `ja`), else English. Languages without a `tools` bundle get English.
 */
export function toolLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.KOTAE_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en';
  const code = raw.split(/[.@]/)[0]!.replace('_', '-');
  return code === 'C' || code === 'POSIX' || !code ? 'en' : code;
}

/**
 * The `tools` strings (i18n/<locale>/tools.json, i18next JSON v4) for `locale`, falling back key by key to
 * the base language and then English. A number `count` picks the plural form (`key_one`, `key_other`).
 *
 * @example const t = toolStrings('ja'); t('import.summary', { written: 2, … })
 */
export function toolStrings(locale = toolLocale(), i18nDir = DEFAULT_I18N_DIR): ToolT {
  const chain = [...new Set([locale, locale.split('-')[0]!, 'en'])];
  const strings = new Map<string, string>();
  for (const code of [...chain].reverse()) {
    const file = path.join(i18nDir, code, 'tools.json');
    if (existsSync(file)) for (const [k, v] of flattenBundle(readBundle(file))) if (v) strings.set(k, v);
  }
  const rules = new Intl.PluralRules(chain.find((c) => existsSync(path.join(i18nDir, c, 'tools.json'))) ?? 'en');
  return (key, vars = {}) => {
    let text = typeof vars.count === 'number' ? (strings.get(`${key}_${rules.select(vars.count)}`) ?? strings.get(`${key}_other`)) : undefined;
    text ??= strings.get(key);
    if (text === undefined) return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
  };
}

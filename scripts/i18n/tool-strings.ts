import { bundleTranslator, I18N_DIR } from '../../i18n/bundles.ts';
import type { MessageValues } from '../../i18n/runtime/translator.ts';

/** Looks up a message of the `tools` namespace and fills in its `{{variables}}`. */
export type ToolT = (key: string, vars?: MessageValues) => string;

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
 * The `tools` strings (i18n/<locale>/tools.json, with a project's own over them) for `locale`, falling back key by key to the base language
 * and then English; a number `count` picks the plural form (`key_one`, `key_other`).
 *
 * @example const t = toolStrings('ja'); t('import.summary', { written: 2, … })
 */
export function toolStrings(locale = toolLocale(), i18nDir = I18N_DIR): ToolT {
  return bundleTranslator('tools', [locale, locale.split('-')[0]!], i18nDir).t;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../../content/schema/index.ts';
import { formatProblem } from '../pipeline/problems.ts';
import { loadSiteConfig } from '../pipeline/site-config.ts';

/** The repository's `i18n/` folder, the default `--i18n` of every i18n command. */
export const DEFAULT_I18N_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../i18n');

/** Loads the site config of `contentDir` or prints its problems and exits 2 (as `i18n:status` does). */
export function configOrExit(contentDir: string): SiteConfig {
  const loaded = loadSiteConfig(contentDir);
  if (!loaded.config) {
    for (const problem of loaded.problems.sorted()) process.stderr.write(`${formatProblem(problem)}\n`);
    process.exit(2);
  }
  return loaded.config;
}

/** Exits 2 with the usage when `locale` is not configured. */
export function requireLocale(config: SiteConfig, locale: string | undefined, usage: string, flag = '--locale'): string {
  const known = config.locales.available.map((l) => l.code);
  if (!locale) {
    process.stderr.write(`${flag} is required (one of ${known.join(', ')})\n\nusage: ${usage}\n`);
    process.exit(2);
  }
  if (!known.includes(locale)) {
    process.stderr.write(`unknown locale "${locale}": the site config has ${known.join(', ')}\n\nusage: ${usage}\n`);
    process.exit(2);
  }
  return locale;
}

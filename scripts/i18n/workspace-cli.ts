import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SiteConfig } from '../../content/schema/index.ts';
import { CliExit } from '../cli-args.ts';
import { formatProblem } from '../../content/problems.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { projectI18nDir } from '../../i18n/bundles.ts';

/**
 * The default `--i18n` of every i18n command: a project's own `i18n/` folder (see `projectI18nDir`), else the
 * bundles Kotae ships (this repository's `i18n/`).
 */
export const DEFAULT_I18N_DIR = projectI18nDir() ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../i18n');

/** Loads the site config of `contentDir`, or throws its problems as a {@link CliExit} with code 2 (as `i18n:status` does). */
export function configOrExit(contentDir: string): SiteConfig {
  const loaded = loadSiteConfig(contentDir);
  if (!loaded.config)
    throw new CliExit(
      2,
      loaded.problems
        .sorted()
        .map((problem) => `${formatProblem(problem)}\n`)
        .join(''),
    );
  return loaded.config;
}

/** Throws a usage error (a {@link CliExit} with code 2): `message`, a blank line and the usage. */
export function usageError(message: string, usage: string): never {
  throw new CliExit(2, `${message}\n\nusage: ${usage}\n`);
}

/** Throws a usage error when `locale` is not configured. */
export function requireLocale(config: SiteConfig, locale: string | undefined, usage: string, flag = '--locale'): string {
  const known = config.locales.available.map((l) => l.code);
  if (!locale) usageError(`${flag} is required (one of ${known.join(', ')})`, usage);
  if (!known.includes(locale)) usageError(`unknown locale "${locale}": the site config has ${known.join(', ')}`, usage);
  return locale;
}

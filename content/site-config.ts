import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SiteConfig } from './schema/index.ts';
import { humanizeIssues } from './human-errors.ts';
import { Problems } from './problems.ts';
import { parseYamlSource } from './yaml-source.ts';

export const CONFIG_FILES = ['kotae.config.yaml', 'kotae.config.yml', 'kotae.config.json'];

/** The site config file of a content folder (the first of `CONFIG_FILES` that exists), for pointing problems at it. */
export function siteConfigFile(contentDir: string): string {
  return CONFIG_FILES.map((name) => path.resolve(contentDir, name)).find((f) => existsSync(f)) ?? path.resolve(contentDir, CONFIG_FILES[0]!);
}

export interface LoadedSiteConfig {
  file: string;
  /** Undefined when the config has errors; `problems` says which. */
  config: SiteConfig | undefined;
  problems: Problems;
}

/**
 * Reads and validates the site config of a content folder (`kotae.config.yaml`, `.yml` or `.json`).
 * Never throws for bad content: every problem is returned with its line and column.
 *
 * @example const { config, problems } = loadSiteConfig('content');
 */
export function loadSiteConfig(contentDir: string): LoadedSiteConfig {
  const problems = new Problems();
  const file = CONFIG_FILES.map((name) => path.resolve(contentDir, name)).find((f) => existsSync(f));
  if (!file) {
    const expected = path.resolve(contentDir, CONFIG_FILES[0]!);
    problems.error(expected, 1, 1, 'no site config found', `create ${CONFIG_FILES[0]} in ${contentDir} (see README "Site config")`);
    return { file: expected, config: undefined, problems };
  }
  const source = parseYamlSource(readFileSync(file, 'utf8'));
  for (const e of source.errors) problems.error(file, e.line, e.col, `invalid YAML: ${e.message}`, e.fix);
  if (source.errors.length) return { file, config: undefined, problems };
  const parsed = SiteConfig.safeParse(source.data, { reportInput: true });
  if (!parsed.success) {
    for (const issue of humanizeIssues(parsed.error.issues)) {
      const at = source.locate(issue.path);
      problems.error(file, at.line, at.col, issue.message, issue.fix);
    }
    return { file, config: undefined, problems };
  }
  const logo = parsed.data.site.logo;
  if (logo !== undefined && !existsSync(path.resolve(contentDir, logo))) {
    const at = source.locate(['site', 'logo']);
    problems.error(file, at.line, at.col, `the logo "${logo}" does not exist`, `give the image's path relative to ${contentDir}, e.g. assets/logo.svg`);
  }
  return { file, config: parsed.data, problems };
}

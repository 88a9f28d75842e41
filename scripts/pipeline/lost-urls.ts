import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalog, Manifest } from '../../content/schema/index.ts';
import { Problems } from '../../content/problems.ts';
import { siteConfigFile } from '../../content/site-config.ts';
import { entryUrl } from '../../content/urls.ts';
import type { SitePlan } from './compile-locale.ts';
import { fieldAt, type EntryHeader } from './load.ts';
import { collectRedirects } from './redirects.ts';

/**
 * Compares the content with a previous build (`npm run check -- --previous dist`): every entry page that build
 * published must still answer, as a page or as a redirect. A page that went away is reported on the entry
 * that now has its title (a renamed id, with the `previousUrls` line to add), else on the site config.
 */
export function checkLostUrls(plan: SitePlan, previousBuild: string, problems: Problems): void {
  const manifestFile = path.join(previousBuild, 'data', 'manifest.json');
  if (!existsSync(manifestFile)) {
    problems.error(
      path.resolve(previousBuild),
      1,
      1,
      'not a Kotae build: data/manifest.json is missing',
      'give --previous the folder a previous `npm run build` wrote',
    );
    return;
  }
  const manifest = Manifest.parse(JSON.parse(readFileSync(manifestFile, 'utf8')));
  const locales = plan.config.locales.available.map((l) => l.code);
  const served = new Set<string>();
  const titles = new Map<string, { entry: EntryHeader; title: string }>();
  for (const family of plan.model.families.values()) {
    if (!plan.published.has(family.id)) continue;
    for (const locale of locales) {
      served.add(entryUrl(locale, family.source.meta.type, family.id));
      const text = family.translations.get(locale) ?? family.source;
      titles.set(`${locale}\0${text.meta.title}`, { entry: text, title: text.meta.title });
    }
  }
  for (const r of collectRedirects(plan, new Problems())) served.add(withSlash(safeDecode(r.from)));
  const configFile = siteConfigFile(plan.contentDir);

  for (const locale of manifest.locales) {
    const catalog = Catalog.parse(JSON.parse(readFileSync(path.join(previousBuild, locale.catalog), 'utf8')));
    for (const old of catalog.entries) {
      if (served.has(old.url)) continue;
      const successor = titles.get(`${locale.code}\0${old.title}`);
      if (successor) {
        const at = fieldAt(successor.entry, ['id']);
        problems.warning(
          successor.entry.file,
          at.line,
          at.col,
          `"${old.id}" was renamed to "${successor.entry.meta.id}": the previous build's ${old.url} has no page and no redirect now`,
          `add it to previousUrls: [${old.url}] so links and bookmarks keep working`,
        );
      } else
        problems.warning(
          configFile,
          1,
          1,
          `${old.url} ("${old.title}") of the previous build has no page and no redirect now`,
          'list it in previousUrls of the entry that replaced it',
        );
    }
  }
}

function withSlash(p: string): string {
  return p.endsWith('/') || /\.[A-Za-z0-9]{1,5}$/.test(p) ? p : `${p}/`;
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

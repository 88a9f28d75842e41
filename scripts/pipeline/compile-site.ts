import { createHash } from 'node:crypto';
import path from 'node:path';
import { fallbackChain, type Announcement, type Manifest, type PublicSiteConfig, type SiteConfig } from '../../content/schema/index.ts';
import { AssetRegistry } from './assets.ts';
import { compileLocale, json, type LocaleCompileResult, type SitePlan } from './compile-locale.ts';
import type { OutputSink } from './output-sink.ts';
import { checkLocaleFolders, configuredLocales, loadLocale, type EntryHeader, type SourceEntry } from './load.ts';
import { Problems } from '../../content/problems.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { validateContent } from './validate.ts';
import { collectRedirects, redirectFiles } from './redirects.ts';
import { checkLostUrls } from './lost-urls.ts';
import { checkImportedFrom } from './imported-from.ts';
import { readStatusSummary, statusAnnouncements, type StatusSummaryText } from './status-page.ts';
import { announcementsPath, compileAnnouncements, loadAnnouncements, type SourceAnnouncement } from './announcements.ts';

export type { OutputSink } from './output-sink.ts';

export interface CompileOptions {
  contentDir: string;
  /** Date used for review-age warnings (YYYY-MM-DD); defaults to today. Never written to output. */
  today?: string;
  /** Include entries marked `draft: true` (for previews). */
  drafts?: boolean;
  /** A previous build whose entry pages must all still answer (a page or a redirect); `check --previous`. */
  previousBuild?: string;
  /** The build's time (ms since the epoch): announcements ended by then are left out. Defaults to now. */
  now?: number;
  /** The status page's summary fetched before the build (`fetchStatusSummary`), when the config names it by URL. */
  statusSummary?: StatusSummaryText;
}

export interface CompileResult {
  config: SiteConfig | undefined;
  problems: Problems;
  stats: { entries: number; locales: number };
}

/**
 * The content pipeline in this thread: load → validate → per-locale outputs. `check` runs it without a
 * sink and only collects problems; with a sink it writes the same files as `compileSiteInThreads`.
 * Output is a pure function of the content: every list is sorted and nothing depends on the clock or the
 * machine.
 */
export function compileContent(options: CompileOptions, emit?: OutputSink): CompileResult {
  const contentDir = path.resolve(options.contentDir);
  const { config, problems } = loadSiteConfig(contentDir);
  if (!config) return { config, problems, stats: { entries: 0, locales: 0 } };
  checkLocaleFolders(contentDir, config, problems);
  const entries: SourceEntry[] = configuredLocales(config).flatMap((locale) => loadLocale(contentDir, locale, problems));
  const plan = planSite(options, config, entries, problems);
  if (options.previousBuild) checkLostUrls(plan, options.previousBuild, problems);
  const bodies = new Map(entries.map((e) => [e.file, e.body]));
  const outlines = new Map();
  const results = config.locales.available.map((locale) => compileLocale(plan, locale.code, (e) => bodies.get(e.file)!, emit, outlines));
  return finishSite(plan, entries, results, problems, emit);
}

/** Validates the whole site from every entry's header and settles what each locale will build. */
export function planSite(options: CompileOptions, config: SiteConfig, entries: readonly EntryHeader[], problems: Problems): SitePlan {
  const contentDir = path.resolve(options.contentDir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const model = validateContent(entries, config, problems, { today, contentDir });
  const published = new Set([...model.families.values()].filter((f) => options.drafts || !f.source.meta.draft).map((f) => f.id));
  // Redirects are checked here, before any locale is built, so a clash keeps the locales from writing.
  collectRedirects({ contentDir, config, model, published, clean: true }, problems);
  checkImportedFrom(entries, contentDir, problems);
  return {
    contentDir,
    config,
    model,
    published,
    clean: problems.errors.length === 0,
    ...(options.now !== undefined && { now: options.now }),
    ...(options.statusSummary && { statusSummary: options.statusSummary }),
  };
}

/**
 * Gathers the locales' results: their problems (each once, though two locales may find the same broken
 * image), the images, the public site config and the manifest that names every locale's files.
 */
export function finishSite(
  plan: SitePlan,
  entries: readonly EntryHeader[],
  results: readonly LocaleCompileResult[],
  problems: Problems,
  emit?: OutputSink,
): CompileResult {
  const { config } = plan;
  const seen = new Set<string>();
  for (const result of results)
    for (const p of result.problems) {
      const key = JSON.stringify(p);
      if (!seen.has(key)) problems.add([p]);
      seen.add(key);
    }
  const stats = { entries: plan.published.size, locales: results.length };
  const logo = siteLogo(plan, problems);
  const announcementSources = loadAnnouncements(plan.contentDir, config, problems);
  const announcementAssets = new AssetRegistry(problems);
  const now = plan.now ?? Date.now();
  const statusSummary = readStatusSummary(config, plan.contentDir, plan.statusSummary);
  const fromStatusPage = statusAnnouncements(config, plan.contentDir, statusSummary, now, problems);
  const announcements = compileAnnouncements(plan, announcementSources, now, problems, announcementAssets, fromStatusPage);
  if (problems.errors.length || !emit) return { config, problems, stats };
  // Checked (and reported) by planSite already.
  for (const [file, text] of redirectFiles(collectRedirects(plan, new Problems()), config.site.baseUrl)) emit(file, text);

  const assets = new Map<string, Uint8Array>(logo?.files);
  for (const result of results) for (const [file, bytes] of result.assets) assets.set(file, bytes);
  for (const [file, bytes] of announcementAssets.files) assets.set(file, bytes);
  const assetNames = [...assets.keys()].sort();
  for (const file of assetNames) emit(file, assets.get(file)!);
  const site = json(publicSiteConfig(config));
  emit('data/site.json', site);
  for (const [code, file] of announcements) emit(announcementsPath(code), json(file));
  const manifest: Manifest = {
    version: 1,
    contentHash: contentHash(entries, site, assetNames, announcementSources, fromStatusPage),
    defaultLocale: config.locales.default,
    locales: results.map((result) => {
      const locale = config.locales.available.find((l) => l.code === result.code)!;
      return {
        code: result.code,
        name: locale.name,
        dir: locale.dir,
        fallback: fallbackChain(config, result.code).slice(1),
        entries: result.entries,
        translated: result.translated,
        stale: result.stale,
        catalog: result.catalog,
        searchDocuments: result.searchDocuments,
        searchIndex: result.searchIndex,
        entryPayload: result.entryPayload,
        ...(announcements.has(result.code) && { announcements: announcementsPath(result.code) }),
      };
    }),
    site: 'data/site.json',
    ...(logo?.url && { logo: logo.url.slice(1) }),
  };
  emit('data/manifest.json', json(manifest));
  return { config, problems, stats };
}

/**
 * The part of the site config that browsers get: everything a customer may see (names, products,
 * severities and their targets, business hours, contact methods, limits). The config holds no secrets,
 * but review settings are an editorial matter and stay out.
 */
function publicSiteConfig(config: SiteConfig): PublicSiteConfig {
  const { review: _review, statusPage: _statusPage, ...rest } = config;
  return rest;
}

/** The configured site logo as a content-hashed asset (checked like content images), if there is one. */
function siteLogo(plan: SitePlan, problems: Problems): { url: string | undefined; files: Map<string, Uint8Array> } | undefined {
  const logo = plan.config.site.logo;
  if (logo === undefined) return undefined;
  const registry = new AssetRegistry(problems);
  return { url: registry.add(path.resolve(plan.contentDir, logo)), files: registry.files };
}

/** Hash of everything the output is made from, so a client can tell one build's data from another's. */
function contentHash(
  entries: readonly EntryHeader[],
  site: string,
  assets: readonly string[],
  announcements: readonly SourceAnnouncement[],
  fromStatusPage: ReadonlyMap<string, readonly Announcement[]>,
): string {
  const hash = createHash('sha256');
  hash.update(`kotae-data-v2\0${site}\0`);
  for (const entry of [...entries].sort((a, b) => (a.file < b.file ? -1 : 1))) hash.update(`${entry.locale}/${entry.relPath}\0${entry.digest}\0`);
  for (const name of assets) hash.update(name);
  // Only when there are some, so the hash of a site without announcements is what it was before them.
  for (const a of announcements) hash.update(`announcement\0${a.locale}\0${a.digest}\0`);
  for (const [code, list] of fromStatusPage) if (list.length) hash.update(`status\0${code}\0${JSON.stringify(list)}\0`);
  return hash.digest('hex').slice(0, 16);
}

import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  fallbackChain,
  type CatalogEntry,
  type EntryPayload,
  type Manifest,
  type SearchDocument,
  type SiteConfig,
} from '../../content/schema/index.ts';
import { entryUrl } from '../../content/urls.ts';
import { loadBundle, lookup } from '../../i18n/bundles.ts';
import { AssetRegistry } from './assets.ts';
import { loadEntries, type SourceEntry } from './load.ts';
import { Problems } from './problems.ts';
import { CALLOUT_KINDS, prepare, render, type CalloutKind, type LinkTarget, type PreparedEntry, type RenderContext } from './render.ts';
import { loadSiteConfig } from './site-config.ts';
import { validateContent, type EntryFamily } from './validate.ts';

export interface CompileOptions {
  contentDir: string;
  /** Date used for review-age warnings (YYYY-MM-DD); defaults to today. Never written to output. */
  today?: string;
  /** Include entries marked `draft: true` (for previews). */
  drafts?: boolean;
}

export interface CompileResult {
  config: SiteConfig | undefined;
  problems: Problems;
  /** Output files by path relative to the output folder; empty when there are errors. */
  files: Map<string, string | Uint8Array>;
  stats: { entries: number; locales: number };
}

/**
 * The content pipeline: load → validate → render → per-locale outputs, all in memory. `check` runs it and
 * prints the problems; `build` runs it and writes the files. Output is a pure function of the content:
 * every list is sorted and nothing depends on the clock or the machine.
 */
export function compileContent(options: CompileOptions): CompileResult {
  const contentDir = path.resolve(options.contentDir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { config, problems } = loadSiteConfig(contentDir);
  const files = new Map<string, string | Uint8Array>();
  if (!config) return { config, problems, files, stats: { entries: 0, locales: 0 } };

  const entries = loadEntries(contentDir, config, problems);
  const model = validateContent(entries, config, problems, { today, contentDir });
  const published = [...model.families.values()]
    .filter((f) => options.drafts || !f.source.meta.draft)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const publishedIds = new Set(published.map((f) => f.id));

  // Pass 1: lex every written entry once and settle its heading ids (translations reuse their source's).
  const prepared = new Map<SourceEntry, PreparedEntry>();
  for (const family of model.families.values()) {
    const source = prepare(family.source.file, family.source.body, family.source.bodyLine);
    prepared.set(family.source, source);
    for (const translation of family.translations.values())
      prepared.set(translation, prepare(translation.file, translation.body, translation.bodyLine, source.headings));
  }
  for (const p of prepared.values()) problems.add(p.problems);

  // Pass 2: render each entry in every locale, from its translation or along the fallback chain.
  const assets = new AssetRegistry(problems);
  const locales = config.locales.available;
  const shown = (family: EntryFamily, locale: string): SourceEntry =>
    fallbackChain(config, locale)
      .map((code) => (code === family.source.locale ? family.source : family.translations.get(code)))
      .find((e): e is SourceEntry => e !== undefined) ?? family.source;

  const localeSummaries: Manifest['locales'] = [];
  for (const locale of locales) {
    const code = locale.code;
    const chain = fallbackChain(config, code);
    const labels = loadBundle('content', chain);
    const calloutLabels = Object.fromEntries(CALLOUT_KINDS.map((k) => [k, lookup(labels, `callout.${k}`)])) as Record<CalloutKind, string>;
    const targets = new Map<string, LinkTarget>();
    for (const family of model.families.values()) {
      const entry = shown(family, code);
      targets.set(family.id, {
        id: family.id,
        type: entry.meta.type,
        anchors: new Set(prepared.get(entry)!.headings.map((h) => h.id)),
        draft: !publishedIds.has(family.id),
      });
    }
    const ctx: RenderContext = {
      locale: code,
      calloutLabels,
      taskLabels: { done: lookup(labels, 'task.done'), open: lookup(labels, 'task.open') },
      entry: (id) => targets.get(id),
      entryAtFile: (file) => model.idByFile.get(file),
      knownIds: () => [...targets.keys()],
      asset: (file) => assets.add(file),
      contentDir,
    };

    const catalog: CatalogEntry[] = [];
    const documents: SearchDocument[] = [];
    let translated = 0;
    let stale = 0;
    for (const family of published) {
      const entry = shown(family, code);
      const result = render(prepared.get(entry)!, ctx);
      // Problems are reported once, where the text is written, not again for every locale it falls back to.
      if (entry.locale === code) problems.add(result.problems);
      const own = entry.locale === code;
      if (own) translated++;
      const isStale = own && family.stale.has(code);
      if (isStale) stale++;
      const meta = entry.meta;
      const card: CatalogEntry = {
        id: family.id,
        type: meta.type,
        locale: code,
        title: meta.title,
        ...(meta.summary !== undefined && { summary: meta.summary }),
        ...(meta.product !== undefined && { product: meta.product }),
        resources: meta.resources,
        category: meta.category,
        tags: meta.tags,
        updated: meta.updated,
        url: entryUrl(code, meta.type, family.id),
        ...(meta.order !== undefined && { order: meta.order }),
        ...(!own && { fallbackFrom: entry.locale }),
        ...(isStale && {
          stale: {
            sourceLocale: family.source.locale,
            sourceUrl: entryUrl(family.source.locale, meta.type, family.id),
            sourceUpdated: family.source.meta.updated,
          },
        }),
      };
      catalog.push(card);
      const payload: EntryPayload = {
        ...card,
        aliases: meta.aliases,
        ...(meta.reviewed !== undefined && { reviewed: meta.reviewed }),
        html: result.html,
        toc: result.toc,
        related: meta.related
          .filter((id) => publishedIds.has(id))
          .map((id) => {
            const family = model.families.get(id)!;
            const target = shown(family, code);
            return { id, title: target.meta.title, url: entryUrl(code, target.meta.type, id), type: target.meta.type };
          }),
        alternates: locales.map((l) => {
          const alt = shown(family, l.code);
          return { locale: l.code, url: entryUrl(l.code, alt.meta.type, family.id), translated: alt.locale === l.code };
        }),
      };
      files.set(`data/${code}/entries/${family.id}.json`, json(payload));
      for (const section of result.sections) {
        documents.push({
          id: section.anchor ? `${family.id}#${section.anchor}` : family.id,
          entry: family.id,
          type: meta.type,
          locale: entry.locale,
          ...(!own && { fallbackFrom: entry.locale }),
          title: meta.title,
          aliases: meta.aliases,
          tags: meta.tags,
          ...(meta.summary !== undefined && { summary: meta.summary }),
          headings: section.headings,
          anchor: section.anchor,
          text: section.text,
          ...(meta.product !== undefined && { product: meta.product }),
          resources: meta.resources,
          category: meta.category,
          url: entryUrl(code, meta.type, family.id, section.anchor),
          updated: meta.updated,
        });
      }
    }
    const catalogPath = `data/${code}/catalog.json`;
    const documentsPath = `data/${code}/search-documents.json`;
    files.set(catalogPath, json({ version: 1, locale: code, entries: catalog }));
    files.set(documentsPath, json({ version: 1, locale: code, documents }));
    localeSummaries.push({
      code,
      name: locale.name,
      dir: locale.dir,
      fallback: chain.slice(1),
      entries: catalog.length,
      translated,
      stale,
      catalog: catalogPath,
      searchDocuments: documentsPath,
      entryPayload: `data/${code}/entries/{id}.json`,
    });
  }

  for (const [file, bytes] of assets.files) files.set(file, bytes);
  files.set('data/site.json', json(publicSiteConfig(config)));
  if (problems.errors.length) return { config, problems, files: new Map(), stats: { entries: published.length, locales: locales.length } };

  const manifest: Manifest = {
    version: 1,
    contentHash: hashFiles(files),
    defaultLocale: config.locales.default,
    locales: localeSummaries,
    site: 'data/site.json',
  };
  files.set('data/manifest.json', json(manifest));
  return { config, problems, files, stats: { entries: published.length, locales: locales.length } };
}

/**
 * The part of the site config that browsers get: everything a customer may see (names, products,
 * severities and their targets, business hours, contact methods, limits). The config holds no secrets,
 * but review settings are an editorial matter and stay out.
 */
function publicSiteConfig(config: SiteConfig): Omit<SiteConfig, 'review'> {
  const { review: _review, ...rest } = config;
  return rest;
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

function hashFiles(files: Map<string, string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) {
    hash.update(name);
    hash.update('\0');
    hash.update(files.get(name)!);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}


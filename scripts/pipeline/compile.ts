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
import { buildIndexFiles, MANIFEST as SEARCH_MANIFEST } from '../../search/index-files.ts';
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
  stats: { entries: number; locales: number };
}

/** Receives each output file as soon as it is ready (path relative to the output folder). */
export type OutputSink = (path: string, content: string | Uint8Array) => void;

/**
 * The content pipeline: load → validate → render → per-locale outputs, all in memory. `check` runs it and
 * prints the problems; `build` runs it and writes the files. Output is a pure function of the content:
 * every list is sorted and nothing depends on the clock or the machine.
 */
export function compileContent(options: CompileOptions, emit: OutputSink = () => {}): CompileResult {
  const contentDir = path.resolve(options.contentDir);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const { config, problems } = loadSiteConfig(contentDir);
  if (!config) return { config, problems, stats: { entries: 0, locales: 0 } };

  const entries = loadEntries(contentDir, config, problems);
  const model = validateContent(entries, config, problems, { today, contentDir });
  const families = [...model.families.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const published = families.filter((f) => options.drafts || !f.source.meta.draft);
  const publishedIds = new Set(published.map((f) => f.id));

  // Heading ids of every written entry are needed to check links to `id:entry#anchor`, but holding 20,000
  // token trees costs more (memory, GC) than lexing again, and lexing everything twice costs a third of the
  // build. So outlines are computed on demand and only they are kept: an entry is lexed once when it is
  // rendered, and once more only if another entry, rendered earlier, links to one of its sections.
  const outlines = new Map<SourceEntry, PreparedEntry['headings']>();
  const familyOf = new Map<SourceEntry, EntryFamily>();
  for (const family of model.families.values()) {
    familyOf.set(family.source, family);
    for (const translation of family.translations.values()) familyOf.set(translation, family);
  }
  const lex = (entry: SourceEntry): PreparedEntry => {
    const family = familyOf.get(entry)!;
    const sourceOutline = entry === family.source ? undefined : outlineOf(family.source);
    const prepared = prepare(entry.file, entry.body, entry.bodyLine, sourceOutline);
    outlines.set(entry, prepared.headings);
    return prepared;
  };
  const outlineOf = (entry: SourceEntry): PreparedEntry['headings'] => outlines.get(entry) ?? lex(entry).headings;

  // Pass 2: render each entry in every locale, from its translation or along the fallback chain.
  const assets = new AssetRegistry(problems);
  const locales = config.locales.available;
  const shown = (family: EntryFamily, locale: string): SourceEntry =>
    fallbackChain(config, locale)
      .map((code) => (code === family.source.locale ? family.source : family.translations.get(code)))
      .find((e): e is SourceEntry => e !== undefined) ?? family.source;

  interface LocaleOutput {
    code: string;
    ctx: RenderContext;
    catalog: CatalogEntry[];
    documents: SearchDocument[];
    translated: number;
    stale: number;
  }
  const outputs: LocaleOutput[] = locales.map((locale) => {
    const code = locale.code;
    const labels = loadBundle('content', fallbackChain(config, code));
    const calloutLabels = Object.fromEntries(CALLOUT_KINDS.map((k) => [k, lookup(labels, `callout.${k}`)])) as Record<CalloutKind, string>;
    const targets = new Map<string, LinkTarget>();
    for (const family of model.families.values()) {
      const entry = shown(family, code);
      targets.set(family.id, {
        id: family.id,
        type: entry.meta.type,
        get anchors() {
          return new Set(outlineOf(entry).map((h) => h.id));
        },
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
    return { code, ctx, catalog: [], documents: [], translated: 0, stale: 0 };
  });

  // Family by family: an entry is lexed once for all the locales that show it.
  const ok = () => problems.errors.length === 0;
  for (const family of families) {
    // Every written entry is lexed here once, drafts included, so `check` reports their problems too.
    const lexed = new Map<SourceEntry, PreparedEntry>();
    for (const entry of [family.source, ...family.translations.values()]) {
      const prepared = lex(entry);
      problems.add(prepared.problems);
      lexed.set(entry, prepared);
    }
    if (!publishedIds.has(family.id)) continue;
    for (const out of outputs) {
      const { code } = out;
      const entry = shown(family, code);
      const result = render(lexed.get(entry)!, out.ctx);
      // Problems are reported once, where the text is written, not again for every locale it falls back to.
      const own = entry.locale === code;
      if (own) problems.add(result.problems);
      if (own) out.translated++;
      const isStale = own && family.stale.has(code);
      if (isStale) out.stale++;
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
      out.catalog.push(card);
      const payload: EntryPayload = {
        ...card,
        aliases: meta.aliases,
        ...(meta.reviewed !== undefined && { reviewed: meta.reviewed }),
        html: result.html,
        toc: result.toc,
        related: meta.related
          .filter((id) => publishedIds.has(id))
          .map((id) => {
            const target = shown(model.families.get(id)!, code);
            return { id, title: target.meta.title, url: entryUrl(code, target.meta.type, id), type: target.meta.type };
          }),
        alternates: locales.map((l) => {
          const alt = shown(family, l.code);
          return { locale: l.code, url: entryUrl(l.code, alt.meta.type, family.id), translated: alt.locale === l.code };
        }),
      };
      if (ok()) emit(`data/${code}/entries/${family.id}.json`, json(payload));
      for (const section of result.sections) {
        out.documents.push({
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
  }

  const stats = { entries: published.length, locales: locales.length };
  if (!ok()) return { config, problems, stats };
  const localeSummaries: Manifest['locales'] = outputs.map((out) => {
    const locale = locales.find((l) => l.code === out.code)!;
    const catalogPath = `data/${out.code}/catalog.json`;
    const documentsPath = `data/${out.code}/search-documents.json`;
    emit(catalogPath, json({ version: 1, locale: out.code, entries: out.catalog }));
    emit(documentsPath, json({ version: 1, locale: out.code, documents: out.documents }));
    const searchDir = `data/${out.code}/search`;
    for (const file of buildIndexFiles(out.documents, { locale: out.code })) emit(`${searchDir}/${file.path}`, file.content);
    return {
      code: out.code,
      name: locale.name,
      dir: locale.dir,
      fallback: fallbackChain(config, out.code).slice(1),
      entries: out.catalog.length,
      translated: out.translated,
      stale: out.stale,
      catalog: catalogPath,
      searchDocuments: documentsPath,
      searchIndex: `${searchDir}/${SEARCH_MANIFEST}`,
      entryPayload: `data/${out.code}/entries/{id}.json`,
    };
  });

  for (const [file, bytes] of assets.files) emit(file, bytes);
  const site = json(publicSiteConfig(config));
  emit('data/site.json', site);
  const manifest: Manifest = {
    version: 1,
    contentHash: contentHash(entries, site, assets.files),
    defaultLocale: config.locales.default,
    locales: localeSummaries,
    site: 'data/site.json',
  };
  emit('data/manifest.json', json(manifest));
  return { config, problems, stats };
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

/** Hash of everything the output is made from, so a client can tell one build's data from another's. */
function contentHash(entries: readonly SourceEntry[], site: string, assets: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256');
  hash.update(`kotae-data-v1\0${site}\0`);
  for (const entry of [...entries].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    hash.update(`${entry.locale}/${entry.relPath}\0${JSON.stringify(entry.meta)}\0${entry.body}\0`);
  }
  for (const name of [...assets.keys()].sort()) hash.update(name);
  return hash.digest('hex').slice(0, 16);
}

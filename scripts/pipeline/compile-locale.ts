import { fallbackChain, type CatalogEntry, type EntryPayload, type SearchDocument, type SiteConfig } from '../../content/schema/index.ts';
import { entryUrl } from '../../content/urls.ts';
import { MANIFEST as SEARCH_MANIFEST } from '../../search/index-files.ts';
import { bundleTranslator } from '../../i18n/bundles.ts';
import { AssetRegistry } from './assets.ts';
import type { EntryHeader } from './load.ts';
import { Problems, type Problem } from '../../content/problems.ts';
import { CALLOUT_KINDS, prepare, render, type CalloutKind, type LinkTarget, type PreparedEntry, type RenderContext } from './render.ts';
import { SearchOutput } from './search-output.ts';
import type { ContentModel, EntryFamily } from './validate.ts';
import type { OutputSink } from './output-sink.ts';
import type { StatusSummaryText } from './status-page.ts';

/**
 * What building one locale needs to know about the whole site, as plain data: it is computed once from
 * every locale's frontmatter and handed to each locale's builder, in this thread or in a worker.
 */
export interface SitePlan {
  contentDir: string;
  config: SiteConfig;
  model: ContentModel<EntryHeader>;
  /** Ids of the entries that are published (drafts are left out unless the build includes them). */
  published: ReadonlySet<string>;
  /** False when loading or validating found errors: locales are still rendered (to report their problems) but write nothing. */
  clean: boolean;
  /** The build's time (ms since the epoch) when given; announcements ended by then are left out. */
  now?: number;
  /** The status page's summary when the config names one by URL and the build fetched it (`CompileOptions.statusSummary`). */
  statusSummary?: StatusSummaryText;
}

/** What one locale's build reports back; its files went to the sink. */
export interface LocaleCompileResult {
  code: string;
  entries: number;
  translated: number;
  stale: number;
  problems: Problem[];
  /** Images the locale's entries use: output path → bytes (the same image may come from several locales). */
  assets: [string, Uint8Array][];
  catalog: string;
  searchDocuments: string;
  searchIndex: string;
  entryPayload: string;
}

/** What one entry family gave a locale: kept by the live preview, so an edit rebuilds only the families it touches. */
export interface FamilyOutput {
  /** Absent when the entry is not published. */
  card?: CatalogEntry;
  payload?: EntryPayload;
  documents?: SearchDocument[];
  problems: Problem[];
  /** Ids of the entries its text or its related list looks up: when one of them changes, so may this output. */
  uses: string[];
  /** Image files its text shows. */
  images: string[];
  /** Written in this locale (not a fallback), and then whether from an older source. */
  own: boolean;
  stale: boolean;
}

/**
 * Incremental build of a locale (the live preview): families not in `dirty` reuse their `previous` output
 * and are neither rendered nor written again; the search index is not built (the caller builds it from the
 * outputs' documents when it is asked for). Every family's output is put in `outputs`.
 */
export interface LocaleReuse {
  previous: ReadonlyMap<string, FamilyOutput>;
  dirty: ReadonlySet<string>;
  outputs: Map<string, FamilyOutput>;
}

/** The text of an entry, by its header. */
export type BodySource = (entry: EntryHeader) => string;

/** Heading outlines by file, shared between locales built in the same thread so an entry is not lexed twice for them. */
export type OutlineCache = Map<string, PreparedEntry['headings']>;

/**
 * Builds one locale: renders every published entry as that locale shows it (its translation, or the next
 * locale of its fallback chain), and writes the entry payloads, the catalog, the section-level search
 * documents and the search index under `data/<code>/`. Reports the problems of the entries written in this
 * locale, drafts included, so that building every locale reports each problem once. With no `emit`, only
 * checks (nothing is serialized).
 */
export function compileLocale(
  plan: SitePlan,
  code: string,
  bodyOf: BodySource,
  emit?: OutputSink,
  outlines: OutlineCache = new Map(),
  reuse?: LocaleReuse,
): LocaleCompileResult {
  const { config, model, published } = plan;
  const problems = new Problems();
  const families = [...model.families.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const familyOf = new Map<string, EntryFamily<EntryHeader>>();
  for (const family of families) {
    familyOf.set(family.source.file, family);
    for (const translation of family.translations.values()) familyOf.set(translation.file, family);
  }

  // Heading ids of every written entry are needed to check links to `id:entry#anchor`, but holding thousands
  // of token trees costs more (memory, GC) than lexing again. So only outlines are kept: an entry is lexed
  // when it is rendered, and before that only if a translation or a link needs its headings.
  const lex = (entry: EntryHeader): PreparedEntry => {
    const family = familyOf.get(entry.file)!;
    const sourceOutline = entry.file === family.source.file ? undefined : outlineOf(family.source);
    const prepared = prepare(entry.file, bodyOf(entry), entry.bodyLine, sourceOutline);
    outlines.set(entry.file, prepared.headings);
    return prepared;
  };
  const outlineOf = (entry: EntryHeader): PreparedEntry['headings'] => outlines.get(entry.file) ?? lex(entry).headings;
  const shown = (family: EntryFamily<EntryHeader>): EntryHeader => shownIn(config, family, code);

  const assets = new AssetRegistry(problems);
  const { t: label } = bundleTranslator('content', fallbackChain(config, code));
  const targets = new Map<string, LinkTarget>();
  for (const family of families) {
    const entry = shown(family);
    targets.set(family.id, {
      id: family.id,
      type: entry.meta.type,
      get anchors() {
        return new Set(outlineOf(entry).map((h) => h.id));
      },
      draft: !published.has(family.id),
    });
  }
  // What the family being built looks up (entries, images): the live preview rebuilds it when one of those changes.
  let uses: Set<string> = new Set();
  let images: string[] = [];
  const ctx: RenderContext = {
    locale: code,
    calloutLabels: Object.fromEntries(CALLOUT_KINDS.map((k) => [k, label(`callout.${k}`)])) as Record<CalloutKind, string>,
    taskLabels: { done: label('task.done'), open: label('task.open') },
    entry: (id) => {
      uses.add(id);
      return targets.get(id);
    },
    entryAtFile: (file) => model.idByFile.get(file),
    knownIds: () => [...targets.keys()],
    asset: (file) => {
      images.push(file);
      return assets.add(file);
    },
    contentDir: plan.contentDir,
  };

  const paths = {
    catalog: `data/${code}/catalog.json`,
    searchDocuments: `data/${code}/search-documents.json`,
    searchIndex: `data/${code}/search/${SEARCH_MANIFEST}`,
    entryPayload: `data/${code}/entries/{id}.json`,
  };
  // Errors are counted as they come (entries and images report them): `problems.errors` filters the whole list
  // each time, and a large site has thousands of warnings.
  let errors = 0;
  let counted = 0;
  const writing = (): boolean => {
    for (; counted < problems.list.length; counted++) if (problems.list[counted]!.severity === 'error') errors++;
    return emit !== undefined && plan.clean && errors === 0;
  };
  let search: SearchOutput | undefined;
  const searchOutput = (): SearchOutput => (search ??= new SearchOutput(emit!, code, paths.searchDocuments, `data/${code}/search`));

  const build = (family: EntryFamily<EntryHeader>): FamilyOutput => {
    uses = new Set(family.source.meta.related);
    images = [];
    const own = family.source.locale === code ? family.source : family.translations.get(code);
    const out: FamilyOutput = { problems: [], uses: [], images: [], own: false, stale: false };
    // Every entry written in this locale is lexed, drafts included, so `check` reports their problems too.
    const ownPrepared = own && lex(own);
    if (ownPrepared) out.problems.push(...ownPrepared.problems);
    if (!published.has(family.id)) return out;
    const entry = shown(family);
    const isOwn = entry === own;
    const result = render(isOwn ? ownPrepared! : lex(entry), ctx);
    // Problems are reported once, where the text is written, not again for every locale it falls back to.
    if (isOwn) out.problems.push(...result.problems);
    out.own = isOwn;
    out.stale = isOwn && family.stale.has(code);
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
      ...(meta.published !== undefined && { published: meta.published }),
      url: entryUrl(code, meta.type, family.id),
      ...(meta.order !== undefined && { order: meta.order }),
      ...(!isOwn && { fallbackFrom: entry.locale }),
      ...(out.stale && {
        stale: {
          sourceLocale: family.source.locale,
          sourceUrl: entryUrl(family.source.locale, meta.type, family.id),
          sourceUpdated: family.source.meta.updated,
        },
      }),
    };
    out.card = card;
    out.uses = [...uses];
    out.images = images;
    if (emit === undefined) return out;
    out.payload = {
      ...card,
      aliases: meta.aliases,
      ...(meta.reviewed !== undefined && { reviewed: meta.reviewed }),
      html: result.html,
      toc: result.toc,
      related: meta.related
        .filter((id) => published.has(id))
        .map((id) => {
          const target = shown(model.families.get(id)!);
          return { id, title: target.meta.title, url: entryUrl(code, target.meta.type, id), type: target.meta.type };
        }),
      alternates: config.locales.available.map((l) => {
        const alt = shownIn(config, family, l.code);
        return { locale: l.code, url: entryUrl(l.code, alt.meta.type, family.id), translated: alt.locale === l.code };
      }),
      sourcePath: `${entry.locale}/${entry.relPath}`,
    };
    out.documents = result.sections.map(
      (section): SearchDocument => ({
        id: section.anchor ? `${family.id}#${section.anchor}` : family.id,
        entry: family.id,
        type: meta.type,
        locale: entry.locale,
        ...(!isOwn && { fallbackFrom: entry.locale }),
        title: meta.title,
        aliases: isOwn ? meta.aliases : [...meta.aliases, idWords(family.id)],
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
      }),
    );
    return out;
  };

  const catalog: CatalogEntry[] = [];
  let translated = 0;
  let stale = 0;
  for (const family of families) {
    const kept = reuse && !reuse.dirty.has(family.id) ? reuse.previous.get(family.id) : undefined;
    const out = kept ?? build(family);
    if (kept) for (const image of kept.images) assets.add(image);
    reuse?.outputs.set(family.id, out);
    problems.add(out.problems);
    if (!out.card) continue;
    if (out.own) translated++;
    if (out.stale) stale++;
    catalog.push(out.card);
    // A kept family's files are already where the live preview keeps them; the search index is its to build.
    if (!writing() || kept) continue;
    emit!(`data/${code}/entries/${family.id}.json`, json(out.payload));
    // Handed over entry by entry: the search output need not hold them (see SearchOutput).
    if (!reuse) searchOutput().add(out.documents!);
    // The build does not keep what it has written.
    if (!reuse) out.payload = out.documents = undefined;
  }

  if (writing()) {
    emit!(paths.catalog, json({ version: 1, locale: code, entries: catalog }));
    if (!reuse) searchOutput().finish();
  }
  return { code, entries: catalog.length, translated, stale, problems: problems.list, assets: [...assets.files], ...paths };
}

/**
 * The words of an entry's id ("delete-account" → "delete account"). An entry shown from a fallback locale has
 * its text in another language, which a query in this locale's words cannot match: its id, chosen once for
 * every language and usually in the words of the site's lingua franca, is the one text it has that can. It
 * is searched as an alias of the untranslated entry only; translated entries have their own words.
 */
export function idWords(id: string): string {
  return id.replace(/[-_]+/g, ' ');
}

/** The entry a locale shows for a family: its own translation, or the first one along its fallback chain. */
function shownIn(config: SiteConfig, family: EntryFamily<EntryHeader>, code: string): EntryHeader {
  return (
    fallbackChain(config, code)
      .map((locale) => (locale === family.source.locale ? family.source : family.translations.get(locale)))
      .find((e): e is EntryHeader => e !== undefined) ?? family.source
  );
}

export function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog, EntryPayload, Manifest, SiteConfig } from '../content/schema/index.ts';
import { Problems, type Problem } from '../content/problems.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { renderSiteTo } from '../kb-site/render-site.tsx';
import { buildIndexFiles } from '../search/index-files.ts';
import { finishSite, planSite } from './pipeline/compile-site.ts';
import { compileLocale, json, type FamilyOutput, type LocaleCompileResult, type OutlineCache } from './pipeline/compile-locale.ts';
import { checkLocaleFolders, configuredLocales, loadLocale, parseEntryFile, type SourceEntry } from './pipeline/load.ts';

type Files = Map<string, string | Uint8Array>;

const CONTENT_FILE = /\.(md|ya?ml|json|png|jpe?g|gif|webp|avif|svg)$/i;

export interface DevBuildResult {
  ok: boolean;
  /** Whether every entry was rebuilt (first build, or a change an incremental build cannot follow). */
  full: boolean;
  ms: number;
  /** Errors first, then warnings, in file order. */
  problems: Problem[];
}

/**
 * The live preview's site, built in memory and kept between saves so that a save rebuilds only what it
 * touches: the saved entries' families in every locale (a locale may show an entry through its fallback),
 * the entries whose links or related lists look them up, the pages of those entries and the pages that list
 * entries. Everything site-wide that is cheap (validation of all frontmatter, the list pages, the manifest)
 * is redone every time, so an incremental build gives the same files as a full one (but the sitemap, whose
 * dates may lag). Entry pages are rendered when first asked for, and a locale's search index when it is
 * first asked for after a change, not on every save.
 *
 * What an incremental build cannot follow (the site config, images, a file added, removed or renamed, an
 * entry's id, type, draft state, product or category) makes it a full build.
 */
export class DevSite {
  /** The last good build: what the preview serves. */
  files: Files = new Map();
  /** Its entry pages, rendered when first asked for (then kept in `files`). */
  private pages = new Map<string, () => string>();
  private config: SiteConfig | undefined;
  private siteProblems: Problem[] = [];
  /** Loaded entries by file (those that failed to load are absent) and each file's loading problems. */
  private entries = new Map<string, SourceEntry>();
  private loadProblems = new Map<string, Problem[]>();
  private outlines: OutlineCache = new Map();
  /** What the last good build produced, per locale and family, and what it was made from. */
  private outputs = new Map<string, Map<string, FamilyOutput>>();
  private shape = '';
  private idByFile = new Map<string, string>();
  /** The Markdown files found by the last full load. */
  private known = new Set<string>();
  /** Files saved since the last good build: built again until a build succeeds. */
  private pending = new Set<string>();
  private needsFull = true;
  /** Locales whose search files are out of date, built on request. */
  private staleSearch = new Set<string>();

  constructor(
    private readonly contentDir: string,
    private readonly drafts: boolean,
  ) {}

  /** Builds the site again after `changed` files were written (absolute paths): everything the first time. */
  build(changed: readonly string[] = []): DevBuildResult {
    const started = performance.now();
    // A temporary file of a save (written, then renamed over the real one) is gone by now and was never content.
    for (const file of changed) if (existsSync(file) || CONTENT_FILE.test(file)) this.pending.add(path.resolve(file));
    if (!this.pending.size && !this.needsFull) return { ok: true, full: false, ms: performance.now() - started, problems: [] };
    const full = this.needsFull || [...this.pending].some((file) => !this.isEntryFile(file));
    try {
      const problems = full ? this.loadAll() : this.reload([...this.pending]);
      const built = problems ? this.compile(full, problems) : undefined;
      const sorted = (problems?.sorted() ?? [...this.siteProblems]).sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
      return { ok: built !== undefined, full: built === 'full', ms: performance.now() - started, problems: sorted };
    } catch (error) {
      this.needsFull = true;
      throw error;
    }
  }

  /** A file of the site, building a locale's search files first if an edit left them out of date. */
  file(name: string): string | Uint8Array | undefined {
    const match = /^data\/([^/]+)\/(?:search\/|search-documents\.json$)/.exec(name);
    if (match && this.staleSearch.has(match[1]!)) this.buildSearch(match[1]!);
    const render = this.pages.get(name);
    if (render) {
      this.files.set(name, render());
      this.pages.delete(name);
    }
    return this.files.get(name);
  }

  private isEntryFile(file: string): boolean {
    if (!file.endsWith('.md') || !this.config) return false;
    const rel = path.relative(this.contentDir, file).split(path.sep);
    // A file that appears or disappears changes the site's shape (links by path, lists): a full build.
    return rel.length > 1 && configuredLocales(this.config).includes(rel[0]!) && this.known.has(file) && existsSync(file);
  }

  private loadAll(): Problems | undefined {
    const { config, problems } = loadSiteConfig(this.contentDir);
    this.config = config;
    this.siteProblems = [...problems.list];
    if (!config) return undefined;
    checkLocaleFolders(this.contentDir, config, problems);
    this.siteProblems = [...problems.list];
    this.entries.clear();
    this.loadProblems.clear();
    this.outlines.clear();
    for (const locale of configuredLocales(config)) {
      const found = new Problems();
      for (const entry of loadLocale(this.contentDir, locale, found)) this.entries.set(entry.file, entry);
      for (const p of found.list) this.loadProblems.set(p.file, [...(this.loadProblems.get(p.file) ?? []), p]);
    }
    this.known = new Set([...this.entries.keys(), ...[...this.loadProblems.keys()].filter((file) => file.endsWith('.md'))]);
    this.needsFull = false;
    return this.collect();
  }

  private reload(files: readonly string[]): Problems {
    for (const file of files) {
      const rel = path.relative(this.contentDir, file).split(path.sep);
      const found = new Problems();
      const entry = parseEntryFile(file, readFileSync(file, 'utf8'), rel[0]!, rel.slice(1).join('/'), found);
      if (entry) this.entries.set(file, entry);
      else this.entries.delete(file);
      this.loadProblems.set(file, found.list);
      this.outlines.delete(file);
    }
    return this.collect();
  }

  private collect(): Problems {
    const problems = new Problems();
    problems.add(this.siteProblems);
    for (const list of this.loadProblems.values()) problems.add(list);
    return problems;
  }

  /** Compiles and renders; on success makes the result the served site and says how much was rebuilt. */
  private compile(full: boolean, problems: Problems): 'full' | 'incremental' | undefined {
    const config = this.config!;
    const entries = [...this.entries.values()].sort((a, b) => (a.locale !== b.locale ? (a.locale < b.locale ? -1 : 1) : a.file < b.file ? -1 : 1));
    const plan = planSite({ contentDir: this.contentDir, drafts: this.drafts }, config, entries, problems);
    const shape = entries.map((e) => [e.file, e.meta.id, e.meta.type, plan.published.has(e.meta.id), e.meta.product, e.meta.category].join('\0')).join('\n');
    const incremental = !full && shape === this.shape;
    const dirty = incremental ? this.dirtyFamilies() : new Set(plan.model.families.keys());

    const next: Files = incremental ? new Map(this.files) : new Map();
    const pages = incremental ? new Map(this.pages) : new Map<string, () => string>();
    const emit = (file: string, content: string | Uint8Array) => next.set(file, content);
    const outputs = new Map<string, Map<string, FamilyOutput>>();
    const results: LocaleCompileResult[] = config.locales.available.map((locale) => {
      const own = new Map<string, FamilyOutput>();
      outputs.set(locale.code, own);
      const previous = (incremental && this.outputs.get(locale.code)) || new Map<string, FamilyOutput>();
      return compileLocale(plan, locale.code, (e) => this.entries.get(e.file)!.body, emit, this.outlines, { previous, dirty, outputs: own });
    });
    finishSite(plan, entries, results, problems, emit);
    if (problems.errors.length) return undefined;

    const manifest = JSON.parse(String(next.get('data/manifest.json'))) as Manifest;
    const catalogs = new Map<string, Catalog>(
      [...outputs].map(([code, own]) => [code, { version: 1, locale: code, entries: [...own.values()].flatMap((o) => (o.card ? [o.card] : [])) }]),
    );
    renderSiteTo({ config, manifest, catalogs, payload: (locale, id) => outputs.get(locale)!.get(id)!.payload as EntryPayload }, emit, {
      ...(incremental && { entries: this.pagesShowing(dirty) }),
      serviceWorker: false,
      deferEntryPage: (file, render) => pages.set(file, render),
    });

    this.files = next;
    this.pages = pages;
    this.outputs = outputs;
    this.shape = shape;
    this.idByFile = new Map(entries.map((e) => [e.file, e.meta.id]));
    this.pending.clear();
    for (const locale of config.locales.available) this.staleSearch.add(locale.code);
    return incremental ? 'incremental' : 'full';
  }

  /** The families of the saved files and the families whose output looked one of them up. */
  private dirtyFamilies(): Set<string> {
    const changed = new Set<string>();
    for (const file of this.pending) {
      const before = this.idByFile.get(file);
      if (before) changed.add(before);
      const now = this.entries.get(file)?.meta.id;
      if (now) changed.add(now);
    }
    const dirty = new Set(changed);
    for (const own of this.outputs.values()) for (const [id, output] of own) if (output.uses.some((used) => changed.has(used))) dirty.add(id);
    return dirty;
  }

  /**
   * The entries whose pages show one of `families`: their own, and every entry of the same product, whose
   * sidebar lists them and whose previous / next may name them. Pages render on request, so this costs little.
   */
  private pagesShowing(families: ReadonlySet<string>): Set<string> {
    const products = new Set<string | undefined>();
    for (const entry of this.entries.values()) if (families.has(entry.meta.id)) products.add(entry.meta.product);
    const pages = new Set(families);
    for (const entry of this.entries.values()) if (products.has(entry.meta.product)) pages.add(entry.meta.id);
    return pages;
  }

  private buildSearch(code: string): void {
    const own = this.outputs.get(code);
    if (!own) return;
    const dir = `data/${code}/search/`;
    for (const name of [...this.files.keys()]) if (name.startsWith(dir)) this.files.delete(name);
    const documents = [...own.values()].flatMap((o) => (o.card ? (o.documents ?? []) : []));
    this.files.set(`data/${code}/search-documents.json`, json({ version: 1, locale: code, documents }));
    for (const file of buildIndexFiles(documents, { locale: code })) this.files.set(`${dir}${file.path}`, file.content);
    this.staleSearch.delete(code);
  }
}

import type { CatalogEntry, EntryPayload, Manifest } from '../content/schema/index.ts';
import type { SearchResult } from '../search/index.ts';
import { loadEngine } from './engine-loader.ts';
import type { KotaeContext, KotaeDiagnosticsProvider, KotaePrefill } from './api.ts';
import { DataSource, type SiteInfo } from './data-source.ts';
import { WidgetEvents } from './events.ts';
import { contactVisible, type GateMode } from './contact-gate.ts';
import { WidgetI18n } from './i18n.ts';
import { DeflectionTrail } from './trail.ts';

/** One search as the views show it. */
export interface SearchOutcome {
  query: string;
  results: SearchResult[];
  answered: boolean;
}

/**
 * Everything the widget's panels share on one page: locale and strings, the host's context, identity,
 * prefill and diagnostics, the deflection trail, the gate and the events. Panels subscribe to changes.
 */
export class WidgetSession {
  readonly data: DataSource;
  readonly events = new WidgetEvents();
  readonly trail = new DeflectionTrail();
  readonly i18n = new WidgetI18n();
  site: SiteInfo | undefined;
  locale = 'en';
  dir: 'ltr' | 'rtl' = 'ltr';
  context: KotaeContext = {};
  identity: string | null = null;
  prefill: KotaePrefill = {};
  diagnostics: KotaeDiagnosticsProvider | undefined;
  private readonly listeners = new Set<() => void>();
  private requestedLocale: string | undefined;
  private started = false;

  constructor(base: string, locale: string | undefined, manifest?: Promise<Response>) {
    this.data = new DataSource(base, manifest ? new Map([[new URL('data/manifest.json', base).href, manifest]]) : undefined);
    this.requestedLocale = locale;
  }

  /** Loads the site config and the strings of the locale chosen (data attribute, `setLocale`, browser). */
  async start(): Promise<void> {
    const manifest = await this.data.manifest();
    const [site] = await Promise.all([this.data.site(), this.setLocale(this.chooseLocale(manifest))]);
    this.site = site;
    this.changed();
  }

  private chooseLocale(manifest: Manifest): string {
    if (this.started) return this.locale;
    const codes = manifest.locales.map((l) => l.code);
    const wanted = [this.requestedLocale, ...navigator.languages, ...navigator.languages.map((l) => l.split('-')[0])];
    return wanted.find((l): l is string => !!l && codes.includes(l)) ?? manifest.defaultLocale;
  }

  /**
   * Starts fetching the engine and the index of the locale in use (or about to be), so a search does not
   * wait for them. Called on the first keystroke and by the search API; never on open alone.
   */
  warmSearch(): void {
    void loadEngine().catch(() => {});
    void this.data
      .manifest()
      .then((manifest) => this.data.index(this.chooseLocale(manifest)))
      .catch(() => {});
  }

  async setLocale(locale: string): Promise<void> {
    const manifest = await this.data.manifest();
    const entry = manifest.locales.find((l) => l.code === locale);
    if (!entry) throw new Error(`Kotae('setLocale', '${locale}'): the site has ${manifest.locales.map((l) => `"${l.code}"`).join(', ')}`);
    await this.i18n.use(locale);
    this.locale = locale;
    this.started = true;
    this.dir = entry.dir;
    this.changed();
  }

  get gate(): GateMode {
    return this.site?.widget.gate ?? 'search-first';
  }

  get contactVisible(): boolean {
    return contactVisible(this.gate, this.trail.steps);
  }

  setContext(context: KotaeContext): void {
    if (!context || typeof context !== 'object') throw new TypeError("Kotae('setContext', {product, resource, page}): expected an object");
    this.context = { ...context };
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Runs a query on this locale's index; `record` adds it to the deflection trail and emits `search`. */
  async search(query: string, record = true): Promise<SearchOutcome> {
    const locale = this.locale;
    const [index, { search, answers }] = await Promise.all([this.data.index(locale), loadEngine()]);
    const results = await search(index, query, { limit: 8, context: this.context });
    const answered = answers(results, index).answered;
    if (record && query.trim().length >= 2) {
      this.trail.search(query, results.length, answered, results[0]?.entry);
      this.events.emit('search', { query, results: results.length, answered });
      this.changed();
    }
    return { query, results, answered };
  }

  /**
   * Entries to show before the customer types: those matching the host's page (a tag or resource), resource
   * and product first, other products' entries last, each group in the site's order.
   */
  async topEntries(limit = 5): Promise<CatalogEntry[]> {
    const catalog = await this.data.catalog(this.locale);
    const { product, resource, page } = this.context;
    const rank = (e: CatalogEntry) =>
      (page && (e.tags.includes(page) || e.resources.includes(page)) ? -4 : 0) +
      (resource && e.resources.includes(resource) ? -2 : 0) +
      (product ? (e.product === product ? -1 : e.product ? 1 : 0) : 0);
    return [...catalog].sort((a, b) => rank(a) - rank(b) || (a.order ?? 1e9) - (b.order ?? 1e9)).slice(0, limit);
  }

  async article(id: string): Promise<EntryPayload> {
    const payload = await this.data.payload(this.locale, id);
    this.trail.article(id, payload.title);
    this.events.emit('article:view', { id, title: payload.title, locale: this.locale });
    this.changed();
    return payload;
  }

  /**
   * Runs the host's diagnostics provider (for the inquiry); resolves to its result, or to an `error` field
   * when it throws or takes longer than 3 s, so a broken provider never blocks the customer.
   */
  async collectDiagnostics(): Promise<unknown> {
    const provider = this.diagnostics;
    if (!provider) return undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(provider),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 3 s')), 3000)),
      ]);
    } catch (error) {
      return { error: String((error as Error)?.message ?? error) };
    }
  }

  vote(id: string, helpful: boolean): void {
    this.trail.vote(id, helpful);
    this.events.emit('vote', { id, helpful });
    this.changed();
  }

  /** The site config text for this locale (`{ja: …, en: …}` → the string), falling back to the default. */
  text(value: string | Record<string, string> | undefined): string {
    if (!value) return '';
    if (typeof value === 'string') return value;
    return value[this.locale] ?? value[this.site?.locales.default ?? ''] ?? Object.values(value)[0] ?? '';
  }
}

import { showing } from '../content/announcement-window.ts';
import type { Announcement, CatalogEntry, EntryPayload } from '../content/schema/index.ts';
import type { KotaeContext, KotaeDiagnosticsProvider, KotaePrefill } from './api.ts';
import { contactVisible, type ContactVisibility } from './contact-gate.ts';
import { DataSource, type SiteInfo } from './data-source.ts';
import { eventsEndpoint } from './analytics/events-endpoint.ts';
import { LazyAnalytics } from './analytics/lazy-analytics.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { WidgetEvents } from './events.ts';
import { WidgetI18n } from './i18n.ts';
import { asksForPerson, personPhrases } from './person-request.ts';
import { searchKnowledgeBase, warmKnowledgeBase, type SearchOutcome } from './kb-search.ts';
import { chooseLocale, siteText, type TextDirection } from './locale-choice.ts';
import { startEntries } from './start-entries.ts';
import { DeflectionTrail } from './trail.ts';

/**
 * The state the widget's panels share on one page, and the one place that changes it: the locale and its
 * strings, what the host said (context, identity, prefill, diagnostics provider), the deflection trail and
 * the events. Each concept's logic has its own module (locale-choice, kb-search, start-entries,
 * diagnostics, contact-gate, trail); this class keeps the state and tells subscribed panels of changes.
 */
export class WidgetSession {
  readonly data: DataSource;
  readonly events = new WidgetEvents();
  readonly trail = new DeflectionTrail();
  readonly i18n = new WidgetI18n();
  /** Anonymous self-service events for the site's insights (off until the site config says otherwise). */
  readonly analytics = new LazyAnalytics();
  site: SiteInfo | undefined;
  locale = 'en';
  dir: TextDirection = 'ltr';
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
    const [site] = await Promise.all([this.data.site(), this.setLocale(await this.startLocale())]);
    this.site = site;
    this.analytics.configure({
      endpoint: eventsEndpoint(site.intake.url, this.data.base),
      insights: site.insights,
      page: () => ({ locale: this.locale, product: this.context.product }),
    });
    this.changed();
  }

  /** The locale in use once started; before that, the one the widget will start in. */
  private async startLocale(): Promise<string> {
    const manifest = await this.data.manifest();
    return this.started ? this.locale : chooseLocale(manifest, this.requestedLocale, navigator.languages);
  }

  /**
   * Starts fetching the engine and the index of the locale in use (or about to be), so a search does not
   * wait for them. Called on the first keystroke and by the search API; never on open alone.
   */
  warmSearch(): void {
    warmKnowledgeBase(this.data, this.startLocale());
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

  /** The site's `contact.visible` (a site built before it existed behaves as the default). */
  get gate(): ContactVisibility {
    return this.site?.contact?.visible ?? 'when-unanswered';
  }

  /** Whether the search view offers contact now (see contact-gate.ts). */
  get contactVisible(): boolean {
    return contactVisible(this.gate, this.trail.steps, this.asksForPerson);
  }

  /** Whether "Still need help?" under an entry offers contact now. */
  get contactVisibleOnArticle(): boolean {
    return contactVisible(this.gate, this.trail.steps, this.asksForPerson, 'article');
  }

  /** Whether a query asks for a person, by the phrases of the widget's language (see person-request.ts). */
  readonly asksForPerson = (query: string): boolean => {
    const text = this.i18n.t('contact.personPhrases');
    if (text !== this.phrasesOf) {
      this.phrasesOf = text;
      this.phrases = personPhrases(text);
    }
    return asksForPerson(query, this.phrases);
  };
  private phrasesOf = '';
  private phrases: string[] = [];

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
    const outcome = await searchKnowledgeBase(this.data, this.locale, query, this.context);
    if (record && query.trim().length >= 2) {
      this.trail.search(query, outcome.results.length, outcome.answered, outcome.results[0]?.entry);
      this.events.emit('search', { query, results: outcome.results.length, answered: outcome.answered });
      this.analytics.record({ type: 'search', query, results: outcome.results.length, answered: outcome.answered, top: outcome.results[0]?.entry });
      this.changed();
    }
    return outcome;
  }

  /** Announcements dismissed in this page (shared by the floating and inline panels). */
  readonly dismissed = new Set<string>();

  /**
   * The announcements running now by this browser's clock, for the product the host named (all of them
   * when it named none), less those dismissed.
   */
  async announcements(): Promise<Announcement[]> {
    const list = await this.data.announcements(this.locale);
    return showing(list, Date.now(), this.context.product).filter((a) => !this.dismissed.has(a.id));
  }

  /** Entries to show before the customer types, for the host's context (see start-entries.ts). */
  async topEntries(limit = 5): Promise<CatalogEntry[]> {
    return startEntries(await this.data.catalog(this.locale), this.context, limit);
  }

  /** Loads an entry to show; `rank`: its 1-based position in the results it was opened from. */
  async article(id: string, rank?: number): Promise<EntryPayload> {
    const payload = await this.data.payload(this.locale, id);
    this.trail.article(id, payload.title);
    this.events.emit('article:view', { id, title: payload.title, locale: this.locale });
    this.analytics.record({ type: 'article_view', entry: id, via: 'widget', rank });
    this.changed();
    return payload;
  }

  /** The host's diagnostics for the inquiry; never throws or hangs (see diagnostics.ts). */
  collectDiagnostics(): Promise<unknown> {
    return collectDiagnostics(this.diagnostics);
  }

  /**
   * "Was this helpful?" answered, or `deflected`: a suggested answer in the inquiry solved it ("This solved
   * it": a helpful vote in the trail, a deflection in the insights). A "No" reaches the insights only with
   * its answer to "What was missing?" (`explainNo`), so the two are one event.
   */
  vote(id: string, helpful: boolean, deflected = false): void {
    this.trail.vote(id, helpful);
    this.events.emit('vote', { id, helpful });
    if (deflected) this.analytics.record({ type: 'deflect', entry: id });
    else if (helpful) this.analytics.record({ type: 'vote', entry: id, helpful });
    this.changed();
  }

  /** What was missing after "No" on an entry: one of the site's vote reasons and an optional text (both may be skipped). */
  explainNo(id: string, answer: { reason?: string | undefined; text?: string | undefined }): void {
    this.analytics.record({ type: 'vote', entry: id, helpful: false, reason: answer.reason, text: answer.text });
  }

  /** The name of language `code` in the widget's language ("Japanese" in English), else the site's name for it. */
  languageName(code: string): string {
    try {
      const name = new Intl.DisplayNames([this.locale], { type: 'language', fallback: 'none' }).of(code);
      if (name) return name;
    } catch {
      // An engine without language names: the config's own name for the language below.
    }
    return this.site?.locales.available.find((l) => l.code === code)?.name ?? code;
  }

  /** The site config text for this locale (`{ja: …, en: …}` → the string), falling back to the default. */
  text(value: string | Record<string, string> | undefined): string {
    return siteText(value, this.locale, this.site?.locales.default ?? '');
  }
}

import { html, nothing } from 'lit';
import type { Announcement, CatalogEntry, EntryPayload } from '../../content/schema/index.ts';
import type { KotaeEvents, KotaeView } from '../api.ts';
import type { SearchOutcome } from '../kb-search.ts';
import type { WidgetSession } from '../session.ts';
import { announcementList } from './announcement-list.ts';
import './article-view.ts';
import type { ArticleView } from './article-view.ts';
import type { Submission } from './confirmation-view.ts';
import { loadInquiryForm, type InquiryView } from './inquiry-view.ts';
import { LightElement } from './light-element.ts';
import './search-view.ts';
import type { VoteExplanation } from './vote-reasons.ts';
import type { SearchView } from './search-view.ts';

const FOCUSABLE = 'button, [href], input, textarea, select, [tabindex]:not([tabindex="-1"])';
const BACK = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15.4 7.4 14 6l-6 6 6 6 1.4-1.4-4.6-4.6z"/></svg>`;
const CLOSE = html`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"/></svg>`;

/**
 * One help panel: floating (a modal dialog opened from the launcher) or inline (`<kotae-help>`). Holds the
 * navigation state (view, query, results, article), moves focus on every view change, traps Tab and closes
 * on Escape when floating, and announces result counts in a live region.
 */
export class KotaePanel extends LightElement {
  static override properties = {
    session: { attribute: false },
    floating: { type: Boolean },
    open: { type: Boolean, reflect: true },
    view: {},
    query: {},
    outcome: { attribute: false },
    top: { attribute: false },
    notices: { attribute: false },
    payload: { attribute: false },
    anchor: {},
    receipt: { attribute: false },
    failed: {},
    announce: {},
    offline: { type: Boolean },
  };
  declare session: WidgetSession;
  declare floating: boolean;
  declare open: boolean;
  declare view: KotaeView;
  declare query: string;
  declare outcome: SearchOutcome | undefined;
  declare top: CatalogEntry[];
  /** The announcements shown above the views (see announcement-list.ts); undefined until first loaded. */
  declare notices: Announcement[] | undefined;
  declare payload: EntryPayload | undefined;
  declare anchor: string | null;
  declare receipt: Submission | undefined;
  declare failed: string;
  declare announce: string;
  declare offline: boolean;
  /** The vote box of each entry voted on: `false` after "No" until what was missing is answered (or skipped). */
  private readonly votes = new Map<string, boolean>();
  private history: { view: KotaeView; id?: string }[] = [];
  private searchSeq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly onNetwork = () => (this.offline = !navigator.onLine);

  constructor() {
    super();
    this.floating = false;
    this.open = false;
    this.view = 'search';
    this.query = '';
    this.top = [];
    this.notices = undefined;
    this.anchor = null;
    this.failed = '';
    this.announce = '';
    this.offline = !navigator.onLine;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = this.session.subscribe(() => this.requestUpdate());
    addEventListener('online', this.onNetwork);
    addEventListener('offline', this.onNetwork);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    removeEventListener('online', this.onNetwork);
    removeEventListener('offline', this.onNetwork);
    clearInterval(this.noticeTimer);
  }

  /** After a locale or context change: reloads the start view's entries if they were ever shown, and the announcements. */
  async refreshTop(): Promise<void> {
    await Promise.all([this.topRequested ? this.loadTop() : undefined, this.noticesRequested ? this.loadNotices() : undefined]);
  }

  private noticesRequested = false;
  private noticeTimer: ReturnType<typeof setInterval> | undefined;

  private async loadNotices(): Promise<void> {
    try {
      this.notices = await this.session.announcements();
    } catch {
      // The panel works the same without them (offline with nothing cached, a site built before announcements).
      this.notices = [];
    }
  }

  private dismissNotice(id: string): void {
    this.session.dismissed.add(id);
    this.notices = this.notices?.filter((a) => a.id !== id);
    this.focusFirst();
  }

  private async loadTop(): Promise<void> {
    try {
      this.top = await this.session.topEntries();
    } catch {
      this.top = [];
    }
  }

  /** Shows the search view with `query` typed in, and runs it. Resolves when the results are shown. */
  async runQuery(query: string): Promise<SearchOutcome | undefined> {
    this.view = 'search';
    this.query = query;
    clearTimeout(this.timer);
    const seq = ++this.searchSeq;
    if (!query.trim()) {
      this.outcome = undefined;
      this.announce = '';
      return undefined;
    }
    try {
      const outcome = await this.session.search(query);
      if (seq !== this.searchSeq) return outcome;
      this.outcome = outcome;
      this.failed = '';
      this.announce = outcome.results.length
        ? this.session.i18n.t('search.count', { count: outcome.results.length })
        : this.session.i18n.t('search.none', { query });
      return outcome;
    } catch (error) {
      if (seq === this.searchSeq) this.failed = 'panel.error';
      throw error;
    }
  }

  private onQuery(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    // Wait for a pause in typing; a query that fetches shards would otherwise race the next keystroke.
    this.timer = setTimeout(() => void this.runQuery(query).catch(() => {}), 120);
  }

  /** Opens an entry (`id` or `id#anchor`) in the article view; resolves once it is shown. */
  async openArticle(target: string, remember = true): Promise<void> {
    const [id, anchor] = target.split('#') as [string, string | undefined];
    // Opened from the results on screen: its position there, for the insights.
    const rank = this.view === 'search' && this.query.trim() ? (this.outcome?.results.findIndex((r) => r.entry === id) ?? -1) + 1 : 0;
    if ((remember && this.view !== 'article') || (remember && this.payload?.id !== id))
      this.history.push({ view: this.view, ...(this.payload ? { id: this.payload.id } : {}) });
    try {
      this.payload = await this.session.article(id, rank || undefined);
      this.anchor = anchor ?? null;
      this.failed = '';
    } catch {
      this.payload = undefined;
      this.failed = 'article.notFound';
    }
    this.view = 'article';
    await this.updateComplete;
    this.querySelector<ArticleView>('kotae-article-view')?.focusStart();
  }

  /** Shows the inquiry view (the contact slot) and emits `inquiry:start` with the trail. */
  async openInquiry(): Promise<void> {
    this.history.push({ view: this.view, ...(this.payload ? { id: this.payload.id } : {}) });
    const again = this.view === 'inquiry';
    const from = this.view === 'article' ? this.payload?.id : undefined;
    this.view = 'inquiry';
    this.session.events.emit('inquiry:start', { trail: [...this.session.trail.steps] });
    if (!again) this.session.analytics.record({ type: 'contact_open', entry: from });
    await this.updateComplete;
    if (again) this.querySelector<InquiryView>('kotae-inquiry-view')?.refresh();
    this.querySelector<HTMLElement>('#kotae-inq')?.focus();
  }

  /**
   * The inquiry view's submission succeeded: show the confirmation and emit `inquiry:submit`. The inquiry
   * view (issue 7) reports it by dispatching `kotae-submitted` with the receipt.
   */
  async confirm(receipt: Submission): Promise<void> {
    // The confirmation view comes with the form's chunk (only a submission shows it): not in the first open.
    await loadInquiryForm().catch(() => {});
    this.receipt = receipt;
    this.view = 'confirmation';
    this.history = [];
    const { id, inquiryId, replyBy, statusUrl } = receipt;
    this.session.events.emit('inquiry:submit', {
      id,
      ...(inquiryId ? { inquiryId } : {}),
      ...(replyBy ? { replyBy } : {}),
      ...(statusUrl ? { statusUrl } : {}),
    });
    this.session.analytics.record({ type: 'inquiry_submit', inquiry: inquiryId ?? id });
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kotae-done')?.focus();
  }

  private async back(): Promise<void> {
    const previous = this.history.pop();
    if (previous?.view === 'article' && previous.id) return this.openArticle(previous.id, false);
    this.view = 'search';
    this.payload = undefined;
    await this.updateComplete;
    this.focusFirst();
  }

  /** Focus where the current view starts (the search box on the search view). */
  focusFirst(): void {
    if (this.view === 'search') this.querySelector<SearchView>('kotae-search-view')?.focusInput();
    else if (this.view === 'article') this.querySelector<ArticleView>('kotae-article-view')?.focusStart();
    else this.querySelector<HTMLElement>('#kotae-inq, #kotae-done')?.focus();
  }

  private onKeydown(event: KeyboardEvent): void {
    if (!this.floating) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      this.dispatchEvent(new CustomEvent('kotae-close', { bubbles: true, composed: true }));
      return;
    }
    if (event.key !== 'Tab') return;
    const root = this.getRootNode() as ShadowRoot;
    const items = [...this.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.offsetParent !== null || e === root.activeElement);
    if (!items.length) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = root.activeElement;
    if (event.shiftKey && (active === first || !this.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !this.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  private topRequested = false;

  protected override willUpdate(): void {
    // Fetched when the panel first opens, beside its other data, never before: the launcher waits for nothing.
    // Checked again each minute, so one that ends while the panel is open goes.
    if (this.open && !this.noticesRequested) {
      this.noticesRequested = true;
      void this.loadNotices();
      this.noticeTimer = setInterval(() => void this.loadNotices(), 60_000);
    }
    // The start view's entries load when it is first shown empty, not when the panel opens on a query.
    if (this.open && this.view === 'search' && !this.query.trim() && !this.topRequested) {
      this.topRequested = true;
      void this.loadTop();
    }
  }

  protected override render() {
    const session = this.session;
    const t = session.i18n.t;
    const titleId = 'kotae-title';
    const body = this.failed && this.view !== 'article' ? html`<p class="notice" role="alert">${t(this.failed)}</p>` : nothing;
    return html`<div class="panel ${this.floating ? 'floating' : 'inline'}" part="panel" dir=${session.dir} lang=${session.locale}
        role=${this.floating ? 'dialog' : 'region'} aria-modal=${this.floating ? 'true' : nothing} aria-labelledby=${titleId}
        ?hidden=${this.floating && !this.open}
        data-announcements=${this.notices?.length ?? nothing}
        @keydown=${this.onKeydown}
        @kotae-query=${(e: CustomEvent<string>) => this.onQuery(e.detail)}
        @kotae-open=${(e: CustomEvent<string>) => void this.openArticle(e.detail)}
        @kotae-vote=${(e: CustomEvent<boolean>) => {
          if (!this.payload) return;
          this.votes.set(this.payload.id, e.detail);
          session.vote(this.payload.id, e.detail);
        }}
        @kotae-explain=${(e: CustomEvent<VoteExplanation>) => {
          if (!this.payload) return;
          this.votes.set(this.payload.id, true);
          session.explainNo(this.payload.id, e.detail);
          this.requestUpdate();
        }}
        @kotae-contact=${() => void this.openInquiry()}
        @kotae-submitted=${(e: CustomEvent<Submission>) => void this.confirm(e.detail)}
        @kotae-failed=${(e: CustomEvent<string | KotaeEvents['inquiry:error']>) =>
          session.events.emit('inquiry:error', typeof e.detail === 'object' && e.detail ? e.detail : { message: String(e.detail) })}
        @kotae-back=${() => void this.back()}>
      <header part="header">
        ${this.view !== 'search' ? html`<button class="icon" part="button" data-action="back" aria-label=${t('panel.back')} @click=${() => void this.back()}>${BACK}</button>` : nothing}
        <h2 id=${titleId}>${session.site ? session.text(session.site.site.name) : t('panel.title')}</h2>
        ${this.floating ? html`<button class="icon" part="button" data-action="close" aria-label=${t('panel.close')} @click=${() => this.dispatchEvent(new CustomEvent('kotae-close', { bubbles: true, composed: true }))}>${CLOSE}</button>` : nothing}
      </header>
      <div class="body">
        ${this.offline ? html`<p class="notice">${t('panel.offline')}</p>` : nothing}
        ${announcementList(session, this.notices ?? [], { dismiss: (id) => this.dismissNotice(id), open: (target) => void this.openArticle(target) })}
        ${body}
        <kotae-search-view ?hidden=${this.view !== 'search'} .session=${session} .query=${this.query} .outcome=${this.outcome} .top=${this.top}></kotae-search-view>
        ${
          this.view === 'article'
            ? this.payload
              ? html`<kotae-article-view .session=${session} .payload=${this.payload} .anchor=${this.anchor} .voted=${this.votes.get(this.payload.id)}></kotae-article-view>`
              : html`<p class="notice" role="alert">${t('article.notFound')}</p>`
            : nothing
        }
        ${this.view === 'inquiry' ? html`<kotae-inquiry-view .session=${session}></kotae-inquiry-view>` : nothing}
        ${this.view === 'confirmation' && this.receipt ? html`<kotae-confirmation-view .session=${session} .receipt=${this.receipt}></kotae-confirmation-view>` : nothing}
        ${
          // A query asking for a person has its contact above the results (search-view.ts), not a second one here.
          this.view === 'search' && session.contactVisible && !(this.query.trim() && this.outcome && session.asksForPerson(this.outcome.query))
            ? html`<section class="box" aria-labelledby="kotae-still-s"><h3 id="kotae-still-s">${t('contact.stillNeedHelp')}</h3>
              <button class="btn primary" part="button" data-action="contact" @click=${() => void this.openInquiry()}>${t('contact.button')}</button></section>`
            : nothing
        }
      </div>
      <div class="sr" role="status" aria-live="polite" id="kotae-count">${this.announce}</div>
    </div>`;
  }
}
customElements.get('kotae-panel') || customElements.define('kotae-panel', KotaePanel);

import { html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { EntryPayload } from '../../content/schema/index.ts';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

/**
 * The article view: the entry's sanitized HTML (sanitized at build by the content pipeline), "Was this
 * helpful?", related entries and "Still need help?". Links inside the body to other entries open in the
 * widget; other links open in a new tab. After "No" it asks what was missing (the site's vote reasons and
 * an optional text) before offering contact. Fires `kotae-open` (entry id), `kotae-vote` (true/false),
 * `kotae-explain` ({reason?, text?}; both absent when skipped), `kotae-contact` and `kotae-back`.
 */
export class ArticleView extends LightElement {
  static override properties = {
    session: { attribute: false },
    payload: { attribute: false },
    voted: { attribute: false },
    anchor: {},
  };
  declare session: WidgetSession;
  declare payload: EntryPayload | undefined;
  /** What the vote box shows: the question, "No" asking what was missing (`false`), thanks (`true`: "Yes", or "No" answered). */
  declare voted: boolean | undefined;
  declare anchor: string | null;

  private fire(name: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  /** Puts the focus on the title (or the requested section) so a screen reader starts reading there. */
  focusStart(): void {
    const target = (this.anchor && this.querySelector<HTMLElement>(`.content [id="${CSS.escape(this.anchor)}"]`)) || this.querySelector<HTMLElement>('.title');
    if (!target) return;
    target.tabIndex = -1;
    target.focus();
    target.scrollIntoView?.({ block: 'start' });
  }

  private vote(helpful: boolean): void {
    this.fire('kotae-vote', helpful);
    // After "No", "What was missing?" (its own chunk) takes the focus when it arrives.
    void (helpful ? this.focusThanks() : import('./vote-reasons.ts'));
  }

  // The panel records the answer (the event bubbles on to it); the thanks shows here at once.
  private readonly explainedNow = () => {
    this.voted = true;
    void this.focusThanks();
  };

  private async focusThanks(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('#kotae-vote-done')?.focus();
  }

  private renderFeedback() {
    const t = this.session.i18n.t;
    if (this.voted === undefined)
      return html`<div class="row">
        <button class="btn" part="button" data-vote="yes" @click=${() => this.vote(true)}>${t('article.yes')}</button>
        <button class="btn" part="button" data-vote="no" @click=${() => this.vote(false)}>${t('article.no')}</button>
      </div>`;
    if (this.voted) return html`<p class="hint" role="status" id="kotae-vote-done" tabindex="-1">${t('article.thanks')}</p>`;
    return html`<p class="hint" role="status">${t('article.sorry')}</p>
      <kotae-vote-reasons .session=${this.session} @kotae-explain=${this.explainedNow}></kotae-vote-reasons>`;
  }

  protected override updated(): void {
    // A region that scrolls sideways must be reachable with the keyboard.
    for (const el of this.querySelectorAll<HTMLElement>('.content pre, .content table')) if (el.scrollWidth > el.clientWidth) el.tabIndex = 0;
    // Payload URLs are site-relative: make them absolute against the Kotae site, not the host page.
    for (const el of this.querySelectorAll<HTMLElement>('.content [src], .content [href]')) {
      for (const attr of ['src', 'href']) {
        const value = el.getAttribute(attr);
        if (value && !value.startsWith('#') && !/^[a-z]+:/i.test(value)) el.setAttribute(attr, this.session.data.url(value));
      }
      if (el instanceof HTMLAnchorElement && !el.getAttribute('href')!.startsWith('#')) {
        el.target = '_blank';
        el.rel = 'noopener';
      }
    }
  }

  private onClick(event: MouseEvent): void {
    const link = (event.target as Element).closest?.('a');
    if (!link) return;
    const href = link.getAttribute('href') ?? '';
    if (href.startsWith('#')) {
      event.preventDefault();
      this.querySelector<HTMLElement>(`.content [id="${CSS.escape(href.slice(1))}"]`)?.scrollIntoView({ block: 'start' });
      return;
    }
    const url = new URL(link.href);
    const entry = /\/(?:faq|articles)\/([^/]+)\/$/.exec(url.pathname);
    if (entry && link.href.startsWith(this.session.data.base)) {
      event.preventDefault();
      this.fire('kotae-open', url.hash ? `${entry[1]}#${url.hash.slice(1)}` : entry[1]);
    }
  }

  protected override render() {
    const p = this.payload;
    if (!p) return nothing;
    const t = this.session.i18n.t;
    const session = this.session;
    const date = new Intl.DateTimeFormat(session.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${p.updated}T00:00:00Z`));
    const languageName = session.site?.locales.available.find((l) => l.code === session.locale)?.name ?? session.locale;
    return html`<article part="article" aria-labelledby="kotae-article-title">
      <h2 class="title" id="kotae-article-title">${p.title}</h2>
      <p class="meta">${t('article.updated', { date })}</p>
      ${p.fallbackFrom ? html`<p class="notice">${t('article.fallback', { language: languageName })}</p>` : nothing}
      ${p.stale ? html`<p class="notice">${t('article.stale')}</p>` : nothing}
      <div class="content" @click=${this.onClick}>${unsafeHTML(p.html)}</div>
      <section class="box" aria-labelledby="kotae-fb">
        <h3 id="kotae-fb">${t('article.helpful')}</h3>
        ${this.renderFeedback()}
      </section>
      ${
        p.related.length
          ? html`<section class="box" aria-labelledby="kotae-rel">
            <h3 id="kotae-rel">${t('article.related')}</h3>
            <ul class="list">${p.related.map((r) => html`<li><button class="result" part="result" data-id=${r.id} @click=${() => this.fire('kotae-open', r.id)}><strong>${r.title}</strong></button></li>`)}</ul>
          </section>`
          : nothing
      }
      <section class="box" aria-labelledby="kotae-still">
        <h3 id="kotae-still">${t('contact.stillNeedHelp')}</h3>
        ${
          session.contactVisibleOnArticle
            ? // After "No", contact is offered once what was missing is answered (or skipped).
              this.voted === false
              ? nothing
              : html`<button class="btn primary" part="button" data-action="contact" @click=${() => this.fire('kotae-contact')}>${t('contact.button')}</button>`
            : html`<p class="hint">${session.gate === 'never' ? t('contact.kbOnly') : t('contact.searchFirst')}</p>`
        }
        <p><a href=${session.data.url(p.url)} target="_blank" rel="noopener">${t('article.openInCenter')}</a></p>
      </section>
    </article>`;
  }
}
customElements.get('kotae-article-view') || customElements.define('kotae-article-view', ArticleView);

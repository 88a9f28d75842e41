import { html, nothing } from 'lit';
import type { CatalogEntry } from '../../content/schema/index.ts';
import type { SearchOutcome } from '../kb-search.ts';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

/**
 * The search view: a search box searched as-you-type; before typing, the top entries for the host's
 * context; results with the answering passage highlighted (text nodes only). Arrow keys move between the
 * box and the results. Fires `kotae-query` (detail: the text) and `kotae-open` (detail: entry id).
 */
export class SearchView extends LightElement {
  static override properties = { session: { attribute: false }, query: {}, outcome: { attribute: false }, top: { attribute: false } };
  declare session: WidgetSession;
  declare query: string;
  declare outcome: SearchOutcome | undefined;
  declare top: CatalogEntry[];

  constructor() {
    super();
    this.query = '';
    this.top = [];
  }

  /** Puts the focus in the search box. */
  focusInput(): void {
    this.querySelector('input')?.focus();
  }

  private warmed = false;
  // The first key pressed in the box fetches the engine and the index while the customer types.
  private readonly warm = () => {
    if (this.warmed) return;
    this.warmed = true;
    this.session.warmSearch();
  };

  private fire(name: string, detail: string): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private onKey(event: KeyboardEvent): void {
    const items = [this.querySelector('input'), ...this.querySelectorAll<HTMLElement>('.result')].filter((e) => !!e) as HTMLElement[];
    const at = items.indexOf(event.target as HTMLElement);
    const to =
      event.key === 'ArrowDown'
        ? at + 1
        : event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home' && at > 0
            ? 1
            : event.key === 'End' && at > 0
              ? items.length - 1
              : -1;
    if (to >= 0 && to < items.length && to !== at) {
      event.preventDefault();
      items[to]!.focus();
    }
  }

  /** Whether the query shown asks for a person: contact then comes first, above the results. */
  personRequest(): boolean {
    return !!this.outcome && this.query.trim() !== '' && this.session.gate !== 'never' && this.session.asksForPerson(this.outcome.query);
  }

  private renderPersonRequest() {
    const t = this.session.i18n.t;
    return html`<section class="box" aria-labelledby="kotae-person">
      <h3 id="kotae-person">${t('contact.stillNeedHelp')}</h3>
      <p class="hint">${t('contact.personHint')}</p>
      <button class="btn primary" part="button" data-action="contact" @click=${() => this.fire('kotae-contact', '')}>${t('contact.button')}</button>
    </section>`;
  }

  protected override render() {
    const t = this.session.i18n.t;
    const typed = this.query.trim() !== '';
    const results = typed && this.outcome ? this.outcome.results : undefined;
    return html`<div @keydown=${this.onKey}>
      <label class="sr" for="kotae-q">${t('search.label')}</label>
      <input id="kotae-q" class="search" part="input" type="search" autocomplete="off" enterkeyhint="search"
        aria-controls="kotae-results" aria-describedby="kotae-count"
        placeholder=${t('search.placeholder')} .value=${this.query}
        @keydown=${this.warm}
        @input=${(e: Event) => this.fire('kotae-query', (e.target as HTMLInputElement).value)} />
      <div id="kotae-results">
        ${this.personRequest() ? this.renderPersonRequest() : nothing}
        ${
          results
            ? html`<h3>${t('search.results')}</h3>
              ${
                results.length
                  ? html`<ul class="list">
                    ${results.map(
                      (
                        r,
                      ) => html`<li><button class="result" part="result" data-id=${r.entry} @click=${() => this.fire('kotae-open', r.anchor ? `${r.entry}#${r.anchor}` : r.entry)}>
                        <strong lang=${r.fallbackFrom ?? nothing}>${r.title}</strong>
                        ${r.fallbackFrom ? html`<span class="where" data-language=${r.fallbackFrom}>${t('search.inLanguage', { language: this.session.languageName(r.fallbackFrom) })}</span>` : nothing}
                        ${r.headings.length ? html`<span class="where" lang=${r.fallbackFrom ?? nothing}>${r.headings.join(' › ')}</span>` : nothing}
                        <span class="snippet" lang=${r.fallbackFrom ?? nothing}>${r.snippet.map((p) => (p.highlight ? html`<mark>${p.text}</mark>` : p.text))}</span>
                      </button></li>`,
                    )}
                  </ul>`
                  : html`<p class="none">${t('search.none', { query: this.outcome!.query })}</p><p class="hint">${t('search.noneHint')}</p>`
              }`
            : typed || !this.top.length
              ? html`<p class="hint">${t('panel.loading')}</p>`
              : html`<h3>${t('search.popular')}</h3>
                <ul class="list">
                  ${this.top.map((e) => html`<li><button class="result" part="result" data-id=${e.id} @click=${() => this.fire('kotae-open', e.id)}><strong>${e.title}</strong>${e.summary ? html`<span class="snippet">${e.summary}</span>` : nothing}</button></li>`)}
                </ul>`
        }
      </div>
    </div>`;
  }
}
customElements.get('kotae-search-view') || customElements.define('kotae-search-view', SearchView);

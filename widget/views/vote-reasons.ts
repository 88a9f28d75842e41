import { html } from 'lit';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

/** Styles of the question, adopted by the shadow root it is shown in when the chunk arrives. */
const REASONS_CSS = `.reasons fieldset{margin:12px 0 8px;padding:0;border:0}
.reasons legend{padding:0;margin-bottom:6px;font-weight:600}
.choice{display:flex;align-items:center;gap:8px;min-height:36px}
.choice input{width:18px;height:18px;margin:0;accent-color:var(--_primary)}
.field{display:block;margin-top:4px;font-weight:600}
.reasons textarea{display:block;width:100%;margin-top:4px;padding:8px 10px;border:2px solid var(--_field);border-radius:8px;font:inherit;color:var(--_fg);background:var(--_bg);resize:vertical}`;
let sheet: CSSStyleSheet | undefined;

/** What the customer said was missing; both absent when they skipped the question. */
export interface VoteExplanation {
  reason?: string;
  text?: string;
}

/**
 * "What was missing?", asked after "No" on an entry: the site's vote reasons as a radio group (a fieldset
 * with its legend; names from the config or the UI string `feedback.reason.<id>`), an optional text of up
 * to 500 characters, "Send" and "Skip". Its own chunk, loaded on "No". Fires `kotae-explain` with a
 * {@link VoteExplanation}.
 */
export class VoteReasons extends LightElement {
  static override properties = { session: { attribute: false } };
  declare session: WidgetSession;

  override connectedCallback(): void {
    super.connectedCallback();
    const root = this.getRootNode();
    if (!(root instanceof ShadowRoot)) return;
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(REASONS_CSS);
    }
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }

  /** Shown right after "No": the focus moves to the first reason, where a keyboard or screen-reader user continues. */
  protected override firstUpdated(): void {
    this.querySelector('input')?.focus();
  }

  private answer(event: Event, skipped: boolean): void {
    event.preventDefault();
    const reason = this.querySelector<HTMLInputElement>('input[name=kotae-reason]:checked')?.value;
    const text = this.querySelector('textarea')!.value.trim();
    const detail: VoteExplanation = skipped ? {} : { ...(reason ? { reason } : {}), ...(text ? { text } : {}) };
    this.dispatchEvent(new CustomEvent('kotae-explain', { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const session = this.session;
    const t = session.i18n.t;
    return html`<form id="kotae-reasons" class="reasons" @submit=${(e: Event) => this.answer(e, false)}>
      <fieldset>
        <legend>${t('feedback.missing')}</legend>
        ${(session.site?.insights.voteReasons ?? []).map(
          (r) => html`<label class="choice"><input type="radio" name="kotae-reason" value=${r.id} />
            ${r.name ? session.text(r.name) : t(`feedback.reason.${r.id}`)}</label>`,
        )}
      </fieldset>
      <label class="field" for="kotae-reason-text">${t('feedback.text')}</label>
      <textarea id="kotae-reason-text" rows="3" maxlength="500" aria-describedby="kotae-reason-hint"></textarea>
      <p class="hint" id="kotae-reason-hint">${t('feedback.textHint')}</p>
      <div class="row">
        <button class="btn primary" part="button" type="submit" data-action="explain">${t('feedback.send')}</button>
        <button class="btn" part="button" type="button" data-action="skip-explain" @click=${(e: Event) => this.answer(e, true)}>${t('feedback.skip')}</button>
      </div>
    </form>`;
  }
}
customElements.get('kotae-vote-reasons') || customElements.define('kotae-vote-reasons', VoteReasons);

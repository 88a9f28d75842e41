import { html, nothing } from 'lit';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

/**
 * The inquiry view slot. The structured inquiry form (issue 7) replaces this element's body; it receives
 * the session, whose trail, context, identity token, prefill fields and diagnostics provider go with the
 * inquiry, and reports the outcome by dispatching `kotae-submitted` (detail: `{id, replyBy?}`; the panel
 * shows the confirmation and emits `inquiry:submit`) or `kotae-failed` (detail: a message; emits
 * `inquiry:error`), both bubbling and composed. Until then it shows what the customer tried and the site's
 * contact methods.
 */
export class InquiryView extends LightElement {
  static override properties = { session: { attribute: false }, diagnostics: { attribute: false } };
  declare session: WidgetSession;
  declare diagnostics: unknown;

  override connectedCallback(): void {
    super.connectedCallback();
    this.refresh();
  }

  /** Collects the diagnostics again (each time the view is shown: the host's state may have changed). */
  refresh(): void {
    void this.session.collectDiagnostics().then((value) => (this.diagnostics = value));
  }

  /** What goes with the inquiry besides the customer's words: identity, pre-filled fields, diagnostics. */
  private attached() {
    const session = this.session;
    const t = session.i18n.t;
    const fields = Object.entries(session.prefill).filter(([, v]) => v);
    const diagnostics = this.diagnostics && typeof this.diagnostics === 'object' ? Object.keys(this.diagnostics) : [];
    if (!session.identity && !fields.length && !diagnostics.length) return nothing;
    return html`<h3>${t('inquiry.attached')}</h3>
      <ul class="attached">
        ${session.identity ? html`<li>${t('inquiry.identified')}</li>` : nothing}
        ${fields.length ? html`<li>${t('inquiry.prefilled', { fields: fields.map(([k, v]) => `${k}: ${v}`).join(', ') })}</li>` : nothing}
        ${diagnostics.length ? html`<li>${t('inquiry.diagnostics', { keys: diagnostics.join(', ') })}</li>` : nothing}
      </ul>`;
  }

  protected override render() {
    const session = this.session;
    const t = session.i18n.t;
    const steps = session.trail.steps;
    return html`<section aria-labelledby="kotae-inq">
      <h2 class="title" id="kotae-inq" tabindex="-1">${t('inquiry.title')}</h2>
      <p>${t('inquiry.intro')}</p>
      <h3>${t('inquiry.methods')}</h3>
      <dl class="methods">
        ${(session.site?.contactMethods ?? []).map((m) => html`<dt>${session.text(m.name)}</dt><dd>${m.hint ? session.text(m.hint) : nothing}</dd>`)}
      </dl>
      ${this.attached()}
      <h3>${t('inquiry.trail')}</h3>
      ${steps.length
        ? html`<ol class="trail">
            ${steps.map((s) =>
              html`<li>${s.type === 'search'
                ? t('inquiry.trailSearch', { query: s.query })
                : s.type === 'article'
                  ? t('inquiry.trailArticle', { title: s.title })
                  : s.helpful
                    ? t('inquiry.trailVoteYes')
                    : t('inquiry.trailVoteNo')}</li>`,
            )}
          </ol>`
        : html`<p class="hint">${t('inquiry.trailEmpty')}</p>`}
    </section>`;
  }
}
customElements.get('kotae-inquiry-view') || customElements.define('kotae-inquiry-view', InquiryView);

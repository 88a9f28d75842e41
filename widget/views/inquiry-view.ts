import { html, nothing } from 'lit';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

type FormModule = typeof import('../inquiry/inquiry-form.ts');
let formModule: Promise<FormModule> | undefined;

/**
 * Loads the inquiry form's code (its own chunk: the form, the intake's schema, the draft and outbox layer),
 * once per page; a failed load is retried on the next call.
 */
export function loadInquiryForm(): Promise<FormModule> {
  return (formModule ??= import('../inquiry/inquiry-form.ts').catch((error: unknown) => {
    formModule = undefined;
    throw error;
  }));
}

/**
 * The inquiry view: its title, the structured inquiry form (`<kotae-inquiry-form>`, loaded on demand) and,
 * folded away, the ways to contact support and what goes with the inquiry (identity, pre-filled fields,
 * diagnostics, the deflection trail). The form reports the outcome by dispatching `kotae-submitted`
 * (detail: `{id, inquiryId, replyBy, statusUrl}`; the panel shows the confirmation and emits
 * `inquiry:submit`) or `kotae-failed` (detail: `{message, status, fields}` or a message; emits
 * `inquiry:error`), both bubbling and composed.
 */
export class InquiryView extends LightElement {
  static override properties = { session: { attribute: false }, diagnostics: { attribute: false }, loaded: { state: true }, failed: { state: true } };
  declare session: WidgetSession;
  declare diagnostics: unknown;
  declare loaded: boolean;
  declare failed: boolean;

  constructor() {
    super();
    this.loaded = false;
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.load();
    this.refresh();
  }

  private load(): void {
    this.failed = false;
    loadInquiryForm().then(
      () => (this.loaded = true),
      (error: unknown) => {
        console.error('Kotae: the inquiry form could not be loaded', error);
        this.failed = true;
      },
    );
  }

  /** Collects the diagnostics again (each time the view is shown: the host's state may have changed). */
  refresh(): void {
    void this.session.collectDiagnostics().then((value) => (this.diagnostics = value));
    void (this.querySelector('kotae-inquiry-form') as { refreshDiagnostics?: () => Promise<void> } | null)?.refreshDiagnostics?.();
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
      ${
        this.loaded
          ? html`<kotae-inquiry-form .session=${session}></kotae-inquiry-form>`
          : this.failed
            ? html`<p class="notice" role="alert">${t('inquiry.form.loadFailed')}</p>
              <button class="btn" part="button" data-action="retry" @click=${() => this.load()}>${t('inquiry.form.retry')}</button>`
            : html`<p class="hint" role="status">${t('inquiry.form.loading')}</p>`
      }
      <details class="about">
        <summary>${t('inquiry.form.about')}</summary>
        <p>${t('inquiry.intro')}</p>
        <h3>${t('inquiry.methods')}</h3>
        <dl class="methods">
          ${(session.site?.contactMethods ?? []).map((m) => html`<dt>${session.text(m.name)}</dt><dd>${m.hint ? session.text(m.hint) : nothing}</dd>`)}
        </dl>
        ${this.attached()}
        <h3>${t('inquiry.trail')}</h3>
        ${
          steps.length
            ? html`<ol class="trail">
              ${steps.map(
                (s) =>
                  html`<li>${
                    s.type === 'search'
                      ? t('inquiry.trailSearch', { query: s.query })
                      : s.type === 'article'
                        ? t('inquiry.trailArticle', { title: s.title })
                        : s.helpful
                          ? t('inquiry.trailVoteYes')
                          : t('inquiry.trailVoteNo')
                  }</li>`,
              )}
            </ol>`
            : html`<p class="hint">${t('inquiry.trailEmpty')}</p>`
        }
      </details>
    </section>`;
  }
}
customElements.get('kotae-inquiry-view') || customElements.define('kotae-inquiry-view', InquiryView);

import { html, nothing } from 'lit';
import type { WidgetSession } from '../session.ts';
import { LightElement } from './light-element.ts';

/**
 * The inquiry view slot. The structured inquiry form (issue 7) replaces this element's body; it receives
 * the session, whose trail, context, identity token, prefill fields and diagnostics provider go with the
 * inquiry. Until then it shows what the customer tried and the site's contact methods.
 */
export class InquiryView extends LightElement {
  static override properties = { session: { attribute: false } };
  declare session: WidgetSession;

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

import { html, nothing } from 'lit';
import type { KotaeEvents } from '../api.ts';
import type { WidgetSession } from '../session.ts';
import { formatDue } from '../due-time.ts';
import { LightElement } from './light-element.ts';

/**
 * What the confirmation shows: the `inquiry:submit` event's payload (`id`: the ticket number), which a
 * custom form also dispatches as `kotae-submitted`, plus the time zone the reply time is shown in (the
 * browser's when absent). The structured form builds it from the intake's receipt (`InquiryCreated`).
 */
export type Submission = KotaeEvents['inquiry:submit'] & { timeZone?: string };

/**
 * The confirmation view: the inquiry was received, its reference, and when a reply is due, written as the
 * form wrote the promise (`formatDue`: weekday, date, time and zone in the customer's locale and time zone).
 * Fires `kotae-back` to return to the search view.
 */
export class ConfirmationView extends LightElement {
  static override properties = { session: { attribute: false }, receipt: { attribute: false } };
  declare session: WidgetSession;
  declare receipt: Submission;

  protected override render() {
    const t = this.session.i18n.t;
    const replyBy = this.receipt.replyBy ? new Date(this.receipt.replyBy) : undefined;
    return html`<section aria-labelledby="kotae-done">
      <h2 class="title" id="kotae-done" tabindex="-1">${t('confirmation.title')}</h2>
      <p>${t('confirmation.reference', { id: this.receipt.id })}</p>
      ${
        replyBy && !Number.isNaN(replyBy.getTime())
          ? html`<p>${t('confirmation.replyBy', { time: formatDue(replyBy, this.session.locale, this.receipt.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone) })}</p>`
          : nothing
      }
      ${
        this.receipt.statusUrl && /^https?:/.test(this.receipt.statusUrl)
          ? html`<p><a href=${this.receipt.statusUrl} target="_blank" rel="noopener" data-action="status">${t('confirmation.status')}</a></p>`
          : nothing
      }
      <button class="btn" part="button" data-action="done" @click=${() => this.dispatchEvent(new CustomEvent('kotae-back', { bubbles: true, composed: true }))}>${t('confirmation.back')}</button>
    </section>`;
  }
}
customElements.get('kotae-confirmation-view') || customElements.define('kotae-confirmation-view', ConfirmationView);

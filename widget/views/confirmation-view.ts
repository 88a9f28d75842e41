import { html, nothing } from 'lit';
import type { WidgetSession } from '../session.ts';
import { formatDue } from '../due-time.ts';
import { LightElement } from './light-element.ts';

/** What the intake answered for a submitted inquiry. */
export interface InquiryReceipt {
  /** The inquiry's reference, shown to the customer. */
  id: string;
  /** When a first reply is promised (ISO 8601), if the intake promised one. */
  replyBy?: string;
  /** The intake's id of the inquiry. */
  inquiryId?: string;
  /** Where the customer can check the inquiry's status. */
  statusUrl?: string;
  /** IANA zone the reply time is shown in; the browser's when absent. */
  timeZone?: string;
}

/**
 * The confirmation view: the inquiry was received, its reference, and when a reply is due, written as the
 * form wrote the promise (`formatDue`: weekday, date, time and zone in the customer's locale and time zone).
 * Fires `kotae-back` to return to the search view.
 */
export class ConfirmationView extends LightElement {
  static override properties = { session: { attribute: false }, receipt: { attribute: false } };
  declare session: WidgetSession;
  declare receipt: InquiryReceipt;

  protected override render() {
    const t = this.session.i18n.t;
    const replyBy = this.receipt.replyBy ? new Date(this.receipt.replyBy) : undefined;
    return html`<section aria-labelledby="kotae-done">
      <h2 class="title" id="kotae-done" tabindex="-1">${t('confirmation.title')}</h2>
      <p>${t('confirmation.reference', { id: this.receipt.id })}</p>
      ${replyBy && !Number.isNaN(replyBy.getTime())
        ? html`<p>${t('confirmation.replyBy', { time: formatDue(replyBy, this.session.locale, this.receipt.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone) })}</p>`
        : nothing}
      ${this.receipt.statusUrl && /^https?:/.test(this.receipt.statusUrl)
        ? html`<p><a href=${this.receipt.statusUrl} target="_blank" rel="noopener" data-action="status">${t('confirmation.status')}</a></p>`
        : nothing}
      <button class="btn" part="button" data-action="done" @click=${() => this.dispatchEvent(new CustomEvent('kotae-back', { bubbles: true, composed: true }))}>${t('confirmation.back')}</button>
    </section>`;
  }
}
customElements.get('kotae-confirmation-view') || customElements.define('kotae-confirmation-view', ConfirmationView);

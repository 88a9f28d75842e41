import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { InquiryCreated } from '../../content/schema/intake-api.ts';
import type { InquiryInput } from '../../content/schema/inquiry.ts';
import type { DraftAttachment } from './draft-store.ts';
import type { Outbox, SendState } from './outbox.ts';
import { pageOutbox, sentReceipt } from './page-outbox.ts';

/**
 * The form's link to the page's outbox (page-outbox.ts): sends under the draft's key and passes every state
 * change of the sends to `onState` while the form is on the page.
 */
export class OutboxController implements ReactiveController {
  private outbox: Outbox | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly onState: (s: SendState) => void,
  ) {
    host.addController(this);
  }

  /** Connects to the site's outbox (`scope`: the Kotae site's base URL) and starts listening. */
  open(intakeUrl: string, scope: string): void {
    this.unsubscribe?.();
    this.outbox = pageOutbox(intakeUrl, scope);
    this.unsubscribe = this.outbox.subscribe(this.onState);
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The latest state of the send under `key` on this page (a restored draft may be waiting or refused). */
  state(key: string): SendState | undefined {
    return this.outbox?.state(key);
  }

  /** The intake's receipt, when the send under `key` succeeded while this page was open. */
  receipt(key: string): InquiryCreated | undefined {
    return sentReceipt(key);
  }

  /** Hands the inquiry to the outbox (see `Outbox.send`). */
  send(key: string, body: InquiryInput, attachments: DraftAttachment[], locale: string): Promise<void> {
    return this.outbox!.send(key, body, attachments, locale);
  }
}

import type { InquiryCreated } from '../../content/schema/intake-api.ts';
import { openDraftStore } from './draft-store.ts';
import { openOutbox, type Outbox } from './outbox.ts';

const outboxes = new Map<string, Outbox>();
const receipts = new Map<string, InquiryCreated>();

/**
 * The page's one outbox for a site (`scope`: the site base URL), shared by the app start (which resumes
 * pending sends) and every inquiry form, so a send is never retried by two outboxes at once. When a send
 * succeeds, the site's draft with that key is discarded even if no form is open, and the receipt is kept
 * for the page so a form opened later shows the confirmation instead of the sent draft.
 */
export function pageOutbox(intakeUrl: string, scope: string): Outbox {
  let outbox = outboxes.get(scope);
  if (!outbox) {
    outbox = openOutbox(intakeUrl, scope);
    outboxes.set(scope, outbox);
    const drafts = openDraftStore(scope);
    outbox.subscribe((s) => {
      if (s.state !== 'sent') return;
      receipts.set(s.key, s.receipt);
      void drafts.load().then((draft) => (draft?.key === s.key ? drafts.discard() : undefined));
    });
  }
  return outbox;
}

/** The intake's answer to the send with this key, if it succeeded while this page was open. */
export function sentReceipt(key: string): InquiryCreated | undefined {
  return receipts.get(key);
}

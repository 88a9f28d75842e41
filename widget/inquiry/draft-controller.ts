import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { newDraft, openDraftStore, type DraftStore, type InquiryDraft } from './draft-store.ts';
import type { FormValues } from './form-values.ts';

/** What the draft controller reads from its form. */
export interface DraftHost extends ReactiveControllerHost {
  readonly values: FormValues;
  readonly step: string;
  /** Whether the draft is finished (sent, or solved by an answer): it must not be saved again. */
  readonly draftFinished: boolean;
}

/**
 * The form's draft in IndexedDB (draft-store.ts): loaded when the form starts, saved 250 ms after the last
 * change (and at once when the form leaves the page), discarded when the customer starts over or an answer
 * solved the problem. A finished draft is never saved again, so a late change (an upload finishing) cannot
 * bring it back.
 */
export class DraftController implements ReactiveController {
  /** The site's draft store; set by {@link open}. */
  store!: DraftStore;
  /** The draft being edited: the stored one, or a new one (its `key` is the send's `Idempotency-Key`). */
  draft!: InquiryDraft;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: DraftHost) {
    host.addController(this);
  }

  /** Opens the site's store (`scope`: the Kotae site's base URL); resolves to the stored draft, if any. */
  open(scope: string): Promise<InquiryDraft | undefined> {
    this.store = openDraftStore(scope);
    return this.store.load();
  }

  /** Edits `draft` from now on: the stored one, or a new one when none is given. */
  use(draft: InquiryDraft = newDraft()): void {
    this.draft = draft;
  }

  /** Saves the form's values and step after a pause in changes. */
  save(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), 250);
  }

  /** Drops a pending save. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Saves now (a failed save is logged: the form goes on in memory). */
  flush(): Promise<void> {
    this.cancel();
    if (!this.draft || this.host.draftFinished) return Promise.resolve();
    this.draft.values = { ...this.host.values };
    this.draft.step = this.host.step;
    this.draft.updatedAt = Date.now();
    return this.store.save(this.draft).catch((error: unknown) => console.error('Kotae: the draft could not be saved', error));
  }

  /** Removes the site's draft from the store. */
  discard(): Promise<void> {
    return this.store.discard();
  }

  hostDisconnected(): void {
    if (this.timer) void this.flush();
  }
}

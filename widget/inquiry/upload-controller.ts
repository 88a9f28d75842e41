import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DraftAttachment } from './draft-store.ts';
import { uploadAttachment, UploadError } from './upload.ts';

/** Where one attachment's upload stands: bytes sent, uploaded (`done`), or left to the send (`later`). */
export type UploadState = { sent: number; total: number } | 'done' | 'later';

/** What the upload controller needs from its form. */
export interface UploadHost extends ReactiveControllerHost {
  /** The intake's base URL and the locale of its messages. */
  readonly intakeUrl: string;
  readonly locale: string;
  /** The draft's attachments (those left to upload are retried when the browser comes back online). */
  readonly attachments: readonly DraftAttachment[];
  /** Whether uploads may start now (not once the send took over). */
  readonly uploadsWelcome: boolean;
  /** A file's token arrived (it is set on the attachment): save the draft. */
  uploaded(attachment: DraftAttachment): void;
  /** The intake refused a file for good (type, size): it cannot go with the inquiry. */
  refused(attachment: DraftAttachment, error: UploadError): void;
}

/**
 * Uploads the files the customer adds while they are still on the details step, with progress, so that
 * the send has little left to do. Offline, a file waits (`later`) and goes up when the browser is back
 * online; whatever has no token at send time is uploaded by the outbox.
 */
export class UploadController implements ReactiveController {
  private readonly states = new Map<string, UploadState>();
  private readonly aborts = new Map<string, AbortController>();
  private readonly onOnline = () => this.retry();

  constructor(private readonly host: UploadHost) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('online', this.onOnline);
  }

  hostDisconnected(): void {
    removeEventListener('online', this.onOnline);
  }

  /** The upload state of an attachment (a restored draft's: `done` with a token, else `later`). */
  state(attachment: DraftAttachment): UploadState {
    return this.states.get(attachment.id) ?? (attachment.token ? 'done' : 'later');
  }

  /** Takes the states of a restored draft's attachments. */
  restore(attachments: readonly DraftAttachment[]): void {
    for (const a of attachments) this.states.set(a.id, a.token ? 'done' : 'later');
  }

  /** Starts uploading `attachment` (or marks it `later` while offline). */
  start(attachment: DraftAttachment): void {
    if (!navigator.onLine) {
      this.states.set(attachment.id, 'later');
      return;
    }
    const abort = new AbortController();
    this.aborts.set(attachment.id, abort);
    this.states.set(attachment.id, { sent: 0, total: attachment.size });
    uploadAttachment(this.host.intakeUrl, attachment.blob, attachment.name, {
      locale: this.host.locale,
      signal: abort.signal,
      onProgress: (sent, total) => {
        this.states.set(attachment.id, { sent, total });
        this.host.requestUpdate();
      },
    }).then(
      ({ token }) => {
        attachment.token = token;
        this.states.set(attachment.id, 'done');
        this.host.uploaded(attachment);
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.aborts.delete(attachment.id);
        if (abort.signal.aborted) return;
        if (error instanceof UploadError && !error.retryable) this.host.refused(attachment, error);
        else this.states.set(attachment.id, 'later');
        this.host.requestUpdate();
      },
    );
  }

  /** Uploads, once back online, the files chosen while offline (the outbox would upload them when sending). */
  retry(): void {
    if (!navigator.onLine || !this.host.uploadsWelcome) return;
    for (const a of this.host.attachments) if (!a.token && this.states.get(a.id) === 'later') this.start(a);
  }

  /** Stops an attachment's upload and forgets it (the customer removed the file). */
  remove(attachment: DraftAttachment): void {
    this.aborts.get(attachment.id)?.abort();
    this.aborts.delete(attachment.id);
    this.states.delete(attachment.id);
  }

  /** Stops every upload under way; each is then left to the send (`later`). */
  handOver(): void {
    for (const [id, c] of this.aborts) {
      c.abort();
      this.states.set(id, 'later');
    }
    this.aborts.clear();
  }

  /** Stops every upload under way (the draft is gone). */
  abortAll(): void {
    for (const c of this.aborts.values()) c.abort();
  }

  /** Stops every upload and forgets every state (the customer starts over). */
  clear(): void {
    this.abortAll();
    this.aborts.clear();
    this.states.clear();
  }
}

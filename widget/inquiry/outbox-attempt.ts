import type { InquiryFieldError } from '../../content/schema/inquiry.ts';
import type { InquiryCreated } from '../../content/schema/intake-api.ts';
import type { OutboxItem } from './outbox-store.ts';
import { UploadError, uploadAttachment } from './upload.ts';

/** How one attempt to deliver an inquiry ended. */
export type AttemptOutcome =
  | { outcome: 'sent'; receipt: InquiryCreated }
  /** Worth trying again: offline, network error, 408, 425, 429, 5xx, or a 2xx that was not the intake's. */
  | { outcome: 'retry'; reason: 'offline' | 'unavailable'; retryAfter?: number | undefined }
  /** Final: the intake refused the inquiry or one of its files. */
  | { outcome: 'rejected'; status: number; errors: InquiryFieldError[]; message: string };

/**
 * One attempt to deliver `item` to the intake at `intakeUrl`: uploads the files that have no token yet
 * (calling `save` after each token, so a later attempt never uploads a file twice), then POSTs the body
 * under the item's key as `Idempotency-Key`. An upload token the intake no longer knows (it expired while
 * the send waited) is dropped and its file uploaded again, once per attempt. Never rejects for an HTTP or
 * network failure; rejects only when `save` does.
 */
export async function attemptDelivery(intakeUrl: string, item: OutboxItem, save: () => Promise<void>): Promise<AttemptOutcome> {
  const endpoint = new URL('v1/inquiries', intakeUrl.replace(/\/*$/, '/')).href;
  const retry = (retryAfter?: number): AttemptOutcome => ({ outcome: 'retry', reason: navigator.onLine ? 'unavailable' : 'offline', retryAfter });
  for (let reuploaded = false; ; reuploaded = true) {
    for (const [i, file] of item.attachments.entries()) {
      if (file.token) continue;
      try {
        file.token = (await uploadAttachment(intakeUrl, file.blob, file.name, { locale: item.locale })).token;
      } catch (error) {
        if (!(error instanceof UploadError) || error.retryable) return retry(error instanceof UploadError ? error.retryAfter : undefined);
        return {
          outcome: 'rejected',
          status: error.status,
          errors: [{ field: `attachments.${i}`, code: error.code, params: {}, message: error.message } as InquiryFieldError],
          message: error.message,
        };
      }
      await save();
    }
    const body = { ...item.body, attachments: item.attachments.map((a) => a.token!) };
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.key, 'Accept-Language': item.locale },
        body: JSON.stringify(body),
      });
    } catch {
      return retry();
    }
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    if (response.ok) {
      // Anything but the intake's receipt (a captive portal's page) means the intake was not reached.
      return isReceipt(json) ? { outcome: 'sent', receipt: json } : { outcome: 'retry', reason: 'unavailable', retryAfter };
    }
    const status = response.status;
    if (status === 408 || status === 425 || status === 429 || status >= 500) return { outcome: 'retry', reason: 'unavailable', retryAfter };
    const errors = Array.isArray(json.fields) ? (json.fields as InquiryFieldError[]) : [];
    const expired = errors.flatMap((e) => (e.code === 'unknown_upload' ? [Number(/^attachments\.(\d+)$/.exec(e.field)?.[1])] : []));
    if (!reuploaded && expired.length && expired.every((i) => item.attachments[i])) {
      for (const i of expired) delete item.attachments[i]!.token;
      await save();
      continue;
    }
    return { outcome: 'rejected', status, errors, message: typeof json.message === 'string' ? json.message : `HTTP ${status}` };
  }
}

/** Whether a 2xx body is the intake's receipt; a light check, so that zod stays out of the widget. */
function isReceipt(json: Record<string, unknown>): json is Record<string, unknown> & InquiryCreated {
  return typeof json.id === 'string' && typeof json.number === 'string' && typeof json.status_url === 'string';
}

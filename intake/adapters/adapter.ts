import type { ForwardedInquiry } from '../inquiry-record.ts';

/**
 * A destination for inquiries (webhook, email, Zendesk). The outbox calls `deliver` until it succeeds, with
 * the same `messageId` every time, so each adapter passes that id on as the destination's deduplication key.
 */
export interface Adapter {
  readonly name: string;
  /**
   * Whether inquiries that arrived before this destination was configured are queued for it when the intake
   * starts (`IntakeStore.queueMissing`); true when absent. False for destinations that only make sense at the
   * time of the inquiry, such as the customer's confirmation email: nobody wants one years later.
   */
  readonly backfill?: boolean;
  /** A message to the customer (the confirmation mail), not a forwarding: it does not count for `forwarded`. */
  readonly toCustomer?: boolean;
  /** Delivers one inquiry; resolves with what the destination answered (e.g. a ticket id) or null. */
  deliver(delivery: Delivery, signal: AbortSignal): Promise<string | null>;
}

export interface Delivery {
  messageId: string;
  attempt: number;
  inquiry: ForwardedInquiry;
  /** Attachments with the path of their bytes on disk. */
  files: Array<ForwardedInquiry['attachments'][number] & { path: string }>;
}

/** A failed delivery; `permanent` ones go straight to the dead letters, others are retried. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/**
 * Classifies an HTTP answer that was not a success: timeouts, rate limits, conflicts in progress and server
 * errors are worth retrying (honouring `Retry-After`); other client errors will fail the same way again.
 */
export function httpFailure(destination: string, status: number, retryAfter: string | null): DeliveryError {
  const transient = status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;
  return new DeliveryError(`${destination} answered HTTP ${status}`, !transient, parseRetryAfter(retryAfter));
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** A network-level failure (refused, reset, timed out): always retried. */
export function networkFailure(destination: string, error: unknown): DeliveryError {
  const code = (error as { cause?: { code?: string }; code?: string })?.cause?.code ?? (error as { code?: string })?.code;
  const reason =
    (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError' ? 'timed out' : (code ?? (error as Error)?.message ?? 'failed');
  return new DeliveryError(`${destination}: ${reason}`, false);
}

import path from 'node:path';
import type { SiteConfig } from '../content/schema/index.ts';
import { DeliveryError, type Adapter } from './adapters/adapter.ts';
import { forwardedInquiry } from './inquiry-record.ts';
import { errorFields, type Logger } from './log.ts';
import type { IntakeSettings } from './settings.ts';
import { ticketNumber, type ClaimedMessage, type IntakeStore } from './store/store.ts';

/**
 * The forwarding worker. Every accepted inquiry has one outbox message per configured adapter, written in
 * the same transaction as the inquiry; this loop claims due messages, delivers them, and records the outcome:
 * delivered, retry later (exponential backoff with jitter, or the destination's `Retry-After`), or dead
 * letter after `maxAttempts` or a permanent refusal. Dead letters stay in the store for an operator
 * (`npm run intake -- --requeue-dead`). A crash mid-delivery only loses the lease: the message is delivered
 * again, and adapters pass the stable message id on so the destination can drop the duplicate.
 */
export interface Outbox {
  /** Looks for due messages now instead of at the next poll. */
  kick(): void;
  /** Stops polling and waits for deliveries in flight. */
  stop(): Promise<void>;
}

export function startOutbox(options: {
  store: IntakeStore;
  adapters: readonly Adapter[];
  config: SiteConfig;
  settings: IntakeSettings;
  log: Logger;
  uploadsDir: string;
}): Outbox {
  const { store, config, settings, log } = options;
  const o = settings.outbox;
  const adapters = new Map(options.adapters.map((a) => [a.name, a]));
  const names = [...adapters.keys()];
  const toCustomer = new Set(options.adapters.filter((a) => a.toCustomer).map((a) => a.name));
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let again = false;

  const backoff = (attempt: number) => {
    const delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(delay * (0.75 + Math.random() * 0.5));
  };

  // An attempt ends (answered or aborted) while its lease holds, with a fifth of the lease left to record the
  // outcome: past the lease another instance may claim the message and deliver it at the same time, and an
  // outcome recorded after that claim is ignored. `timeoutMs` longer than that is cut to it.
  const deliver = async (message: ClaimedMessage, claimedAt: number) => {
    const adapter = adapters.get(message.adapter)!;
    const fields = {
      adapter: adapter.name,
      inquiry_id: message.inquiryId,
      number: ticketNumber(settings.ticketPrefix, message.inquiry.seq),
      attempt: message.attempts,
    };
    const started = Date.now();
    let result: string | null;
    try {
      const inquiry = forwardedInquiry(message.inquiry, config, settings.ticketPrefix);
      const files = inquiry.attachments.map((a) => ({ ...a, path: path.join(options.uploadsDir, a.token) }));
      const timeoutMs = Math.max(1, Math.min(o.timeoutMs, claimedAt + o.leaseMs * 0.8 - Date.now()));
      result = await adapter.deliver({ messageId: message.id, attempt: message.attempts, inquiry, files }, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(`${adapter.name}: ${(error as Error)?.message ?? 'failed'}`, false);
      const dead = failure.permanent || message.attempts >= o.maxAttempts;
      const retryAt = dead ? null : Date.now() + Math.min(Math.max(failure.retryAfterMs ?? 0, backoff(message.attempts)), 24 * 3_600_000);
      await store.markFailed(message.id, message.attempts, failure.message, retryAt);
      const line = { ...fields, retry_in_ms: retryAt === null ? null : retryAt - Date.now(), ...errorFields(failure) };
      if (dead) log.error('outbox.dead_letter', line);
      else log.warn('outbox.retry', line);
      return;
    }
    await store.markDelivered(message.id, message.attempts, result, Date.now());
    log.info('outbox.delivered', { ...fields, ms: Date.now() - started });
    // The last destination took it: the customer's status page says the support team has it. Recorded under
    // one event id per inquiry, so two instances finishing its last deliveries at once record it once. The
    // customer's own confirmation mail is no destination of the inquiry and does not count.
    if (toCustomer.has(message.adapter)) return;
    const forwardings = (await store.outboxFor(message.inquiryId)).filter((m) => !toCustomer.has(m.adapter));
    if (forwardings.every((m) => m.status === 'delivered'))
      await store.recordState({
        inquiryId: message.inquiryId,
        state: 'forwarded',
        at: Date.now(),
        source: 'outbox',
        eventId: `forwarded:${message.inquiryId}`,
      });
  };

  const cycle = async () => {
    do {
      again = false;
      let claimed: ClaimedMessage[];
      const claimedAt = Date.now();
      try {
        claimed = await store.claimOutbox(names, claimedAt, o.concurrency, o.leaseMs);
      } catch (error) {
        log.error('outbox.claim_failed', errorFields(error));
        break;
      }
      // A failure to record an outcome (store down) leaves the lease to expire and the message to be retried.
      await Promise.all(
        claimed.map((m) =>
          deliver(m, claimedAt).catch((error: unknown) =>
            log.error('outbox.record_failed', { adapter: m.adapter, inquiry_id: m.inquiryId, ...errorFields(error) }),
          ),
        ),
      );
      if (claimed.length === o.concurrency) again = true;
    } while (again && !stopped);
  };

  const run = () => {
    if (stopped || !names.length) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = cycle().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) return run();
      timer = setTimeout(run, o.pollMs);
      timer.unref();
    });
  };

  run();
  return {
    kick: () => setImmediate(run),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

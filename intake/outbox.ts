import path from 'node:path';
import type { SiteConfig } from '../content/schema/index.ts';
import { DeliveryError, type Adapter } from './adapters/adapter.ts';
import { forwardedInquiry } from './inquiry-record.ts';
import { errorFields, type Logger } from './log.ts';
import type { IntakeSettings } from './settings.ts';
import type { ClaimedMessage, IntakeStore } from './store/store.ts';

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
  /** Resolves when no delivery is in flight and nothing is due (for tests and shutdown). */
  idle(): Promise<void>;
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
  let stopped = false;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let again = false;
  let idleWaiters: Array<() => void> = [];

  const backoff = (attempt: number) => {
    const delay = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(delay * (0.75 + Math.random() * 0.5));
  };

  const deliver = async (message: ClaimedMessage) => {
    const adapter = adapters.get(message.adapter)!;
    const inquiry = forwardedInquiry(message.inquiry, config, settings.ticketPrefix);
    const files = inquiry.attachments.map((a) => ({ ...a, path: path.join(options.uploadsDir, a.token) }));
    const started = Date.now();
    try {
      const result = await adapter.deliver({ messageId: message.id, attempt: message.attempts, inquiry, files }, AbortSignal.timeout(o.timeoutMs));
      await store.markDelivered(message.id, message.attempts, result, Date.now());
      log.info('outbox.delivered', { adapter: adapter.name, inquiry_id: inquiry.id, number: inquiry.number, attempt: message.attempts, ms: Date.now() - started });
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(`${adapter.name}: ${(error as Error)?.message ?? 'failed'}`, false);
      const dead = failure.permanent || message.attempts >= o.maxAttempts;
      const retryAt = dead ? null : Date.now() + Math.min(Math.max(failure.retryAfterMs ?? 0, backoff(message.attempts)), 24 * 3_600_000);
      await store.markFailed(message.id, message.attempts, failure.message, retryAt);
      (dead ? log.error : log.warn)(dead ? 'outbox.dead_letter' : 'outbox.retry', {
        adapter: adapter.name,
        inquiry_id: inquiry.id,
        number: inquiry.number,
        attempt: message.attempts,
        retry_in_ms: retryAt === null ? null : retryAt - Date.now(),
        ...errorFields(failure),
      });
    }
  };

  const cycle = async () => {
    do {
      again = false;
      let claimed: ClaimedMessage[];
      try {
        claimed = await store.claimOutbox(names, Date.now(), o.concurrency, o.leaseMs);
      } catch (error) {
        log.error('outbox.claim_failed', errorFields(error));
        break;
      }
      await Promise.all(claimed.map(deliver));
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
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
      timer = setTimeout(run, o.pollMs);
      timer.unref();
    });
  };

  run();
  return {
    kick: () => setImmediate(run),
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        run();
        if (!names.length) resolve();
      }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      for (const w of idleWaiters) w();
    },
  };
}

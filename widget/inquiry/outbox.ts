import type { InquiryFieldError, InquiryInput } from '../../content/schema/inquiry.ts';
import type { InquiryCreated } from '../../content/schema/intake-api.ts';
import type { DraftAttachment } from './draft-store.ts';
import { attemptDelivery } from './outbox-attempt.ts';
import { setOutboxPending } from './outbox-flag.ts';
import { openOutboxStore, type OutboxItem } from './outbox-store.ts';
import { DEFAULT_TIMING, waitAfter, type OutboxOptions } from './outbox-timing.ts';

export type { OutboxOptions } from './outbox-timing.ts';

/**
 * The inquiry outbox: sends each inquiry exactly once, whatever the network does. An inquiry is stored
 * (IndexedDB `kotae` db, store `outbox`, blobs included) before the first attempt, so that a failed or
 * offline send survives reloads; every attempt carries the same `Idempotency-Key` (the draft's key), so
 * the intake stores one inquiry however many attempts reach it. Network errors, 408, 429 and 5xx are retried
 * with exponential backoff (1 s, 2 s, 4 s … 60 s, with jitter; `Retry-After` wins), and at once when the
 * browser comes back online; other 4xx answers are final (`rejected`).
 */

/** Where one send stands; listeners get every change. */
export type SendState =
  | { state: 'sending'; key: string }
  /** `retryAt`: epoch ms of the next attempt; 0 when waiting for the browser to come back online. */
  | { state: 'queued'; key: string; reason: 'offline' | 'unavailable'; attempts: number; retryAt: number }
  /** `receipt`: the intake's 201 body (`POST /v1/inquiries`, the same again for a repeated key). */
  | { state: 'sent'; key: string; receipt: InquiryCreated }
  /** A final refusal (4xx other than 408/429): not retried. `errors` are the intake's field errors, translated
   * (`message` and `label` besides `field`/`code`/`params`); an attachment the intake refused is `attachments.<i>`. */
  | { state: 'rejected'; key: string; status: number; errors: InquiryFieldError[]; message: string };

export interface Outbox {
  /**
   * Stores the inquiry under `key` (the draft's key) and makes the first attempt: uploads the attachments
   * that have no token yet (remembering each token), then POSTs `body` with `attachments` replaced by the
   * tokens of `attachments`, in order. Resolves once the item is stored and that attempt has ended (state
   * `sent`, `queued` or `rejected`); retries continue in the background. Rejects only for a malformed key.
   * Sending a key again after `rejected` replaces the item (e.g. with corrected fields).
   */
  send(key: string, body: InquiryInput, attachments: DraftAttachment[], locale: string): Promise<void>;
  /** The latest state of a send made or resumed on this page, if any. */
  state(key: string): SendState | undefined;
  /** Calls `listener` on every state change, of every key; returns the unsubscribe function. */
  subscribe(listener: (s: SendState) => void): () => void;
  /**
   * Retries every pending item of this site now (call when the widget app starts) and restores the state of
   * rejected ones; resolves when each has had its attempt.
   */
  resume(): Promise<void>;
  /** Drops a rejected (or any) item and its state, e.g. when the customer discards the draft. */
  forget(key: string): Promise<void>;
}

/** The intake's rule for `Idempotency-Key` (intake/inquiries.ts). */
const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

const outboxes = new Map<string, Outbox>();

/**
 * The outbox of one site (`scope`: the Kotae site's base URL) sending to the intake at `intakeUrl`. One
 * instance per page and site: calling it again returns the same outbox (and ignores new `options`).
 *
 * @example
 *   const outbox = openOutbox(intakeUrl, host.base);
 *   outbox.subscribe((s) => s.key === draft.key && show(s));
 *   await outbox.send(draft.key, body, draft.attachments, 'ja');
 */
export function openOutbox(intakeUrl: string, scope: string, options: OutboxOptions = {}): Outbox {
  if (!/^https?:\/\//.test(intakeUrl)) throw new TypeError(`openOutbox: intakeUrl must be an http(s) URL, got "${intakeUrl}"`);
  if (!scope) throw new TypeError('openOutbox: scope must be the site base URL');
  const id = `${intakeUrl} ${scope}`;
  let outbox = outboxes.get(id);
  if (!outbox) outboxes.set(id, (outbox = createOutbox(intakeUrl, scope, { ...DEFAULT_TIMING, ...options })));
  return outbox;
}

/**
 * The outbox's moving parts, each in its own module: storage (outbox-store.ts), one delivery attempt
 * (outbox-attempt.ts), retry timing (outbox-timing.ts), the loader's wake-up flag (outbox-flag.ts). Here:
 * the state per key and its listeners, one attempt at a time per key, the retry timers and `online`.
 */
function createOutbox(intakeUrl: string, scope: string, timing: Required<OutboxOptions>): Outbox {
  const store = openOutboxStore(scope);
  const states = new Map<string, SendState>();
  const listeners = new Set<(s: SendState) => void>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Map<string, Promise<void>>();
  /** `send` calls in progress (storing, then the first attempt), so a double click sends once. */
  const sending = new Map<string, Promise<void>>();

  const emit = (s: SendState) => {
    states.set(s.key, s);
    for (const listener of [...listeners]) {
      try {
        listener(s);
      } catch (error) {
        console.error('Kotae outbox listener failed', error);
      }
    }
  };

  /** Keeps the loader's wake-up flag in step with what is pending (only stored items survive a reload). */
  const updateFlag = async () => setOutboxPending(scope, store.persistent && (await store.all()).some((i) => !i.rejected));

  const queue = async (item: OutboxItem, reason: 'offline' | 'unavailable', retryAfterSeconds?: number, failed = true) => {
    if (failed) {
      item.attempts++;
      await store.write(item).catch(() => {});
    }
    if (reason === 'offline') {
      // The `online` event brings it back; a timer would only fail again.
      emit({ state: 'queued', key: item.key, reason, attempts: item.attempts, retryAt: 0 });
      return;
    }
    const delay = waitAfter(item.attempts, retryAfterSeconds, timing);
    clearTimeout(timers.get(item.key));
    timers.set(
      item.key,
      setTimeout(() => void attempt(item.key), delay),
    );
    emit({ state: 'queued', key: item.key, reason, attempts: item.attempts, retryAt: Date.now() + delay });
  };

  const reject = async (item: OutboxItem, status: number, errors: InquiryFieldError[], message: string) => {
    item.rejected = { status, errors, message };
    await store.write(item).catch(() => {});
    emit({ state: 'rejected', key: item.key, ...item.rejected });
  };

  /** One attempt for `key`, unless one is already running on this page (or, with Web Locks, in another tab). */
  const attempt = (key: string): Promise<void> => {
    const current = running.get(key);
    if (current) return current;
    clearTimeout(timers.get(key));
    timers.delete(key);
    const locks = (navigator as Navigator & { locks?: LockManager }).locks;
    // Two tabs resuming the same item would upload its files twice and send two different bodies under one
    // key (the intake answers 409); the lock makes the second tab wait and then find the item gone.
    const run = locks ? locks.request(`kotae-outbox:${key}`, () => tryOnce(key)) : tryOnce(key);
    const done = Promise.resolve(run)
      .catch((error: unknown) => console.error('Kotae outbox attempt failed', error))
      .finally(() => running.delete(key))
      .then(() => updateFlag());
    running.set(key, done);
    return done;
  };

  const tryOnce = async (key: string): Promise<void> => {
    const item = await store.read(key);
    if (!item || item.rejected) return;
    if (!navigator.onLine) return queue(item, 'offline', undefined, false);
    emit({ state: 'sending', key });
    const result = await attemptDelivery(intakeUrl, item, () => store.write(item));
    if (result.outcome === 'retry') return queue(item, result.reason, result.retryAfter);
    if (result.outcome === 'rejected') return reject(item, result.status, result.errors, result.message);
    await store.remove(key);
    emit({ state: 'sent', key, receipt: result.receipt });
  };

  const retryQueued = () => {
    for (const [key, s] of states) if (s.state === 'queued') void attempt(key);
  };
  addEventListener('online', retryQueued);

  return {
    async send(key, body, attachments, locale) {
      if (typeof key !== 'string' || !KEY.test(key))
        throw new TypeError(`Outbox.send: key must be 8–128 letters, digits or -_.: (the draft key), got "${String(key)}"`);
      if (states.get(key)?.state === 'sent') return;
      const busy = sending.get(key) ?? running.get(key);
      if (busy) return busy;
      const whole = (async () => {
        const waiting = await store.read(key);
        // Already waiting (queued, or left by an earlier page): retry it now as stored. Replacing it could
        // drop upload tokens that an attempt the intake may have stored already used, and turn the retry
        // into a different body under the same key (409).
        if (!waiting || waiting.rejected) {
          await store.write({ scope, key, body, attachments: attachments.map((a) => ({ ...a })), locale, attempts: 0, createdAt: Date.now() });
          setOutboxPending(scope, store.persistent);
        }
        await attempt(key);
      })().finally(() => sending.delete(key));
      sending.set(key, whole);
      return whole;
    },

    state: (key) => states.get(key),

    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },

    async resume() {
      const items = await store.all();
      for (const item of items) if (item.rejected) emit({ state: 'rejected', key: item.key, ...item.rejected });
      await Promise.all(items.filter((i) => !i.rejected).map((i) => attempt(i.key)));
      await updateFlag();
    },

    async forget(key) {
      clearTimeout(timers.get(key));
      timers.delete(key);
      states.delete(key);
      await running.get(key);
      await store.remove(key);
      await updateFlag();
    },
  };
}

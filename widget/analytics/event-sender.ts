import type { SelfServiceEvent } from '../../content/schema/events.ts';
import { takeBatch } from './event-batches.ts';

/** The least time between two requests while the page is shown: events wait and go together. */
export const SEND_INTERVAL_MS = 5000;

/**
 * Sends queued events to the intake's `POST /v1/events` in batches: at most one request per
 * `SEND_INTERVAL_MS` while the page is shown (`fetch` with `keepalive`, JSON), and everything left at once
 * with `navigator.sendBeacon` (text/plain, which needs no CORS preflight) when the page is hidden or left,
 * because a timer may never fire again then. Events are best effort: a failed request is not retried.
 */
export class EventSender {
  private readonly queue: SelfServiceEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly endpoint: string) {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.flushAll();
    });
    addEventListener('pagehide', () => this.flushAll());
  }

  push(event: SelfServiceEvent): void {
    this.queue.push(event);
    // A hidden page's timers may never run (or run minutes late): an event from one goes at once.
    if (document.visibilityState === 'hidden') this.flushAll();
    else this.timer ??= setTimeout(() => this.sendOne(), SEND_INTERVAL_MS);
  }

  /** Replaces `old` by `next` if `old` is still waiting; returns whether it was. */
  replace(old: SelfServiceEvent, next: SelfServiceEvent): boolean {
    const at = this.queue.indexOf(old);
    if (at >= 0) this.queue[at] = next;
    return at >= 0;
  }

  /** Forgets every waiting event (analytics switched off). */
  clear(): void {
    this.queue.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sendOne(): void {
    this.timer = undefined;
    const body = takeBatch(this.queue);
    if (body) this.post(body);
    if (this.queue.length) this.timer = setTimeout(() => this.sendOne(), SEND_INTERVAL_MS);
  }

  private flushAll(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (let body = takeBatch(this.queue); body; body = takeBatch(this.queue)) {
      // A string body goes as text/plain;charset=UTF-8. Beacons and keepalive requests share 64 KB in
      // flight; past that the beacon is refused, and a plain request still goes while the page lives.
      if (!navigator.sendBeacon?.(this.endpoint, body)) this.post(body, false);
    }
  }

  private post(body: string, keepalive = true): void {
    fetch(this.endpoint, { method: 'POST', keepalive, credentials: 'omit', headers: { 'content-type': 'application/json' }, body }).catch(() => {});
  }
}

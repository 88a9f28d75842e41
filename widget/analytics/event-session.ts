import type { EVENT_SESSION_IDLE_MS } from '../../content/schema/events.ts';

// The schema module carries zod, which the widget's app chunk does not load: the value is repeated here and
// this line fails to compile when the two differ.
const IDLE_MS: typeof EVENT_SESSION_IDLE_MS = 30 * 60_000;

/**
 * The anonymous session id events carry: 128 random bits from `crypto.getRandomValues`, base64url (22
 * characters). It lives in this object only (no cookie, no storage, nothing derived from the browser), so a
 * reload or another tab starts a new one, and it is replaced after `EVENT_SESSION_IDLE_MS` without an
 * event, so one id never spans two visits.
 */
export class EventSession {
  private id = '';
  private lastEvent = 0;

  /** The id for an event happening at `now` (ms); a new one after the idle time. */
  idAt(now: number): string {
    if (!this.id || now - this.lastEvent > IDLE_MS) this.id = randomSessionId();
    this.lastEvent = now;
    return this.id;
  }
}

/** 16 random bytes as unpadded base64url. */
export function randomSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

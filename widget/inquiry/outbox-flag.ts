/**
 * The outbox's wake-up flag: a localStorage key set while a site's outbox holds an inquiry not yet sent, so
 * that the loader (which must stay tiny and never opens IndexedDB) can load the app in idle time after a
 * reload and let the outbox retry without the customer opening the widget. The one spelling of the key: the
 * loader (its own bundle pass, where this inlines to a template string) and the app import it from here.
 */

/** `kotae-outbox:<scope>`. */
export const outboxFlagKey = (scope: string): string => `kotae-outbox:${scope}`;

/** Whether the site's outbox said it has pending sends (false when localStorage is unavailable). */
export function outboxPending(scope: string): boolean {
  try {
    return localStorage.getItem(outboxFlagKey(scope)) !== null;
  } catch {
    return false;
  }
}

/** Sets or clears the flag; storage errors (disabled, full) are ignored: the flag is only a hint. */
export function setOutboxPending(scope: string, pending: boolean): void {
  try {
    if (pending) localStorage.setItem(outboxFlagKey(scope), '1');
    else localStorage.removeItem(outboxFlagKey(scope));
  } catch {
    // Without the flag the outbox still retries when the widget app next starts.
  }
}

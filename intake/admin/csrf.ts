import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Cross-site request forgery defences for everything under `/admin` that changes state (POST, PUT, PATCH,
 * DELETE), in two layers:
 * 1. A synchronizer token, compared in constant time. Signed in, it is derived from the session token
 *    (HMAC-SHA256 keyed by it), so it is bound to the session, changes with it and needs no storage; the
 *    console sends it as the `csrf_token` form field or the `X-CSRF-Token` header. Before sign-in there is no
 *    session, so the sign-in form is bound to a random value in its own cookie: the form carries
 *    HMAC(server secret, value), which a site able to plant cookies still cannot compute.
 * 2. Where the browser says where a request comes from (`Sec-Fetch-Site`, `Origin`), anything but our own
 *    origin is refused before the token is even looked at.
 */

/** The header and the form field a token may come in. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = 'csrf_token';

/** The token of a signed-in session. */
export function sessionCsrfToken(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('kotae-admin-csrf').digest('base64url');
}

/** A fresh value for the sign-in form's cookie. */
export function newSignInNonce(): string {
  return randomBytes(32).toString('base64url');
}

/** The token the sign-in form carries for the nonce in its cookie. */
export function signInCsrfToken(secret: Buffer, nonce: string): string {
  return createHmac('sha256', secret).update(`kotae-admin-sign-in:${nonce}`).digest('base64url');
}

/** Constant-time equality of two tokens of any length (each is hashed first, so lengths do not leak either). */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: the header first, else the form field. */
export function requestCsrfToken(req: IncomingMessage, form: URLSearchParams | undefined): string | undefined {
  const header = req.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  return form?.get(CSRF_FIELD) ?? undefined;
}

/**
 * Why the browser's own headers show the request is not from our pages, or undefined when they do not.
 * `expectedOrigin` is the configured public origin; without one the `Origin`'s host must be the `Host` the
 * request was sent to. Clients that send neither header (curl, tests) rely on the token alone.
 */
export function foreignRequest(req: IncomingMessage, expectedOrigin: string | undefined): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return `sec-fetch-site:${site}`;
  const origin = req.headers.origin;
  if (origin === undefined) return undefined;
  if (origin === 'null') return 'origin:null';
  if (expectedOrigin) return origin === expectedOrigin ? undefined : 'origin';
  try {
    return new URL(origin).host === req.headers.host ? undefined : 'origin';
  } catch {
    return 'origin';
  }
}

import type { IncomingMessage } from 'node:http';
import type { AdminSession } from '../store/store.ts';
import { readCookie, type CookieJar } from './cookies.ts';
import { requestCsrfToken, sameToken, sessionCsrfToken } from './csrf.ts';
import type { Sessions } from './sessions.ts';

/**
 * The guard the support console stands behind. Routes added to the admin route table (`routes.ts`) get it
 * for free: the table answers an unauthenticated request itself (303 to `/admin/sign-in` for pages, 401 JSON
 * under `/admin/api/`), refuses a state-changing request (POST, PUT, PATCH, DELETE) from another origin or
 * without the session's CSRF token with 403, and hands the handler the signed-in admin. Code outside the
 * table uses the two functions directly:
 *
 * ```ts
 * const admin = await guard.requireAdmin(req);
 * if (!admin) return unauthorized();
 * if (req.method !== 'GET' && !guard.checkCsrf(req, admin)) return forbidden(); // X-CSRF-Token header
 * render(`<meta name="csrf-token" content="${admin.csrfToken}">`);            // for the console's fetch()es
 * ```
 */
export interface SignedInAdmin {
  /** The local account's name, or the verified email (else `preferred_username`, else subject) from the issuer. */
  user: string;
  via: AdminSession['via'];
  /** The session's CSRF token: put it in forms (`csrf_token`) and in `X-CSRF-Token` on the console's requests. */
  csrfToken: string;
  /** When the session ends at the latest (epoch ms). */
  expiresAt: number;
}

export interface AdminGuard {
  /** The signed-in admin of this request, or undefined (no cookie, unknown, idle too long, expired). */
  requireAdmin(req: IncomingMessage): Promise<SignedInAdmin | undefined>;
  /**
   * True when the request carries the session's CSRF token, in the `X-CSRF-Token` header or the `csrf_token`
   * field of `form` (the parsed urlencoded body), compared in constant time.
   */
  checkCsrf(req: IncomingMessage, admin: SignedInAdmin, form?: URLSearchParams): boolean;
}

export function createAdminGuard(sessions: Sessions, jarFor: (req: IncomingMessage) => CookieJar): AdminGuard {
  return {
    async requireAdmin(req) {
      const token = readCookie(req, jarFor(req).session);
      const session = await sessions.find(token);
      if (!session || !token) return undefined;
      return { user: session.user, via: session.via, csrfToken: sessionCsrfToken(token), expiresAt: session.expiresAt };
    },
    checkCsrf(req, admin, form) {
      return sameToken(requestCsrfToken(req, form), admin.csrfToken);
    },
  };
}

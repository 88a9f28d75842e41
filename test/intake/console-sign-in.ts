import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ConsoleSignIn } from '../../intake/console/routes.ts';

/**
 * TEST ONLY. A stand-in for the admin sign-in (intake/admin/guard.ts) while the console is tested on its
 * own: `signIn(user)` makes a session and returns its cookie and CSRF token; a request carrying the cookie
 * `test-session=<token>` is that user's. Nothing here is reachable from the intake itself.
 */
export function testOnlySignIn(): ConsoleSignIn & { signIn(user: string): { cookie: string; csrfToken: string } } {
  const sessions = new Map<string, { user: string; csrfToken: string }>();
  const sessionOf = (req: IncomingMessage) => /(?:^|;\s*)test-session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return {
    signIn(user) {
      const token = randomBytes(16).toString('hex');
      const csrfToken = randomBytes(16).toString('hex');
      sessions.set(token, { user, csrfToken });
      return { cookie: `test-session=${token}`, csrfToken };
    },
    async requireAdmin(req) {
      const token = sessionOf(req);
      return token ? sessions.get(token) : undefined;
    },
    checkCsrf(req, admin) {
      return req.headers['x-csrf-token'] === admin.csrfToken;
    },
  };
}

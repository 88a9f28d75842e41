import { createHash, randomBytes } from 'node:crypto';
import type { AdminSession, IntakeStore } from '../store/store.ts';

/**
 * Console sessions, kept in the store so that every instance on one PostgreSQL knows them. The browser holds
 * a random 256-bit token; the store keeps only its SHA-256. A session ends at sign-out, after `idleMs`
 * without a request, `maxMs` after sign-in, or when its account's password changes or the account goes.
 */
export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** Last-seen times are written at most this often: a busy console would otherwise write on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface Sessions {
  /** Starts a session; returns the token for the cookie. */
  start(user: string, via: AdminSession['via']): Promise<{ token: string; session: AdminSession }>;
  /** The live session of `token`, or undefined (unknown, idle too long, or past its end). */
  find(token: string | undefined): Promise<AdminSession | undefined>;
  end(token: string): Promise<void>;
  policy: SessionPolicy;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessions(store: IntakeStore, policy: SessionPolicy, now: () => number = Date.now): Sessions {
  return {
    policy,
    async start(user, via) {
      const at = now();
      // Expired rows go whenever someone signs in: the table holds live sessions and a few stale ones.
      await store.purgeAdminSessions(at, at - policy.idleMs);
      const token = randomBytes(32).toString('base64url');
      const session: AdminSession = { idHash: hashToken(token), user, via, createdAt: at, lastSeenAt: at, expiresAt: at + policy.maxMs };
      await store.saveAdminSession(session);
      return { token, session };
    },
    async find(token) {
      if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
      const session = await store.adminSession(hashToken(token));
      if (!session) return undefined;
      const at = now();
      if (at >= session.expiresAt || at - session.lastSeenAt >= policy.idleMs) {
        await store.deleteAdminSession(session.idHash);
        return undefined;
      }
      if (at - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchAdminSession(session.idHash, at);
      return session;
    },
    async end(token) {
      await store.deleteAdminSession(hashToken(token));
    },
  };
}

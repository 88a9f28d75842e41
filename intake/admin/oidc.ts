import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import type { IntakeSettings } from '../settings.ts';
import { sameToken } from './csrf.ts';

/**
 * Sign-in with the team's OpenID Connect issuer, as a relying party built on `openid-client`: the
 * authorization code flow with PKCE (S256), `state` and `nonce`. The transaction (state, nonce, code
 * verifier, redirect URL) waits in a short-lived cookie, signed with a secret every instance shares, so the
 * callback may reach any instance. The issuer proves who the person is; `allowedEmails`, `allowedDomains`
 * or `requiredGroup` decide whether they may enter (a verified email is required for the first two).
 */
export type AdminOidcSettings = NonNullable<IntakeSettings['admin']['oidc']>;

/** How long a started sign-in may take at the issuer. */
export const TRANSACTION_SECONDS = 600;

export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  startedAt: number;
  /** The console page to go back to (checked again when used: intake/admin/return-to.ts). */
  returnTo?: string;
}

export type OidcOutcome =
  | { kind: 'signed_in'; user: string; subject: string }
  /** The issuer vouched for someone the settings do not let in. */
  | { kind: 'not_allowed'; subject: string }
  /** The answer did not check out (wrong state, a replayed or forged code, an error from the issuer). */
  | { kind: 'failed'; reason: string };

export interface OidcSignIn {
  /** What the sign-in button names: the configured name, else the issuer's host. */
  name: string;
  /** Where the issuer's sign-in page lives (for the sign-in page's `form-action`), once discovered. */
  authorizationOrigin(): Promise<string | undefined>;
  begin(redirectUri: string, returnTo?: string): Promise<{ url: URL; transaction: OidcTransaction }>;
  finish(transaction: OidcTransaction, callback: URL): Promise<OidcOutcome>;
  /** The transaction as a cookie value (signed), and back (undefined when forged, malformed or too old). */
  seal(transaction: OidcTransaction): string;
  open(value: string | undefined, now?: number): OidcTransaction | undefined;
}

export function createOidcSignIn(settings: AdminOidcSettings, secret: Buffer): OidcSignIn {
  const issuer = new URL(settings.issuer);
  // Plain HTTP only to an issuer on this machine (tests, a local identity provider); HTTPS everywhere else.
  const loopback = issuer.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(issuer.hostname);
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = () =>
    (discovered ??= client
      .discovery(
        issuer,
        settings.clientId,
        undefined,
        settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
        loopback ? { execute: [client.allowInsecureRequests] } : {},
      )
      .catch((error: unknown) => {
        // Try again at the next sign-in: the issuer may be back by then.
        discovered = undefined;
        throw error;
      }));

  const sign = (payload: string) => createHmac('sha256', secret).update(`kotae-admin-oidc:${payload}`).digest('base64url');

  return {
    name: settings.name ?? issuer.hostname,
    async authorizationOrigin() {
      try {
        const endpoint = (await configuration()).serverMetadata().authorization_endpoint;
        return endpoint ? new URL(endpoint).origin : undefined;
      } catch {
        return undefined;
      }
    },
    async begin(redirectUri, returnTo) {
      const config = await configuration();
      const transaction: OidcTransaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        redirectUri,
        startedAt: Date.now(),
        ...(returnTo ? { returnTo } : {}),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
        state: transaction.state,
        nonce: transaction.nonce,
      });
      return { url, transaction };
    },
    async finish(transaction, callback) {
      let claims: Record<string, unknown>;
      try {
        const config = await configuration();
        // The callback as the issuer was told to call it, with the parameters it was called with.
        const current = new URL(transaction.redirectUri);
        current.search = callback.search;
        const tokens = await client.authorizationCodeGrant(config, current, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
        const idToken = tokens.claims()!;
        // Many issuers put email and groups in the UserInfo answer only; the ID token's subject must match.
        const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub).catch(() => ({}));
        claims = { ...info, ...idToken };
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown' };
      }
      const subject = String(claims.sub);
      const email = typeof claims.email === 'string' && claims.email_verified === true ? claims.email.toLowerCase() : undefined;
      const groups = claims[settings.groupsClaim];
      const allowed =
        (email !== undefined &&
          (settings.allowedEmails.some((e) => e.toLowerCase() === email) ||
            settings.allowedDomains.some((d) => email.endsWith(`@${d.toLowerCase().replace(/^@/, '')}`)))) ||
        (settings.requiredGroup !== undefined && Array.isArray(groups) && groups.includes(settings.requiredGroup));
      if (!allowed) return { kind: 'not_allowed', subject };
      const name = typeof claims.preferred_username === 'string' ? claims.preferred_username : subject;
      return { kind: 'signed_in', user: email ?? name, subject };
    },
    seal(transaction) {
      const payload = Buffer.from(JSON.stringify(transaction)).toString('base64url');
      return `${payload}.${sign(payload)}`;
    },
    open(value, now = Date.now()) {
      const [payload, signature, extra] = (value ?? '').split('.');
      if (!payload || !signature || extra !== undefined || !sameToken(signature, sign(payload))) return undefined;
      try {
        const t = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OidcTransaction;
        if (typeof t.state !== 'string' || typeof t.nonce !== 'string' || typeof t.verifier !== 'string' || typeof t.redirectUri !== 'string') return undefined;
        return now - t.startedAt < TRANSACTION_SECONDS * 1000 ? t : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

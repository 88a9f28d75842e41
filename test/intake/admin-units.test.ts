import { describe, expect, it } from 'vitest';
import { needsSecureCookies } from '../../intake/admin/cookies.ts';
import { sameToken, sessionCsrfToken } from '../../intake/admin/csrf.ts';
import { createOidcSignIn } from '../../intake/admin/oidc.ts';
import { dummyHash, hashPassword, scryptRuns, verifyPassword } from '../../intake/admin/passwords.ts';
import { safeReturnTo, signInLocation } from '../../intake/admin/return-to.ts';
import { createSignInThrottle } from '../../intake/admin/sign-in-throttle.ts';
import { resolveSettings, settingsFromEnv } from '../../intake/settings.ts';

describe('console password hashes', () => {
  it('are salted scrypt with their parameters in the stored string, and verify only the right password', async () => {
    const [a, b] = [await hashPassword('correct horse battery'), await hashPassword('correct horse battery')];
    expect(a).toMatch(/^scrypt\$N=32768,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('verify hashes made with other (older) parameters, since the parameters travel with the hash', async () => {
    // N=1024 made with node:crypto directly, the way an older release might have stored it.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old password here', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$N=1024,r=8,p=1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('old password here', stored)).toBe(true);
  });

  it('treat a malformed or greedy stored value as no match, after the same scrypt as a real check', async () => {
    await dummyHash(); // made once per process (the intake makes it at start)
    for (const stored of ['', 'plain', 'scrypt$N=3,r=8,p=1$AAAA$AAAA', 'scrypt$N=1073741824,r=8,p=1$AAAA$AAAA']) {
      const before = scryptRuns();
      expect(await verifyPassword('whatever it is', stored)).toBe(false);
      expect(scryptRuns() - before).toBe(1);
    }
  });
});

describe('the sign-in throttle', () => {
  it('lets 5 failures through, then makes each attempt wait 30 s, doubling up to 15 minutes; a success clears the account', () => {
    let now = 0;
    const throttle = createSignInThrottle(undefined, () => now);
    for (let i = 0; i < 4; i++) {
      expect(throttle.wait('Alice', '10.0.0.1')).toBe(0);
      throttle.failed('Alice', '10.0.0.1');
    }
    throttle.failed('alice', '10.0.0.1');
    expect(throttle.wait('ALICE', '10.0.0.2')).toBe(30);
    now += 30_000;
    expect(throttle.wait('alice', '10.0.0.2')).toBe(0);
    throttle.failed('alice', '10.0.0.1');
    expect(throttle.wait('alice', '10.0.0.2')).toBe(60);
    for (let i = 0; i < 10; i++) throttle.failed('alice', '10.0.0.1');
    expect(throttle.wait('alice', '10.0.0.2')).toBe(900);
    throttle.succeeded('alice');
    expect(throttle.wait('alice', '10.0.0.2')).toBe(0);
    // The address kept its own count: 16 failures so far, 4 more to its limit of 20.
    for (let i = 0; i < 4; i++) throttle.failed(`name${i}`, '10.0.0.1');
    expect(throttle.wait('someone', '10.0.0.1')).toBe(30);
    expect(throttle.wait('someone', '10.0.0.3')).toBe(0);
  });

  it('forgets failures an hour after the last one', () => {
    let now = 0;
    const throttle = createSignInThrottle(undefined, () => now);
    for (let i = 0; i < 5; i++) throttle.failed('bob', '10.0.0.1');
    expect(throttle.wait('bob', '10.0.0.1')).toBe(30);
    now += 3_600_001;
    throttle.failed('bob', '10.0.0.1');
    expect(throttle.wait('bob', '10.0.0.1')).toBe(0);
  });
});

describe('console cookies and tokens', () => {
  it('are Secure everywhere except plain HTTP on a loopback address', () => {
    expect(needsSecureCookies('http://127.0.0.1:4401')).toBe(false);
    expect(needsSecureCookies('http://localhost:4401')).toBe(false);
    expect(needsSecureCookies('http://[::1]:4401')).toBe(false);
    expect(needsSecureCookies('https://127.0.0.1')).toBe(true);
    expect(needsSecureCookies('http://support.example.com')).toBe(true);
    expect(needsSecureCookies('https://support.example.com/intake')).toBe(true);
  });

  it('derive a CSRF token per session and compare tokens of any length in constant time', () => {
    const token = 'a'.repeat(43);
    expect(sessionCsrfToken(token)).toBe(sessionCsrfToken(token));
    expect(sessionCsrfToken(token)).not.toBe(sessionCsrfToken('b'.repeat(43)));
    expect(sameToken(sessionCsrfToken(token), sessionCsrfToken(token))).toBe(true);
    expect(sameToken('short', sessionCsrfToken(token))).toBe(false);
    expect(sameToken(undefined, 'x')).toBe(false);
  });

  it('seal the OpenID Connect transaction: a changed, re-signed or stale cookie does not open', () => {
    const settings = { issuer: 'https://id.example.com', clientId: 'c', allowedEmails: [], allowedDomains: ['example.com'], groupsClaim: 'groups' };
    const oidc = createOidcSignIn(settings, Buffer.alloc(32, 1));
    const other = createOidcSignIn(settings, Buffer.alloc(32, 2));
    const transaction = { state: 's', nonce: 'n', verifier: 'v', redirectUri: 'https://support.example.com/admin/oidc/callback', startedAt: 1_000 };
    const sealed = oidc.seal(transaction);
    expect(oidc.open(sealed, 2_000)).toEqual(transaction);
    expect(other.open(sealed, 2_000)).toBeUndefined();
    const [payload, signature] = sealed.split('.');
    const changed = Buffer.from(JSON.stringify({ ...transaction, state: 'mine' })).toString('base64url');
    expect(oidc.open(`${changed}.${signature}`, 2_000)).toBeUndefined();
    expect(oidc.open(`${payload}.${signature}.x`, 2_000)).toBeUndefined();
    expect(oidc.open(sealed, 1_000 + 600_000)).toBeUndefined();
    expect(oidc.name).toBe('id.example.com');
  });
});

describe('console settings', () => {
  it('come from KOTAE_INTAKE_ADMIN_* variables, and OIDC must say who may sign in', () => {
    const settings = resolveSettings(
      settingsFromEnv({
        KOTAE_INTAKE_ADMIN_OIDC_ISSUER: 'https://id.example.com',
        KOTAE_INTAKE_ADMIN_OIDC_CLIENT_ID: 'kotae',
        KOTAE_INTAKE_ADMIN_OIDC_CLIENT_SECRET: 'secret',
        KOTAE_INTAKE_ADMIN_OIDC_ALLOWED_DOMAINS: 'example.com, example.co.jp',
        KOTAE_INTAKE_ADMIN_LOCAL_SIGN_IN: 'false',
        KOTAE_INTAKE_ADMIN_SESSION_IDLE_MINUTES: '15',
      }),
    );
    expect(settings.admin).toMatchObject({
      localSignIn: false,
      sessionIdleMinutes: 15,
      sessionMaxHours: 12,
      oidc: { issuer: 'https://id.example.com', clientId: 'kotae', allowedDomains: ['example.com', 'example.co.jp'], groupsClaim: 'groups' },
    });
    expect(resolveSettings({}).admin).toEqual({ localSignIn: true, sessionIdleMinutes: 30, sessionMaxHours: 12 });
    expect(() => resolveSettings({ admin: { oidc: { issuer: 'https://id.example.com', clientId: 'kotae' } } })).toThrow(/admin\.oidc: say who may sign in/);
  });
});

describe('where a sign-in returns to', () => {
  it('follows only paths of the console, never another site, never the sign-in itself', () => {
    expect(safeReturnTo('/admin/?state=waiting&q=%E3%82%AB%E3%83%A1%E3%83%A9')).toBe('/admin/?state=waiting&q=%E3%82%AB%E3%83%A1%E3%83%A9');
    expect(safeReturnTo('/admin/insights?since=2026-11-01')).toBe('/admin/insights?since=2026-11-01');
    for (const bad of [
      'https://evil.example/admin/',
      '//evil.example/admin/',
      '/\\evil.example/admin/',
      '\\\\evil.example',
      '/admin/../v1/openapi.json',
      '/administrator',
      '/admin/sign-in?next=/admin/',
      '/admin/sign-out',
      '/admin/oidc/callback?code=x',
      '/admin/\n/x',
      'javascript:alert(1)',
      '',
      `/admin/${'x'.repeat(3000)}`,
    ])
      expect(safeReturnTo(bad), bad).toBeUndefined();
    expect(safeReturnTo(null)).toBeUndefined();
  });

  it('sends a signed-out page request to the sign-in with its language and the page to come back to', () => {
    expect(signInLocation(new URL('http://h/admin/?lang=ja&state=waiting'))).toBe('/admin/sign-in?lang=ja&next=%2Fadmin%2F%3Flang%3Dja%26state%3Dwaiting');
    expect(signInLocation(new URL('http://h/admin/'))).toBe('/admin/sign-in');
    expect(signInLocation(new URL('http://h/admin/insights'))).toBe('/admin/sign-in?next=%2Fadmin%2Finsights');
  });
});

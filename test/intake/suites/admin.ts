import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../../intake/admin/accounts.ts';
import { scryptRuns } from '../../../intake/admin/passwords.ts';
import { createSessions } from '../../../intake/admin/sessions.ts';
import type { RunningIntake } from '../../../intake/server.ts';
import { openStore } from '../../../intake/store/open.ts';
import type { IntakeStore } from '../../../intake/store/store.ts';
import { AdminClient, type AdminAnswer } from '../admin-client.ts';
import { memoryLog, startTestIntake, type StoreTarget } from '../fixtures.ts';

const PASSWORD = 'correct horse battery staple';

/** The attributes of the `Set-Cookie` named `name` in an answer, lower-cased, or undefined. */
function cookieAttributes(answer: AdminAnswer, name: string): string[] | undefined {
  const line = answer.setCookies.find((c) => c.startsWith(`${name}=`));
  return line?.split(';').map((part) => part.trim().toLowerCase());
}

/**
 * The support console's sign-in against one store: local accounts and sessions in the store, the sign-in
 * and sign-out over HTTP with their cookies, CSRF, throttling and headers (the browser flows, OIDC and
 * accessibility are in admin-browser.test.ts).
 */
export function adminSuite(target: StoreTarget): void {
  describe(`console accounts and sessions in the ${target.name} store`, () => {
    let store: IntakeStore;
    beforeAll(async () => {
      const fresh = await target.fresh();
      store = await openStore({ dataDir: fresh.dataDir, databaseUrl: fresh.databaseUrl, databaseSchema: fresh.databaseSchema });
    });
    afterAll(() => store?.close());

    it('saves, replaces (keeping the creation time), lists by name and deletes accounts', async () => {
      await store.saveAdminAccount({ user: 'zoe', passwordHash: 'scrypt$a', createdAt: 1, updatedAt: 1 });
      await store.saveAdminAccount({ user: 'adam', passwordHash: 'scrypt$b', createdAt: 2, updatedAt: 2 });
      await store.saveAdminAccount({ user: 'zoe', passwordHash: 'scrypt$c', createdAt: 3, updatedAt: 3 });
      expect(await store.adminAccount('zoe')).toEqual({ user: 'zoe', passwordHash: 'scrypt$c', createdAt: 1, updatedAt: 3 });
      expect((await store.listAdminAccounts()).map((a) => a.user)).toEqual(['adam', 'zoe']);
      expect(await store.deleteAdminAccount('zoe')).toBe(true);
      expect(await store.deleteAdminAccount('zoe')).toBe(false);
      expect(await store.adminAccount('zoe')).toBeUndefined();
    });

    it('keeps only the SHA-256 of a session token, and ends sessions when idle, past their end, or at sign-out', async () => {
      let now = Date.parse('2030-01-01T00:00:00Z');
      const sessions = createSessions(store, { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 }, () => now);
      const { token, session } = await sessions.start('alice', 'password');
      expect(session.idHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(await store.adminSession(session.idHash))).not.toContain(token);
      expect(await store.adminSession(token)).toBeUndefined();

      // Activity keeps it alive past the idle timeout, but not past its absolute end.
      for (let i = 0; i < 24; i++) {
        now += 29 * 60_000;
        expect((await sessions.find(token))?.user).toBe('alice');
      }
      now = session.expiresAt;
      expect(await sessions.find(token)).toBeUndefined();
      expect(await store.adminSession(session.idHash)).toBeUndefined();

      const idle = await sessions.start('alice', 'password');
      now += 30 * 60_000;
      expect(await sessions.find(idle.token)).toBeUndefined();

      const ended = await sessions.start('bob', 'oidc');
      expect((await sessions.find(ended.token))?.via).toBe('oidc');
      await sessions.end(ended.token);
      expect(await sessions.find(ended.token)).toBeUndefined();
    });

    it('signs one user out everywhere, and purges dead sessions', async () => {
      const now = Date.parse('2031-01-01T00:00:00Z');
      const row = (idHash: string, user: string, lastSeenAt: number, expiresAt: number) =>
        store.saveAdminSession({ idHash, user, via: 'password', createdAt: lastSeenAt, lastSeenAt, expiresAt });
      await row('a1', 'amy', now, now + 1000);
      await row('a2', 'amy', now, now + 1000);
      await row('b1', 'ben', now, now + 1000);
      await row('old', 'ben', now - 10_000, now + 1000);
      await row('over', 'ben', now, now);
      expect(await store.deleteAdminSessionsOf('amy')).toBe(2);
      expect(await store.purgeAdminSessions(now, now - 5_000)).toBeGreaterThanOrEqual(2);
      expect(await store.adminSession('b1')).toMatchObject({ user: 'ben' });
      expect(await store.adminSession('old')).toBeUndefined();
      expect(await store.adminSession('over')).toBeUndefined();
    });
  });

  describe(`console sign-in over HTTP on ${target.name}`, () => {
    let intake: RunningIntake;
    const logged = memoryLog();

    beforeAll(async () => {
      intake = await startTestIntake(target, { log: logged.log });
      await addAccount(intake.store, 'alice', PASSWORD);
    });
    afterAll(() => intake?.close());

    it('signs in with the right password: 303 to /admin/ and an HttpOnly, SameSite=Strict session cookie on Path=/admin (not Secure on http://127.0.0.1)', async () => {
      const client = new AdminClient(intake.url);
      const answer = await client.signIn('alice', PASSWORD);
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toBe('/admin/');
      const attributes = cookieAttributes(answer, 'kotae_admin')!;
      expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/admin']));
      expect(attributes).not.toContain('secure');
      expect(attributes.find((a) => a.startsWith('max-age='))).toBe('max-age=43200');
      const home = await client.get('/admin/');
      expect(home.status).toBe(200);
      expect(home.text).toContain('Signed in as alice');
    });

    it('signs out: the session ends in the store, the cookie is cleared, and /admin/ sends to the sign-in page again', async () => {
      const client = new AdminClient(intake.url);
      await client.signIn('alice', PASSWORD);
      const token = client.cookies.get('kotae_admin')!;
      const idHash = createHash('sha256').update(token).digest('hex');
      expect(await intake.store.adminSession(idHash)).toBeDefined();
      const answer = await client.post('/admin/sign-out', { csrf_token: await client.csrfToken('/admin/') });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('location')).toMatch(/^\/admin\/sign-in\?lang=en&signed-out$/);
      expect(cookieAttributes(answer, 'kotae_admin')).toContain('max-age=0');
      expect(await intake.store.adminSession(idHash)).toBeUndefined();
      // The old token is worth nothing, even sent again by hand.
      const again = await fetch(`${intake.url}/admin/`, { redirect: 'manual', headers: { cookie: `kotae_admin=${token}` } });
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe('/admin/sign-in');
    });

    it('answers a wrong password and an unknown user alike (401, the same message) and runs scrypt exactly once for each', async () => {
      const client = new AdminClient(intake.url);
      const attempt = async (user: string, password: string) => {
        const csrf_token = await client.csrfToken('/admin/sign-in');
        const before = scryptRuns();
        const answer = await client.post('/admin/sign-in', { csrf_token, user, password });
        return { answer, runs: scryptRuns() - before };
      };
      const wrong = await attempt('alice', 'not the password at all');
      const unknown = await attempt('nobody-here', 'not the password at all');
      const malformed = await attempt('no such <name>', 'not the password at all');
      const right = await attempt('alice', PASSWORD);
      expect([wrong.runs, unknown.runs, malformed.runs, right.runs]).toEqual([1, 1, 1, 1]);
      expect([wrong.answer.status, unknown.answer.status, malformed.answer.status, right.answer.status]).toEqual([401, 401, 401, 303]);
      const alert = (a: AdminAnswer) => /<p role="alert"[^>]*>([^<]*)<\/p>/.exec(a.text)?.[1];
      expect(alert(wrong.answer)).toBe('The user name or the password is wrong.');
      expect(alert(unknown.answer)).toBe(alert(wrong.answer));
      expect(wrong.answer.setCookies.some((c) => c.startsWith('kotae_admin='))).toBe(false);
    });

    it('refuses a sign-in POST without the form token, or with a token for another browser, with 403 and signs nobody in', async () => {
      const client = new AdminClient(intake.url);
      await client.get('/admin/sign-in');
      const missing = await client.post('/admin/sign-in', { user: 'alice', password: PASSWORD });
      expect(missing.status).toBe(403);
      expect(missing.text).toContain('role="alert"');
      const other = new AdminClient(intake.url);
      const otherToken = await other.csrfToken('/admin/sign-in');
      const foreign = await client.post('/admin/sign-in', { csrf_token: otherToken, user: 'alice', password: PASSWORD });
      expect(foreign.status).toBe(403);
      const noCookie = await fetch(`${intake.url}/admin/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf_token: otherToken, user: 'alice', password: PASSWORD }),
      });
      expect(noCookie.status).toBe(403);
      for (const answer of [missing, foreign]) expect(answer.setCookies.some((c) => c.startsWith('kotae_admin='))).toBe(false);
      expect(noCookie.headers.getSetCookie().some((c) => c.startsWith('kotae_admin='))).toBe(false);
    });

    it('refuses a sign-out without the session token (403) and the session stays; X-CSRF-Token is accepted in place of the field', async () => {
      const client = new AdminClient(intake.url);
      await client.signIn('alice', PASSWORD);
      const token = await client.csrfToken('/admin/');
      expect((await client.post('/admin/sign-out', {})).status).toBe(403);
      expect((await client.post('/admin/sign-out', { csrf_token: `${token}x` })).status).toBe(403);
      expect((await client.request('/admin/sign-out', { method: 'DELETE' })).status).toBe(405);
      expect((await client.get('/admin/')).status).toBe(200);
      const answer = await client.request('/admin/sign-out', { method: 'POST', headers: { 'x-csrf-token': token } });
      expect(answer.status).toBe(303);
      expect((await client.get('/admin/')).status).toBe(303);
    });

    it('refuses a state-changing request from another origin or site with 403, even carrying the right token', async () => {
      const client = new AdminClient(intake.url);
      await client.signIn('alice', PASSWORD);
      const csrf_token = await client.csrfToken('/admin/');
      expect((await client.post('/admin/sign-out', { csrf_token }, { origin: 'https://evil.example' })).status).toBe(403);
      expect((await client.post('/admin/sign-out', { csrf_token }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await client.post('/admin/sign-out', { csrf_token }, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
      expect((await client.get('/admin/')).status).toBe(200);
      const sameOrigin = await client.post('/admin/sign-out', { csrf_token }, { origin: intake.url, 'sec-fetch-site': 'same-origin' });
      expect(sameOrigin.status).toBe(303);
      const signIn = new AdminClient(intake.url);
      const token = await signIn.csrfToken('/admin/sign-in');
      expect((await signIn.post('/admin/sign-in', { csrf_token: token, user: 'alice', password: PASSWORD }, { origin: 'null' })).status).toBe(403);
    });

    it('sends pages to the sign-in (303) and answers /admin/api/* with 401 JSON without a session', async () => {
      for (const path of ['/admin', '/admin/', '/admin/inquiries', '/admin/?lang=ja']) {
        const answer = await fetch(`${intake.url}${path}`, { redirect: 'manual' });
        expect(answer.status, path).toBe(303);
        expect(answer.headers.get('location'), path).toMatch(/^\/admin\/sign-in/);
      }
      const api = await fetch(`${intake.url}/admin/api/inquiries`, { redirect: 'manual' });
      expect(api.status).toBe(401);
      expect(api.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await api.json()).toEqual({ error: 'unauthorized' });
      const post = await fetch(`${intake.url}/admin/api/inquiries`, { method: 'POST', redirect: 'manual' });
      expect(post.status).toBe(401);
    });

    it('sends no-store, a strict CSP, a same-origin referrer policy and X-Frame-Options DENY with every answer under /admin', async () => {
      const client = new AdminClient(intake.url);
      const answers = [
        await client.get('/admin/sign-in'),
        await client.get('/admin/assets/admin.css'),
        await client.get('/admin/'),
        await client.get('/admin/api/x'),
        await client.post('/admin/sign-in', {}),
        await client.signIn('alice', 'wrong wrong wrong'),
        await client.signIn('alice', PASSWORD),
        await client.get('/admin/'),
        await client.get('/admin/nothing-here'),
        await client.get('/admin/api/nothing-here'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 303, 401, 403, 401, 303, 200, 404, 404]);
      for (const answer of answers) {
        expect(answer.headers.get('cache-control')).toBe('no-store');
        const csp = answer.headers.get('content-security-policy')!;
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("form-action 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(answer.headers.get('referrer-policy')).toBe('same-origin');
        expect(answer.headers.get('x-frame-options')).toBe('DENY');
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      }
      expect(answers[1]!.headers.get('content-type')).toBe('text/css; charset=utf-8');
    });

    it('serves the sign-in page in Japanese by Accept-Language or ?lang=, in English otherwise', async () => {
      const ja = await fetch(`${intake.url}/admin/sign-in`, { headers: { 'accept-language': 'ja,en;q=0.5' } });
      expect(await ja.text()).toContain('<html lang="ja">');
      const asked = await fetch(`${intake.url}/admin/sign-in?lang=ja`, { headers: { 'accept-language': 'en' } });
      const text = await asked.text();
      expect(text).toContain('サポートコンソールにサインイン');
      expect(text).toContain('<label for="user">ユーザー名</label>');
      const en = await fetch(`${intake.url}/admin/sign-in`, { headers: { 'accept-language': 'en-GB' } });
      expect(await en.text()).toContain('<label for="password">Password</label>');
    });

    it('logs sign-in successes and failures, without passwords or tokens', async () => {
      const client = new AdminClient(intake.url);
      await client.signIn('alice', 'a wrong password here');
      await client.signIn('someone else', 'another wrong password');
      await client.signIn('alice', PASSWORD);
      const text = JSON.stringify(logged.lines);
      expect(logged.lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ msg: 'admin.signed_in', via: 'password', user: 'alice' }),
          expect.objectContaining({ msg: 'admin.sign_in_failed', reason: 'wrong_password', user: 'alice' }),
          expect.objectContaining({ msg: 'admin.sign_in_failed', reason: 'unknown_user' }),
        ]),
      );
      expect(text).not.toContain('someone else');
      for (const secret of [PASSWORD, 'a wrong password here', client.cookies.get('kotae_admin')!]) expect(text).not.toContain(secret);
    });
  });

  describe(`console sign-in throttling on ${target.name}`, () => {
    let intake: RunningIntake;
    beforeAll(async () => {
      intake = await startTestIntake(target);
      await addAccount(intake.store, 'carol', PASSWORD);
    });
    afterAll(() => intake?.close());

    it('answers 429 with Retry-After after 5 failures for one account, checking no password meanwhile (not even the right one)', async () => {
      const client = new AdminClient(intake.url);
      for (let i = 0; i < 5; i++) expect((await client.signIn('carol', `wrong password ${i}`)).status).toBe(401);
      const before = scryptRuns();
      const throttled = await client.signIn('carol', PASSWORD);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(throttled.text).toMatch(/<p role="alert" class="error">Too many failed sign-ins\. Wait \d+ s, then try again\.<\/p>/);
      expect(scryptRuns()).toBe(before);
      expect(throttled.setCookies.some((c) => c.startsWith('kotae_admin='))).toBe(false);
      // Names are counted whether or not they exist, so the throttle does not tell them apart either.
      for (let i = 0; i < 5; i++) expect((await client.signIn('ghost', `wrong password ${i}`)).status).toBe(401);
      expect((await client.signIn('ghost', PASSWORD)).status).toBe(429);
    });

    it('answers 429 to an address after 20 failures across names', async () => {
      const client = new AdminClient(intake.url);
      // 10 failures so far from this address (the test before); 10 more across fresh names.
      for (let i = 0; i < 10; i++) expect((await client.signIn(`name${i}`, 'wrong password here')).status).toBe(401);
      const answer = await client.signIn('another-name', 'wrong password here');
      expect(answer.status).toBe(429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    });
  });

  describe(`console cookies behind HTTPS on ${target.name}`, () => {
    let intake: RunningIntake;
    beforeAll(async () => {
      intake = await startTestIntake(target, { publicUrl: 'https://support.example.test' });
      await addAccount(intake.store, 'dave', PASSWORD);
    });
    afterAll(() => intake?.close());

    it('names them __Host-, marks them Secure with Path=/, and checks Origin against the public URL', async () => {
      const client = new AdminClient(intake.url);
      const page = await client.get('/admin/sign-in');
      expect(cookieAttributes(page, '__Host-kotae_admin_signin')).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
      const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page.text)![1]!;
      const foreign = await client.post('/admin/sign-in', { csrf_token, user: 'dave', password: PASSWORD }, { origin: intake.url });
      expect(foreign.status).toBe(403);
      const answer = await client.post('/admin/sign-in', { csrf_token, user: 'dave', password: PASSWORD }, { origin: 'https://support.example.test' });
      expect(answer.status).toBe(303);
      const attributes = cookieAttributes(answer, '__Host-kotae_admin')!;
      expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=strict', 'path=/']));
      expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
      expect((await client.get('/admin/')).text).toContain('Signed in as dave');
    });
  });

  describe(`console sign-in with local accounts turned off on ${target.name}`, () => {
    it('shows no password form, refuses its POST (404) even for an existing account, and says how to set a way up', async () => {
      const intake = await startTestIntake(target, { admin: { localSignIn: false } });
      try {
        await addAccount(intake.store, 'frank', PASSWORD);
        const client = new AdminClient(intake.url);
        const page = await client.get('/admin/sign-in');
        expect(page.status).toBe(200);
        expect(page.text).not.toContain('type="password"');
        expect(page.text).toContain('npm run intake -- admin add NAME');
        const csrf_token = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
        const answer = await client.post('/admin/sign-in', { csrf_token, user: 'frank', password: PASSWORD });
        expect(answer.status).toBe(404);
        expect(client.cookies.has('kotae_admin')).toBe(false);
      } finally {
        await intake.close();
      }
    });
  });

  if (target.name === 'postgres')
    describe('console sessions across instances on postgres', () => {
      it('honours a session started on one instance at another, and ends it everywhere at sign-out', async () => {
        const fresh = await target.fresh();
        const [a, b] = await Promise.all([startTestIntake(target, fresh), startTestIntake(target, { ...fresh, dataDir: `${fresh.dataDir}-b` })]);
        try {
          await addAccount(a.store, 'erin', PASSWORD);
          const onA = new AdminClient(a.url);
          expect((await onA.signIn('erin', PASSWORD)).status).toBe(303);
          const onB = new AdminClient(b.url);
          onB.cookies.set('kotae_admin', onA.cookies.get('kotae_admin')!);
          const home = await onB.get('/admin/');
          expect(home.text).toContain('Signed in as erin');
          expect((await onB.post('/admin/sign-out', { csrf_token: await onB.csrfToken('/admin/') })).status).toBe(303);
          expect((await onA.get('/admin/')).status).toBe(303);
        } finally {
          await Promise.all([a.close(), b.close()]);
        }
      });
    });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../intake/admin/accounts.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { axeViolations, launchChromium } from '../widget/widget-server.ts';
import { AdminClient } from './admin-client.ts';
import { removeTempDirs, sqliteTarget, startTestIntake } from './fixtures.ts';

// The console's sign-in in real Chromium against the real intake: a local account typed in with the keyboard
// alone, axe-core on the pages in both languages, and OpenID Connect end to end against a real issuer
// (`oidc-provider` on 127.0.0.1 with its development login and consent pages).

const PASSWORD = 'correct horse battery staple';
const CLIENT = { id: 'kotae-console', secret: 'a-client-secret-for-the-tests-0123456789' };

let intake: RunningIntake;
let browser: Browser;
let issuerServer: Server;
let issuer: string;

/** An issuer on a loopback port; it learns the intake's callback once the intake runs. */
async function startIssuer(): Promise<void> {
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  issuerServer = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  return new Promise((resolve) => {
    ready = (redirectUri: string) => {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT.id,
            client_secret: CLIENT.secret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        // Whoever types a login name at the development login page is that account; `mallory` has an
        // address outside the allowed domain.
        findAccount: async (_ctx, id) => ({
          accountId: id,
          claims: async () => ({ sub: id, email: id === 'mallory' ? 'mallory@elsewhere.test' : `${id}@example.test`, email_verified: true }),
        }),
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        cookies: { keys: ['a-cookie-key-for-the-tests-0123456789'] },
      });
      handle = provider.callback();
    };
    resolve();
  });
}
let ready: (redirectUri: string) => void = () => {};

beforeAll(async () => {
  await startIssuer();
  [intake, browser] = await Promise.all([
    startTestIntake(sqliteTarget(), {
      admin: { oidc: { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'Example ID', allowedDomains: ['example.test'] } },
    }),
    launchChromium(),
  ]);
  ready(`${intake.url}/admin/oidc/callback`);
  await addAccount(intake.store, 'alice', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await intake?.close();
  await new Promise((resolve) => issuerServer?.close(resolve));
  issuerServer?.closeAllConnections();
  removeTempDirs();
});

/** A fresh browser page; `problems` collects CSP violations, script errors and failed loads of the intake's pages. */
async function open(locale = 'en-US'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('response', (r) => r.url().startsWith(intake.url) && r.url().includes('/assets/') && r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
  return { page, problems };
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);

describe('the console sign-in in Chromium', () => {
  it('signs in and out with the keyboard alone, under the strict CSP', async () => {
    const { page, problems } = await open();
    await page.goto(`${intake.url}/admin/`);
    await page.waitForURL(`${intake.url}/admin/sign-in`);
    expect(await page.title()).toBe('Sign in to the support console');
    // The password form is last: Tab past the issuer's button to the name field (it also has autofocus).
    expect(await focusedId(page)).toBe('user');
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('password');
    await page.keyboard.type('not the password at all');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toBe('The user name or the password is wrong.');
    // After a failure the name is kept and the focus is on the password.
    expect(await page.inputValue('#user')).toBe('alice');
    expect(await focusedId(page)).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${intake.url}/admin/`);
    expect(await page.textContent('.who')).toBe('Signed in as alice');

    const cookie = (await page.context().cookies()).find((c) => c.name === 'kotae_admin')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin', secure: false });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    // The console's skip link comes first, then the header's sign-out button.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sign out');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/sign-in\?lang=en&signed-out$/);
    expect(await page.textContent('[role="status"]')).toBe('You have signed out.');
    expect((await page.context().cookies()).some((c) => c.name === 'kotae_admin')).toBe(false);
    await page.goto(`${intake.url}/admin/`);
    await page.waitForURL(`${intake.url}/admin/sign-in`);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  for (const locale of ['ja', 'en'] as const) {
    it(`has no axe-core violations on the sign-in page (${locale}), with and without an error, nor on the signed-in page`, async () => {
      const { page, problems } = await open(locale === 'ja' ? 'ja-JP' : 'en-US');
      await page.goto(`${intake.url}/admin/sign-in?lang=${locale}`);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await axeViolations(page)).toEqual([]);
      await page.fill('#user', 'alice');
      await page.fill('#password', 'a wrong password');
      await page.press('#password', 'Enter');
      await page.waitForSelector('[role="alert"]');
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      expect(await axeViolations(page)).toEqual([]);
      await page.fill('#password', PASSWORD);
      await page.press('#password', 'Enter');
      await page.waitForURL(`${intake.url}/admin/`);
      expect(await axeViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('signs in with the OpenID Connect issuer end to end: its login and consent pages, then back signed in', async () => {
    const { page, problems } = await open();
    await page.goto(`${intake.url}/admin/sign-in`);
    await page.click('text=Sign in with Example ID');
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`));
    await page.fill('input[name="login"]', 'erin');
    await page.fill('input[name="password"]', 'anything');
    await page.click('button[type="submit"]');
    await page.waitForSelector('button:has-text("Continue")');
    await page.click('button:has-text("Continue")');
    await page.waitForURL(`${intake.url}/admin/`);
    expect(await page.textContent('.who')).toBe('Signed in as erin@example.test');
    const cookies = await page.context().cookies(`${intake.url}/admin/`);
    expect(cookies.find((c) => c.name === 'kotae_admin')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.some((c) => c.name === 'kotae_admin_oidc')).toBe(false);
    expect(problems.filter((p) => !p.includes(issuer))).toEqual([]);
    await page.context().close();
  });

  it('refuses a person the issuer vouches for but the settings do not allow (403), with no session', async () => {
    const { page } = await open();
    await page.goto(`${intake.url}/admin/sign-in`);
    await page.click('text=Sign in with Example ID');
    await page.waitForURL((url) => url.href.startsWith(`${issuer}/interaction/`));
    await page.fill('input[name="login"]', 'mallory');
    await page.fill('input[name="password"]', 'anything');
    await page.click('button[type="submit"]');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${intake.url}/admin/oidc/callback`)),
      page.click('button:has-text("Continue")'),
    ]);
    expect(refused.status()).toBe(403);
    await page.waitForSelector('[role="alert"]');
    expect(await page.textContent('[role="alert"]')).toContain('may not use the support console');
    expect((await page.context().cookies(`${intake.url}/admin/`)).some((c) => c.name === 'kotae_admin')).toBe(false);
    await page.context().close();
  });
});

describe('the OpenID Connect callback', () => {
  it('answers a callback with a wrong state 400 and starts no session', async () => {
    const client = new AdminClient(intake.url);
    const csrf_token = await client.csrfToken('/admin/sign-in');
    const start = await client.post('/admin/oidc/start', { csrf_token });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(client.cookies.has('kotae_admin_oidc')).toBe(true);
    const oidcCookie = start.setCookies.find((c) => c.startsWith('kotae_admin_oidc='))!;
    expect(oidcCookie).toMatch(/HttpOnly/);
    expect(oidcCookie).toMatch(/SameSite=Lax/);

    const callback = await client.get(`/admin/oidc/callback?code=forged-code&state=not-the-state&iss=${encodeURIComponent(issuer)}`);
    expect(callback.status).toBe(400);
    expect(callback.text).toContain('role="alert"');
    expect(client.cookies.has('kotae_admin')).toBe(false);
    expect(client.cookies.has('kotae_admin_oidc')).toBe(false);
    expect((await client.get('/admin/')).status).toBe(303);
  });

  it('answers a callback without the transaction cookie 400, and a start without the form token 403', async () => {
    const client = new AdminClient(intake.url);
    const callback = await client.get(`/admin/oidc/callback?code=x&state=y`);
    expect(callback.status).toBe(400);
    expect(client.cookies.has('kotae_admin')).toBe(false);
    await client.get('/admin/sign-in');
    expect((await client.post('/admin/oidc/start', {})).status).toBe(403);
  });
});

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteConfig } from '../../content/schema/index.ts';
import { negotiateLocale, type Messages } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { discardRest, readBody } from '../request-body.ts';
import type { IntakeSettings } from '../settings.ts';
import type { IntakeStore } from '../store/store.ts';
import { checkCredentials } from './accounts.ts';
import { cookieJarFor, readCookie, setCookie, type CookieJar } from './cookies.ts';
import { foreignRequest, newSignInNonce, requestCsrfToken, sameToken, signInCsrfToken } from './csrf.ts';
import { createAdminGuard, type AdminGuard, type SignedInAdmin } from './guard.ts';
import { createOidcSignIn, TRANSACTION_SECONDS, type OidcSignIn } from './oidc.ts';
import { ADMIN_ASSETS, ADMIN_CSS, adminHeaders, renderContinue, renderRefused, renderSignIn } from './pages.ts';
import { dummyHash } from './passwords.ts';
import { createSessions, type Sessions } from './sessions.ts';
import { safeReturnTo, signInLocation } from './return-to.ts';
import { createSignInThrottle, type SignInThrottle } from './sign-in-throttle.ts';
import { createLiveDashboard, LIVE_DASHBOARD_ASSETS } from '../insights/live-dashboard.ts';

/**
 * Everything under `/admin`: the sign-in (local accounts, OpenID Connect), sign-out, and the signed-in
 * console. `app.ts` hands every `/admin` request here before its own CORS and routing, since the console is
 * same-origin HTML, not the public API. One route table; the guard (guard.ts) sits in front of every route
 * not marked `public`, and state-changing methods are checked for origin and CSRF token before any handler.
 */
export interface AdminDeps {
  config: SiteConfig;
  settings: IntakeSettings;
  store: IntakeStore;
  messages: (locale: string) => Messages;
  log: Logger;
  /** Clock of sessions (tests). */
  now?: () => number;
  throttle?: SignInThrottle;
}

/** What `app.ts` knows about the request and passes on. */
export interface AdminRequestContext {
  url: URL;
  requestId: string;
  /** The client's address as the per-IP limits see it (behind trusted proxies, from X-Forwarded-For). */
  clientIp: string;
  /** Where the intake is reached: the configured public URL, else its listening address. */
  publicOrigin: string;
  /** Names the route in the request log. */
  setRoute(name: string): void;
}

export interface Admin {
  guard: AdminGuard;
  sessions: Sessions;
  handle(req: IncomingMessage, res: ServerResponse, context: AdminRequestContext): Promise<void>;
}

/** `/admin` and everything below it. */
export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const FORM_MAX_BYTES = 16 * 1024;

/** One request as a route handler sees it. */
interface AdminExchange {
  req: IncomingMessage;
  res: ServerResponse;
  context: AdminRequestContext;
  m: Messages;
  jar: CookieJar;
  /** The signed-in admin; set for every route not marked `public`. */
  admin: SignedInAdmin | undefined;
  /** The urlencoded body of a form POST, read before the handler runs. */
  form: URLSearchParams | undefined;
}

interface AdminRoute {
  path: string;
  methods: readonly string[];
  /** Reachable without a session (the sign-in itself, its stylesheet). Public POSTs check their own token. */
  public?: boolean;
  handle(x: AdminExchange): Promise<void>;
}

export async function createAdmin(deps: AdminDeps): Promise<Admin> {
  const { config, settings, store, log } = deps;
  const { admin: adminSettings } = settings;
  const sessions = createSessions(store, { idleMs: adminSettings.sessionIdleMinutes * 60_000, maxMs: adminSettings.sessionMaxHours * 3_600_000 }, deps.now);
  const jarFor = (req: IncomingMessage) => cookieJarFor(req, settings.publicUrl);
  const guard = createAdminGuard(sessions, jarFor);
  const throttle = deps.throttle ?? createSignInThrottle();
  const signInSecret = await store.secret('admin-sign-in');
  const oidc: OidcSignIn | undefined = adminSettings.oidc ? createOidcSignIn(adminSettings.oidc, await store.secret('admin-oidc')) : undefined;
  // Made now, in the background (libuv's pool), so that an unknown user's first attempt costs one scrypt like
  // any other; a sign-in arriving sooner waits for the same promise.
  dummyHash().catch((error: unknown) => log.error('admin.dummy_hash_failed', { error: String(error) }));

  // ---- answers ----

  const page = (x: AdminExchange, status: number, html: string, headers: Record<string, string | string[]> = {}, formAction: string[] = []) => {
    x.res.writeHead(status, { ...adminHeaders(formAction), 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
    x.res.end(x.req.method === 'HEAD' ? undefined : html);
  };
  const json = (x: AdminExchange, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const text = JSON.stringify(body);
    x.res.writeHead(status, { ...adminHeaders(), 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    x.res.end(text);
  };
  const redirect = (x: AdminExchange, location: string, cookies: string[] = []) => {
    x.res.writeHead(303, { ...adminHeaders(), location, 'content-length': 0, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
    x.res.end();
  };
  const refused = (x: AdminExchange, reason: string) => {
    log.warn('admin.csrf_refused', { req_id: x.context.requestId, path: x.context.url.pathname, reason });
    if (x.context.url.pathname.startsWith('/admin/api/')) return json(x, 403, { error: 'forbidden' });
    page(x, 403, renderRefused(x.m, x.m.t('admin.refused.body')));
  };
  const notFound = (x: AdminExchange) =>
    x.context.url.pathname.startsWith('/admin/api/') ? json(x, 404, { error: 'not_found' }) : page(x, 404, renderRefused(x.m, x.m.t('admin.notFound')));

  // ---- the sign-in form: its pre-session CSRF cookie ----

  /** The form's nonce from its cookie, or a new one with the cookie that sets it. */
  const signInNonce = (x: AdminExchange, fresh = false): { nonce: string; cookies: string[] } => {
    const sent = readCookie(x.req, x.jar.signIn);
    if (!fresh && sent && /^[A-Za-z0-9_-]{43}$/.test(sent)) return { nonce: sent, cookies: [] };
    const nonce = newSignInNonce();
    return { nonce, cookies: [setCookie(x.jar, x.jar.signIn, nonce, { maxAgeSeconds: 3600 })] };
  };
  const signInFormOk = (x: AdminExchange) => {
    const nonce = readCookie(x.req, x.jar.signIn);
    return nonce !== undefined && sameToken(requestCsrfToken(x.req, x.form), signInCsrfToken(signInSecret, nonce));
  };
  const signInPage = async (
    x: AdminExchange,
    status: number,
    view: { error?: string; notice?: string; user?: string },
    headers: Record<string, string> = {},
  ) => {
    const { nonce, cookies } = signInNonce(x, status === 403);
    const formAction = oidc ? [await oidc.authorizationOrigin()].filter((o): o is string => o !== undefined) : [];
    page(
      x,
      status,
      renderSignIn(x.m, {
        ...view,
        csrfToken: signInCsrfToken(signInSecret, nonce),
        localSignIn: adminSettings.localSignIn,
        oidcName: oidc?.name,
        next: returnTo(x),
      }),
      { ...headers, ...(cookies.length ? { 'set-cookie': cookies } : {}) } as Record<string, string | string[]>,
      formAction,
    );
  };
  /** The console page to go back to after signing in, from the form or the sign-in page's address. */
  const returnTo = (x: AdminExchange) => safeReturnTo(x.form?.get('next') ?? x.context.url.searchParams.get('next'));
  const startSession = async (x: AdminExchange, user: string, via: 'password' | 'oidc') => {
    // A new token at every sign-in (no fixation), and the session this browser had before ends.
    const previous = readCookie(x.req, x.jar.session);
    if (previous) await sessions.end(previous);
    const { token } = await sessions.start(user, via);
    return [
      setCookie(x.jar, x.jar.session, token, { maxAgeSeconds: adminSettings.sessionMaxHours * 3600 }),
      setCookie(x.jar, x.jar.signIn, '', { maxAgeSeconds: 0 }),
    ];
  };

  // ---- one handler per route ----

  const stylesheet: AdminRoute['handle'] = async (x) => {
    x.res.writeHead(200, { ...adminHeaders(), 'content-type': 'text/css; charset=utf-8', 'content-length': Buffer.byteLength(ADMIN_CSS) });
    x.res.end(x.req.method === 'HEAD' ? undefined : ADMIN_CSS);
  };

  const signIn: AdminRoute['handle'] = async (x) => {
    if (x.req.method !== 'POST') {
      if (await guard.requireAdmin(x.req)) return redirect(x, '/admin/');
      return signInPage(x, 200, x.context.url.searchParams.has('signed-out') ? { notice: x.m.t('admin.signIn.signedOut') } : {});
    }
    if (!adminSettings.localSignIn) return notFound(x);
    if (!signInFormOk(x)) {
      log.warn('admin.sign_in_failed', { req_id: x.context.requestId, via: 'password', reason: 'csrf' });
      return signInPage(x, 403, { error: x.m.t('admin.signIn.expired') });
    }
    const user = (x.form?.get('user') ?? '').trim().slice(0, 256);
    const password = x.form?.get('password') ?? '';
    const wait = throttle.wait(user, x.context.clientIp);
    if (wait) {
      log.warn('admin.sign_in_failed', { req_id: x.context.requestId, via: 'password', reason: 'throttled', retry_after: wait });
      return signInPage(x, 429, { error: x.m.t('admin.signIn.throttled', { seconds: wait }), user }, { 'retry-after': String(wait) });
    }
    const { account, known } = await checkCredentials(store, user, password);
    if (!account) {
      throttle.failed(user, x.context.clientIp);
      // The name only when it is an account's: a password typed into the name field must not reach the log.
      log.warn('admin.sign_in_failed', {
        req_id: x.context.requestId,
        via: 'password',
        reason: known ? 'wrong_password' : 'unknown_user',
        ...(known ? { user } : {}),
      });
      return signInPage(x, 401, { error: x.m.t('admin.signIn.failed'), user });
    }
    throttle.succeeded(user);
    log.info('admin.signed_in', { req_id: x.context.requestId, via: 'password', user: account.user });
    redirect(x, returnTo(x) ?? '/admin/', await startSession(x, account.user, 'password'));
  };

  const signOut: AdminRoute['handle'] = async (x) => {
    const token = readCookie(x.req, x.jar.session);
    if (token) await sessions.end(token);
    log.info('admin.signed_out', { req_id: x.context.requestId, via: x.admin!.via });
    redirect(x, `/admin/sign-in?lang=${encodeURIComponent(x.m.locale)}&signed-out`, [setCookie(x.jar, x.jar.session, '', { maxAgeSeconds: 0 })]);
  };

  const oidcStart: AdminRoute['handle'] = async (x) => {
    if (!oidc) return notFound(x);
    if (!signInFormOk(x)) {
      log.warn('admin.sign_in_failed', { req_id: x.context.requestId, via: 'oidc', reason: 'csrf' });
      return signInPage(x, 403, { error: x.m.t('admin.signIn.expired') });
    }
    const redirectUri = adminSettings.oidc!.redirectUrl ?? `${(settings.publicUrl ?? x.context.publicOrigin).replace(/\/+$/, '')}/admin/oidc/callback`;
    try {
      const { url, transaction } = await oidc.begin(redirectUri, returnTo(x));
      const cookie = setCookie(x.jar, x.jar.oidc, oidc.seal(transaction), { maxAgeSeconds: TRANSACTION_SECONDS, sameSite: 'Lax' });
      redirect(x, url.href, [cookie]);
    } catch (error) {
      log.error('admin.oidc_unavailable', { req_id: x.context.requestId, error: error instanceof Error ? error.message.slice(0, 300) : String(error) });
      await signInPage(x, 502, { error: x.m.t('admin.signIn.oidcFailed', { name: oidc.name }) });
    }
  };

  const oidcCallback: AdminRoute['handle'] = async (x) => {
    if (!oidc) return notFound(x);
    const clear = setCookie(x.jar, x.jar.oidc, '', { maxAgeSeconds: 0, sameSite: 'Lax' });
    const transaction = oidc.open(readCookie(x.req, x.jar.oidc));
    const outcome = transaction
      ? await oidc.finish(transaction, x.context.url)
      : ({ kind: 'failed', reason: 'no transaction cookie (expired, or started elsewhere)' } as const);
    switch (outcome.kind) {
      case 'signed_in': {
        log.info('admin.signed_in', { req_id: x.context.requestId, via: 'oidc', subject: outcome.subject });
        const cookies = await startSession(x, outcome.user, 'oidc');
        return page(x, 200, renderContinue(x.m, safeReturnTo(transaction?.returnTo) ?? '/admin/'), { 'set-cookie': [clear, ...cookies] });
      }
      case 'not_allowed':
        log.warn('admin.sign_in_failed', { req_id: x.context.requestId, via: 'oidc', reason: 'not_allowed', subject: outcome.subject });
        return page(x, 403, renderRefused(x.m, x.m.t('admin.signIn.notAllowed')), { 'set-cookie': [clear] });
      case 'failed':
        log.warn('admin.sign_in_failed', { req_id: x.context.requestId, via: 'oidc', reason: 'failed', detail: outcome.reason });
        return page(x, 400, renderRefused(x.m, x.m.t('admin.signIn.oidcFailed', { name: oidc.name })), { 'set-cookie': [clear] });
    }
  };

  // The insights dashboard (issue 16), read from this store at request time.
  const dashboard = createLiveDashboard({ store, config });
  const insights: AdminRoute['handle'] = async (x) => page(x, 200, await dashboard.page(x.context.url.searchParams, x.m.locale));
  const insightsAsset =
    (type: string, body: () => string): AdminRoute['handle'] =>
    async (x) => {
      const text = body();
      x.res.writeHead(200, { ...adminHeaders(), 'content-type': type, 'content-length': Buffer.byteLength(text) });
      x.res.end(x.req.method === 'HEAD' ? undefined : text);
    };

  /** The route table: the sign-in, sign-out and the insights dashboard. The console (intake/console/) answers `/admin/`, `/admin/console/…` and `/admin/api/…` before these. */
  const routes: readonly AdminRoute[] = [
    { path: ADMIN_ASSETS.css, methods: ['GET', 'HEAD'], public: true, handle: stylesheet },
    { path: '/admin/sign-in', methods: ['GET', 'HEAD', 'POST'], public: true, handle: signIn },
    { path: '/admin/oidc/start', methods: ['POST'], public: true, handle: oidcStart },
    { path: '/admin/oidc/callback', methods: ['GET'], public: true, handle: oidcCallback },
    { path: '/admin/sign-out', methods: ['POST'], handle: signOut },
    { path: '/admin/insights', methods: ['GET', 'HEAD'], handle: insights },
    { path: LIVE_DASHBOARD_ASSETS.css, methods: ['GET', 'HEAD'], handle: insightsAsset('text/css; charset=utf-8', dashboard.stylesheet) },
    { path: LIVE_DASHBOARD_ASSETS.js, methods: ['GET', 'HEAD'], handle: insightsAsset('text/javascript; charset=utf-8', dashboard.script) },
  ];

  return {
    guard,
    sessions,
    async handle(req, res, context) {
      const path = context.url.pathname.replace(/\/+$/, '') || '/';
      const method = req.method ?? 'GET';
      const lang = context.url.searchParams.get('lang') ?? undefined;
      const x: AdminExchange = {
        req,
        res,
        context,
        m: deps.messages(negotiateLocale(config, lang, req.headers['accept-language'])),
        jar: jarFor(req),
        admin: undefined,
        form: undefined,
      };
      const route = routes.find((r) => r.path === path);
      context.setRoute(route?.path ?? (path.startsWith('/admin/api/') ? '/admin/api/*' : '/admin/*'));
      if (route && !route.methods.includes(method)) return json(x, 405, { error: 'method_not_allowed' }, { allow: route.methods.join(', ') });

      if (!route?.public) {
        x.admin = await guard.requireAdmin(req);
        if (!x.admin) {
          if (path.startsWith('/admin/api/')) return json(x, 401, { error: 'unauthorized' });
          // A form posted after the session ended, or a page opened without one: the sign-in page, and back.
          return redirect(
            x,
            method === 'GET' || method === 'HEAD' ? signInLocation(context.url) : `/admin/sign-in${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`,
          );
        }
      }
      if (STATE_CHANGING.has(method)) {
        const foreign = foreignRequest(req, settings.publicUrl ? new URL(settings.publicUrl).origin : undefined);
        if (foreign) return refused(x, foreign);
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        if (type === 'application/x-www-form-urlencoded') {
          const chunks: Buffer[] = [];
          const { end } = await readBody(req, FORM_MAX_BYTES, (chunk) => void chunks.push(chunk));
          if (end === 'aborted') return void res.destroy();
          if (end === 'too_large') {
            // Answered before the body was read: the rest is read and dropped before the response ends (request-body.ts).
            res.writeHead(413, { ...adminHeaders(), 'content-type': 'application/json; charset=utf-8', connection: 'close' });
            res.write(JSON.stringify({ error: 'body_too_large' }));
            return void discardRest(req).then(() => res.end());
          }
          x.form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        }
        if (x.admin && !guard.checkCsrf(req, x.admin, x.form)) return refused(x, 'csrf_token');
      }
      if (!route) return notFound(x);
      await route.handle(x);
    },
  };
}

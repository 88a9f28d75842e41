import { signInLocation } from '../admin/return-to.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SiteConfig } from '../../content/schema/index.ts';
import { negotiateLocale } from '../i18n.ts';
import { errorFields, type Logger } from '../log.ts';
import type { IntakeStore } from '../store/store.ts';
import { ApiRefusal, choices, downloadAttachment, exportInquiries, forwardAgain, listInquiries, oneInquiry, type ApiContext } from './api.ts';
import { consoleAssets, renderShell } from './page.ts';

/**
 * The support team's console: the page at `/admin/`, its files (script, stylesheet, icon) under
 * `/admin/console/`, and its JSON API under `/admin/api/`. `app.ts` hands these paths here before its CORS
 * and routing: the console is same-origin HTML, not the public API. Who is signed in is not decided here:
 * `signIn` answers it (`server.ts` passes the admin sign-in's guard, intake/admin/guard.ts).
 */

/** Who is signed in, and the CSRF check of their session (the shape of intake/admin/guard.ts's AdminGuard). */
export interface ConsoleSignIn {
  requireAdmin(req: IncomingMessage): Promise<{ user: string; csrfToken: string } | undefined>;
  checkCsrf(req: IncomingMessage, admin: { user: string; csrfToken: string }): boolean;
}

export interface ConsoleDeps {
  config: SiteConfig;
  store: IntakeStore;
  uploadsDir: string;
  ticketPrefix: string;
  signIn: ConsoleSignIn;
  kickOutbox: () => void;
  log: Logger;
  now?: () => number;
}

/** Every console answer: never cached, never framed, scripts and styles only from this origin. */
export const CONSOLE_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
} as const;

/** The paths the console answers: `/admin`, `/admin/`, `/admin/console/…`, `/admin/api/…`. */
export function isConsolePath(pathname: string): boolean {
  return pathname === '/admin' || pathname === '/admin/' || pathname.startsWith('/admin/console/') || pathname.startsWith('/admin/api/');
}

interface ConsoleExchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: string[];
  ctx: ApiContext;
  admin: { user: string; csrfToken: string };
  locale: string;
}

interface ConsoleRoute {
  name: string;
  path: RegExp;
  methods: readonly string[];
  handle(x: ConsoleExchange): Promise<void>;
}

export function createConsole(deps: ConsoleDeps) {
  const now = deps.now ?? Date.now;
  const available = deps.config.locales.available.map((l) => l.code);
  // The console's language: `?lang=` (the switcher's links), else the browser's Accept-Language.
  const localeOf = (req: IncomingMessage, url: URL) => {
    const asked = url.searchParams.get('lang');
    return negotiateLocale(deps.config, asked && available.includes(asked) ? asked : undefined, req.headers['accept-language']);
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...CONSOLE_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const param = (raw: string) => {
    try {
      return decodeURIComponent(raw);
    } catch {
      throw new ApiRefusal(400, 'malformed_url');
    }
  };

  const routes: readonly ConsoleRoute[] = [
    {
      name: '/admin/',
      path: /^\/admin\/?$/,
      methods: ['GET', 'HEAD'],
      async handle({ req, res, admin, locale }) {
        const html = renderShell({
          locale,
          user: admin.user,
          csrfToken: admin.csrfToken,
          siteName: siteName(deps.config, locale),
          timeZone: deps.config.businessHours.timeZone,
        });
        res.writeHead(200, { ...CONSOLE_HEADERS, 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
        res.end(req.method === 'HEAD' ? undefined : html);
      },
    },
    {
      name: '/admin/api/choices',
      path: /^\/admin\/api\/choices$/,
      methods: ['GET'],
      handle: async ({ res, ctx }) => json(res, 200, choices(ctx)),
    },
    {
      name: '/admin/api/inquiries',
      path: /^\/admin\/api\/inquiries$/,
      methods: ['GET'],
      handle: async ({ res, url, ctx }) => json(res, 200, await listInquiries(url, ctx)),
    },
    {
      name: '/admin/api/export.:format',
      path: /^\/admin\/api\/export\.(csv|jsonl)$/,
      methods: ['GET', 'HEAD'],
      async handle({ req, res, url, params, ctx, admin }) {
        await exportInquiries(req, res, url, params[0] as 'csv' | 'jsonl', ctx);
        deps.log.info('console.export', { user: admin.user, format: params[0] });
      },
    },
    {
      name: '/admin/api/inquiries/:id',
      path: /^\/admin\/api\/inquiries\/([^/]+)$/,
      methods: ['GET'],
      handle: async ({ res, params, ctx }) => json(res, 200, await oneInquiry(param(params[0]!), ctx)),
    },
    {
      name: '/admin/api/inquiries/:id/deliveries/:adapter/forward',
      path: /^\/admin\/api\/inquiries\/([^/]+)\/deliveries\/([^/]+)\/forward$/,
      methods: ['POST'],
      async handle({ req, res, params, ctx, admin }) {
        // The session's token in X-CSRF-Token: a page on another site can make the browser send the cookie, not the header.
        if (!deps.signIn.checkCsrf(req, admin)) throw new ApiRefusal(403, 'csrf_token_invalid');
        req.resume();
        const view = await forwardAgain(param(params[0]!), param(params[1]!), ctx);
        deps.log.info('console.forward_again', { user: admin.user, inquiry_id: view.id, adapter: param(params[1]!) });
        json(res, 200, view);
      },
    },
    {
      name: '/admin/api/inquiries/:id/attachments/:token',
      path: /^\/admin\/api\/inquiries\/([^/]+)\/attachments\/([^/]+)$/,
      methods: ['GET', 'HEAD'],
      async handle({ req, res, params, ctx, admin }) {
        await downloadAttachment(req, res, param(params[0]!), param(params[1]!), ctx);
        deps.log.info('console.attachment', { user: admin.user, inquiry_id: param(params[0]!) });
      },
    },
  ];

  return {
    /** Answers one console request (see `isConsolePath`); names the route through `setRoute` for the request log. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL, setRoute: (name: string) => void): Promise<void> {
      const pathname = url.pathname;
      for (const [name, value] of Object.entries(CONSOLE_HEADERS)) res.setHeader(name, value);
      try {
        const file = Object.values(consoleAssets()).find((a) => a.path === pathname);
        if (file || pathname.startsWith('/admin/console/')) {
          setRoute('/admin/console/:file');
          if (!file) return json(res, 404, { error: 'not_found' });
          res.writeHead(200, { ...CONSOLE_HEADERS, 'content-type': file.type, 'content-length': file.body.length });
          return void res.end(req.method === 'HEAD' ? undefined : file.body);
        }
        // Who asks comes first: without a session, even a path the console does not know says only "sign in".
        const admin = await deps.signIn.requireAdmin(req);
        if (!admin) {
          setRoute(pathname.startsWith('/admin/api/') ? '/admin/api/*' : '/admin/');
          if (pathname.startsWith('/admin/api/')) return json(res, 401, { error: 'unauthorized' });
          res.writeHead(303, { ...CONSOLE_HEADERS, location: signInLocation(url), 'content-length': 0 });
          return void res.end();
        }
        const route = routes.find((r) => r.path.test(pathname));
        setRoute(route?.name ?? '/admin/api/*');
        if (!route) return json(res, 404, { error: 'not_found' });
        const method = req.method ?? 'GET';
        if (!route.methods.includes(method)) {
          res.setHeader('allow', route.methods.join(', '));
          return json(res, 405, { error: 'method_not_allowed' });
        }
        const locale = localeOf(req, url);
        const ctx: ApiContext = {
          store: deps.store,
          uploadsDir: deps.uploadsDir,
          ticketPrefix: deps.ticketPrefix,
          view: { config: deps.config, prefix: deps.ticketPrefix, locale },
          kickOutbox: deps.kickOutbox,
          now,
        };
        await route.handle({ req, res, url, params: route.path.exec(pathname)!.slice(1), ctx, admin, locale });
      } catch (error) {
        if (res.headersSent) return void res.destroy();
        if (error instanceof ApiRefusal) return json(res, error.status, { error: error.code });
        deps.log.error('console.failed', { path: pathname, ...errorFields(error) });
        json(res, 500, { error: 'internal' });
      }
    },
  };
}

export type Console = ReturnType<typeof createConsole>;

function siteName(config: SiteConfig, locale: string): string {
  const name = config.site.name;
  return typeof name === 'string' ? name : (name[locale] ?? name[config.locales.default] ?? Object.values(name)[0] ?? '');
}

import { renderStatusPage, STATUS_CSS, STATUS_PAGE_HEADERS, STATUS_SCRIPT } from './status-page.ts';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ApiError,
  EVENT_BATCH_MAX_BYTES,
  EventsAccepted,
  EventsValidationError,
  Health,
  HealthUnavailable,
  NotReady,
  Ready,
  StatusHookAnswer,
  UploadReceipt,
  ValidationError,
  type PlainErrorCode,
  type SiteConfig,
} from '../content/schema/index.ts';
import { clientAddress, LOOPBACK, normalizeAddress, trustedProxies } from './client-address.ts';
import { isConsolePath, type Console } from './console/routes.ts';
import type { EventService } from './events.ts';
import { cleanFileName, MAX_NAME_LENGTH } from './file-names.ts';
import { negotiateLocale, type Messages } from './i18n.ts';
import { IDEMPOTENCY_KEY, type InquiryService } from './inquiries.ts';
import { errorFields, type Logger } from './log.ts';
import { isAdminPath, type Admin } from './admin/routes.ts';
import type { RateLimiter } from './rate-limit.ts';
import { readinessCheck } from './readiness.ts';
import { HOOK_MAX_BYTES, type HookOutcome, type StatusHooks } from './status-hooks.ts';
import { discardRest, readBody } from './request-body.ts';
import type { IntakeSettings } from './settings.ts';
import type { IntakeStore } from './store/store.ts';
import { receiveUpload } from './uploads.ts';

/**
 * The HTTP surface of the intake: routing, CORS, size and rate limits, localized JSON errors, request logs.
 * Every answer is JSON with `Cache-Control: no-store`; nothing thrown inside reaches the client except as
 * `{"error":"internal"}` with a request id to quote.
 */
export interface AppDeps {
  config: SiteConfig;
  settings: IntakeSettings;
  store: IntakeStore;
  inquiries: InquiryService;
  events: EventService;
  hooks: StatusHooks;
  messages: (locale: string) => Messages;
  log: Logger;
  uploadsDir: string;
  openApi: () => unknown;
  limiters: { inquiriesPerIp: RateLimiter; uploadsPerIp: RateLimiter; readsPerIp: RateLimiter; eventsPerIp: RateLimiter };
  /** The support team's console (`/admin/`, `/admin/api/…`; console/routes.ts); without it, those paths are unknown. */
  console?: Console;
  /** The support console under `/admin` (admin/routes.ts); without it, `/admin` is an unknown path. */
  admin?: Admin;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: PlainErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
  }
}

const ROUTES = {
  health: '/healthz',
  ready: '/readyz',
  openapi: '/v1/openapi.json',
  inquiries: '/v1/inquiries',
  inquiry: '/v1/inquiries/:id',
  uploads: '/v1/uploads',
  events: '/v1/events',
  zendeskHook: '/v1/hooks/zendesk',
  statusHook: '/v1/hooks/status',
} as const;

export function createRequestHandler(deps: AppDeps) {
  const { config, settings, log } = deps;
  const siteOrigin = new URL(config.site.baseUrl).origin;
  const allowedOrigins = new Set([siteOrigin, ...settings.corsOrigins.map((o) => o.replace(/\/+$/, ''))]);
  const anyOrigin = allowedOrigins.has('*');
  const ready = readinessCheck(deps.store, deps.uploadsDir);

  // Per-IP limits key on the client address: behind proxies, only what trusted proxies appended to
  // X-Forwarded-For counts (client-address.ts). An untrusted peer's header is ignored, and said so once:
  // behind a proxy missing from `trustedProxies`, every customer would share that proxy's limits.
  const trusted = trustedProxies(settings.trustProxy ? (settings.trustedProxies ?? LOOPBACK) : []);
  let toldUntrusted = false;
  const clientIp = (req: IncomingMessage) => {
    const peer = req.socket.remoteAddress;
    const forwarded = settings.trustProxy ? req.headers['x-forwarded-for'] : undefined;
    if (forwarded !== undefined && !trusted.has(peer ?? '') && !toldUntrusted) {
      toldUntrusted = true;
      log.warn('proxy.untrusted_peer', {
        hint: 'X-Forwarded-For from a peer outside trustedProxies was ignored; list your proxies in trustedProxies (KOTAE_INTAKE_TRUSTED_PROXIES)',
      });
    }
    return clientAddress(peer, forwarded, trusted);
  };

  // status_url: the configured public URL, else the address the request reached the intake at. Never a
  // request header (Host, X-Forwarded-Host/Proto): a client must not choose where its receipt points.
  if (settings.trustProxy && !settings.publicUrl)
    log.warn('intake.no_public_url', { hint: 'behind a proxy, set publicUrl (KOTAE_INTAKE_PUBLIC_URL): status URLs name the listening address until then' });
  const publicOrigin = (req: IncomingMessage) =>
    settings.publicUrl ? settings.publicUrl.replace(/\/+$/, '') : listeningOrigin(req.socket.localAddress, req.socket.localPort, settings);

  const limit = (limiter: RateLimiter, key: string) => {
    const wait = limiter.take(key);
    if (wait) throw new HttpError(429, 'rate_limited', { seconds: wait }, { 'retry-after': String(wait) });
  };

  // ---- one handler per route ----

  const readiness: RouteHandler = async ({ send }) => {
    const result = await ready();
    if (result.ready) return send(200, Ready.parse({ status: 'ready', store: deps.store.kind }));
    log.error('ready.failed', { failed: result.failed, reason: result.reason, ...errorFields(result.error) });
    send(503, NotReady.parse({ status: 'unavailable', store: deps.store.kind, failed: result.failed, reason: result.reason }));
  };

  const health: RouteHandler = async ({ send }) => {
    try {
      send(200, Health.parse({ status: 'ok', store: deps.store.kind, outbox: await deps.store.outboxCounts() }));
    } catch (error) {
      log.error('health.store_failed', errorFields(error));
      send(503, HealthUnavailable.parse({ status: 'unavailable', store: deps.store.kind }));
    }
  };

  const openApi: RouteHandler = async ({ send }) => send(200, deps.openApi());

  const submitInquiry: RouteHandler = async ({ req, requestId, send, answerIn }) => {
    limit(deps.limiters.inquiriesPerIp, clientIp(req));
    const body = await readJson(req, settings.maxBodyBytes, JSON_ONLY);
    const locale = answerIn(isObject(body) ? body.locale : undefined);
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw new HttpError(400, 'missing_idempotency_key');
    const bearer = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '')?.[1];
    const outcome = await deps.inquiries.submit(body, key, publicOrigin(req), bearer);
    switch (outcome.kind) {
      case 'created':
      case 'replayed':
        log.info('inquiry.accepted', {
          req_id: requestId,
          inquiry_id: outcome.row.id,
          number: outcome.response.number,
          severity: outcome.row.severity,
          product: outcome.row.product,
          replayed: outcome.kind === 'replayed',
        });
        return send(201, outcome.response, {
          location: `/v1/inquiries/${outcome.row.id}`,
          ...(outcome.kind === 'replayed' ? { 'idempotent-replayed': 'true' } : {}),
        });
      case 'invalid': {
        const m = deps.messages(locale);
        return send(400, ValidationError.parse({ error: 'invalid_inquiry', message: m.t('error.invalid_inquiry'), fields: m.fieldErrors(outcome.errors) }));
      }
      case 'honeypot':
        log.info('inquiry.honeypot', { req_id: requestId });
        throw new HttpError(400, 'rejected');
      case 'identity_required':
        throw new HttpError(401, 'identity_required');
      case 'identity_invalid':
        log.info('inquiry.identity_rejected', { req_id: requestId, reason: outcome.reason });
        throw new HttpError(401, 'identity_invalid');
      case 'rate_limited':
        throw new HttpError(429, 'rate_limited', { seconds: outcome.retryAfterSeconds }, { 'retry-after': String(outcome.retryAfterSeconds) });
      case 'conflict':
        throw new HttpError(409, 'idempotency_conflict');
    }
  };

  const submitEvents: RouteHandler = async ({ req, requestId, send, answerIn }) => {
    if (!deps.events.enabled) throw new HttpError(403, 'insights_disabled');
    limit(deps.limiters.eventsPerIp, clientIp(req));
    // Global Privacy Control or Do Not Track: the batch is dropped unread, whatever the widget decided.
    if (config.insights.respectPrivacySignals && (req.headers['sec-gpc'] === '1' || req.headers.dnt === '1'))
      return send(202, EventsAccepted.parse({ accepted: 0 }));
    const body = await readJson(req, EVENT_BATCH_MAX_BYTES, JSON_OR_BEACON);
    const first = isObject(body) && Array.isArray(body.events) ? (body.events as unknown[])[0] : undefined;
    const locale = answerIn(isObject(first) ? first.locale : undefined);
    const outcome = await deps.events.submit(body);
    switch (outcome.kind) {
      case 'stored':
        // Debug only: a busy site sends hundreds of batches a second, and each already has its request line.
        log.debug('events.accepted', { req_id: requestId, events: outcome.accepted });
        return send(202, EventsAccepted.parse({ accepted: outcome.accepted }));
      case 'invalid': {
        const m = deps.messages(locale);
        return send(
          400,
          EventsValidationError.parse({ error: 'invalid_events', message: m.t('error.invalid_events'), fields: m.fieldErrors(outcome.errors, 'events') }),
        );
      }
      case 'disabled':
        throw new HttpError(403, 'insights_disabled');
    }
  };

  const inquiryStatus: RouteHandler = async ({ req, res, url, params, send }) => {
    limit(deps.limiters.readsPerIp, clientIp(req));
    const status = await deps.inquiries.status(pathParam(params[0]!), url.searchParams.get('token'));
    if (!status) throw new HttpError(404, 'not_found');
    // A browser following the status link gets the page; API clients (Accept: application/json) the JSON.
    const accept = req.headers.accept ?? '';
    if (!/text\/html/.test(accept) || /^\s*application\/json/.test(accept)) return send(200, status, { vary: 'Accept' });
    const messages = deps.messages(status.locale);
    const html = renderStatusPage(status, config, messages, config.businessHours.timeZone);
    res.writeHead(200, { ...STATUS_PAGE_HEADERS, vary: 'Accept', 'content-length': Buffer.byteLength(html) });
    res.end(req.method === 'HEAD' ? undefined : html);
  };

  const statusAsset: RouteHandler = async ({ req, res, params }) => {
    const [body, type] = params[0] === 'css' ? [STATUS_CSS, 'text/css; charset=utf-8'] : [STATUS_SCRIPT, 'text/javascript; charset=utf-8'];
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'public, max-age=3600' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const upload: RouteHandler = async ({ req, res, url, requestId, send }) => {
    limit(deps.limiters.uploadsPerIp, clientIp(req));
    const maxBytes = config.attachments.maxBytes;
    const maxMb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    const declaredLength = Number(req.headers['content-length'] ?? NaN);
    if (declaredLength > maxBytes) throw new HttpError(413, 'upload_too_large', { maxMb });
    // The documented limit is on the name as sent (JSON Schema counts characters, not UTF-16 units).
    const rawName = url.searchParams.get('filename') ?? undefined;
    const name = rawName && [...rawName].length <= MAX_NAME_LENGTH ? cleanFileName(rawName) : undefined;
    if (!name) throw new HttpError(400, 'upload_bad_name', { max: MAX_NAME_LENGTH });
    const outcome = await receiveUpload(req, {
      dir: deps.uploadsDir,
      maxBytes,
      allowedTypes: config.attachments.allowedTypes,
      name,
      declaredType: req.headers['content-type'],
    });
    switch (outcome.kind) {
      case 'stored': {
        await deps.store.saveUpload(outcome.upload);
        const { token, name, type, size, sha256, createdAt } = outcome.upload;
        log.info('upload.stored', { req_id: requestId, type, size });
        return send(
          201,
          UploadReceipt.parse({ token, name, type, size, sha256, expires_at: new Date(createdAt + settings.uploadTtlHours * 3_600_000).toISOString() }),
        );
      }
      case 'too_large':
        throw new HttpError(413, 'upload_too_large', { maxMb });
      case 'empty':
        throw new HttpError(400, 'upload_empty');
      case 'type_not_allowed':
        log.info('upload.refused', { req_id: requestId, detected: outcome.detected });
        throw new HttpError(415, 'upload_type_not_allowed', { allowed: config.attachments.allowedTypes.join(', ') });
      case 'type_mismatch':
        log.info('upload.refused', { req_id: requestId, detected: outcome.detected, declared: outcome.declared.slice(0, 100) });
        throw new HttpError(415, 'upload_type_mismatch', { detected: outcome.detected, declared: outcome.declared.slice(0, 100) });
      case 'aborted':
        res.destroy();
        return;
    }
  };

  // A hook is served only with its secret configured: without one it is a path like any unknown one (404).
  // The signature is checked on the raw bytes, before anything of the body is parsed.
  const statusHook =
    (hook: 'zendesk' | 'status'): RouteHandler =>
    async ({ req, requestId, send }) => {
      if (!deps.hooks.configured(hook)) throw new HttpError(404, 'not_found');
      const body = await readRaw(req, HOOK_MAX_BYTES, JSON_ONLY);
      const outcome: HookOutcome = hook === 'zendesk' ? await deps.hooks.zendesk(body, req.headers) : await deps.hooks.status(body, req.headers);
      switch (outcome.kind) {
        case 'answered':
          log.info('hook.answered', { req_id: requestId, hook, outcome: outcome.answer.outcome });
          return send(200, StatusHookAnswer.parse(outcome.answer));
        case 'not_configured':
        case 'unknown_inquiry':
          throw new HttpError(404, 'not_found');
        case 'bad_signature':
          throw new HttpError(401, 'invalid_signature');
        case 'invalid':
          throw new HttpError(400, 'invalid_status_event');
      }
    };

  /** The route table: a path (captures become `params`), the methods it answers, its handler. */
  const routes: readonly Route[] = [
    { name: ROUTES.ready, path: exactly(ROUTES.ready), methods: 'GET, HEAD', handle: readiness },
    { name: ROUTES.health, path: exactly(ROUTES.health), methods: 'GET, HEAD', handle: health },
    { name: ROUTES.openapi, path: exactly(ROUTES.openapi), methods: 'GET, HEAD', handle: openApi },
    { name: ROUTES.inquiries, path: exactly(ROUTES.inquiries), methods: 'POST', handle: submitInquiry },
    { name: ROUTES.inquiry, path: /^\/v1\/inquiries\/([^/]+)$/, methods: 'GET, HEAD', handle: inquiryStatus },
    { name: ROUTES.uploads, path: exactly(ROUTES.uploads), methods: 'POST', handle: upload },
    { name: ROUTES.events, path: exactly(ROUTES.events), methods: 'POST', handle: submitEvents },
    { name: ROUTES.zendeskHook, path: exactly(ROUTES.zendeskHook), methods: 'POST', handle: statusHook('zendesk') },
    { name: ROUTES.statusHook, path: exactly(ROUTES.statusHook), methods: 'POST', handle: statusHook('status') },
    { name: 'status-asset', path: /^\/v1\/assets\/status\.(css|js)$/, methods: 'GET, HEAD', handle: statusAsset },
  ];

  // ---- what every request goes through: request id and log, CORS, method check, errors ----

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = randomBytes(8).toString('hex');
    const url = requestUrl(req.url);
    let route = 'unknown';
    let locale = negotiateLocale(config, undefined, req.headers['accept-language']);
    res.setHeader('x-request-id', requestId);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-content-type-options', 'nosniff');
    res.on('finish', () =>
      log.info('request', { req_id: requestId, method: req.method, route, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }),
    );

    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = JSON.stringify(body);
      const unread = !req.complete;
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
        ...headers,
        ...(unread ? { connection: 'close' } : {}),
      });
      if (!unread) return void res.end(text);
      // Answered before the body was read (too large, refused): the answer goes out whole now, and the
      // response ends only once the rest of the body is read and dropped (request-body.ts). Ending it at once
      // would close a socket with unread bytes, and the reset could reach the client before our answer.
      res.write(text);
      void discardRest(req).then(() => res.end());
    };
    const fail = (e: HttpError) => {
      const m = deps.messages(locale);
      send(
        e.status,
        ApiError.parse({ error: e.code, message: m.t(`error.${e.code}`, e.params), ...(e.status >= 500 ? { request_id: requestId } : {}) }),
        e.headers,
      );
    };

    try {
      if (!url) throw new HttpError(400, 'malformed_url');
      // The console (its page, files and API) and the sign-in are same-origin HTML and JSON with their own
      // headers, guard and CSRF checks, not the public API. The console's paths first; the rest of /admin is the sign-in's.
      if (deps.console && isConsolePath(url.pathname)) return await deps.console.handle(req, res, url, (name) => (route = name));
      if (deps.admin && isAdminPath(url.pathname))
        return await deps.admin.handle(req, res, {
          url,
          requestId,
          clientIp: clientIp(req),
          publicOrigin: publicOrigin(req),
          setRoute: (name) => (route = name),
        });
      const origin = req.headers.origin;
      if (origin !== undefined) {
        if (!anyOrigin && !allowedOrigins.has(origin)) throw new HttpError(403, 'origin_not_allowed');
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
        res.setHeader('access-control-expose-headers', 'Idempotent-Replayed, Retry-After, X-Request-Id');
      }
      if (req.method === 'OPTIONS') {
        route = 'preflight';
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': 'Content-Type, Idempotency-Key, Accept-Language, Authorization',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }

      const path = url.pathname.replace(/\/+$/, '') || '/';
      for (const candidate of routes) {
        const match = candidate.path.exec(path);
        if (!match) continue;
        route = candidate.name;
        if (!candidate.methods.split(', ').includes(req.method ?? 'GET')) throw new HttpError(405, 'method_not_allowed', {}, { allow: candidate.methods });
        const answerIn = (requested: unknown) => (locale = negotiateLocale(config, requested, req.headers['accept-language']));
        return await candidate.handle({ req, res, url, requestId, params: match.slice(1), send, answerIn });
      }
      throw new HttpError(404, 'not_found');
    } catch (error) {
      if (res.headersSent || error instanceof ClientGone) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) return fail(error);
      log.error('request.failed', { req_id: requestId, route, ...errorFields(error) });
      fail(new HttpError(500, 'internal'));
    }
  };
}

/** What a route's handler gets: the request, its URL and path captures, and this request's answer helpers. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  requestId: string;
  /** The path's captures, in order (`/v1/inquiries/:id` → `[id]`), still percent-encoded. */
  params: string[];
  send: (status: number, body: unknown, headers?: Record<string, string>) => void;
  /** Sets the language of this request's answers from a locale the body asked for (else Accept-Language); returns it. */
  answerIn: (requested: unknown) => string;
}

type RouteHandler = (exchange: Exchange) => Promise<void>;

interface Route {
  /** The route as logged and documented (`/v1/inquiries/:id`). */
  name: string;
  path: RegExp;
  /** As the `Allow` header of a 405 says them. */
  methods: string;
  handle: RouteHandler;
}

function exactly(path: string): RegExp {
  return new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The client closed the connection before its request was complete: nobody is left to answer. */
class ClientGone extends Error {}

/** Media types a JSON body may be declared as. */
const JSON_ONLY = ['application/json'] as const;
// navigator.sendBeacon can only send text/plain without a CORS preflight; the body is JSON all the same.
const JSON_OR_BEACON = ['application/json', 'text/plain'] as const;

async function readJson(req: IncomingMessage, maxBytes: number, accepted: readonly string[]): Promise<unknown> {
  const body = await readRaw(req, maxBytes, accepted);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json');
  }
}

/** The body's bytes as sent (what a signature covers), of an accepted media type and within `maxBytes`. */
async function readRaw(req: IncomingMessage, maxBytes: number, accepted: readonly string[]): Promise<Buffer> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (!accepted.includes(type)) throw new HttpError(415, 'unsupported_media_type', { expected: accepted.join(' or ') });
  const maxKb = Math.floor(maxBytes / 1024);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new HttpError(413, 'body_too_large', { maxKb });
  const chunks: Buffer[] = [];
  const { end } = await readBody(req, maxBytes, (chunk) => void chunks.push(chunk));
  if (end === 'too_large') throw new HttpError(413, 'body_too_large', { maxKb });
  if (end === 'aborted') throw new ClientGone();
  return Buffer.concat(chunks);
}

/**
 * The request target as a URL, or undefined when it is none (an absolute URL that does not parse). A path
 * is resolved below a fixed origin, so one that reads like an authority (`//`, `//host:99999`) stays a path
 * instead of failing to parse, as `new URL(path, base)` would.
 */
function requestUrl(target: string | undefined): URL | undefined {
  const raw = target ?? '/';
  try {
    if (raw.startsWith('/')) return new URL(`http://intake.invalid${raw}`);
    return raw === '*' ? new URL('http://intake.invalid/*') : new URL(raw);
  } catch {
    return undefined;
  }
}

/** A percent-decoded path segment; a malformed escape (`%`, `%ZZ`, cut UTF-8) is the client's mistake: 400. */
function pathParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'malformed_url');
  }
}

/**
 * `http://address:port` of the socket's local end: the intake's listening address as this request reached
 * it (bound to all interfaces, the one the client connected to). Falls back to the configured host and port.
 */
function listeningOrigin(address: string | undefined, port: number | undefined, settings: IntakeSettings): string {
  const host = address ? (normalizeAddress(address) ?? address) : settings.host;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port ?? settings.port}`;
  return URL.canParse(origin) ? origin : `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

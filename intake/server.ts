import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { SiteConfig } from '../content/schema/index.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { DeliveryError, type Adapter } from './adapters/adapter.ts';
import { createConfirmationAdapter } from './adapters/confirmation.ts';
import { createEmailAdapter } from './adapters/email.ts';
import { createWebhookAdapter } from './adapters/webhook.ts';
import { createZendeskAdapter } from './adapters/zendesk.ts';
import { createAdmin } from './admin/routes.ts';
import { createRequestHandler } from './app.ts';
import { createConsole } from './console/routes.ts';
import { ensureDataDir } from './data-dir.ts';
import { EVENT_PURGE_INTERVAL_MS, EventService } from './events.ts';
import { createMessages } from './i18n.ts';
import { createIdentityVerifier } from './identity.ts';
import { InquiryService } from './inquiries.ts';
import { createLogger, errorFields, type Logger } from './log.ts';
import { openApiDocument } from './openapi.ts';
import { startOutbox, type Outbox } from './outbox.ts';
import { StatusHooks } from './status-hooks.ts';
import { statusToken } from './status-token.ts';
import { createRateLimiter } from './rate-limit.ts';
import { resolveSettings, settingsFromEnv, type IntakeSettings, type IntakeSettingsInput } from './settings.ts';
import { openStore } from './store/open.ts';
import type { IntakeStore } from './store/store.ts';
import { sweepUploads } from './uploads.ts';

export interface StartIntakeOptions extends IntakeSettingsInput {
  /** The site config; read from `contentDir` when absent. */
  config?: SiteConfig;
  /** Environment to read settings from (see `settings.ts`); `process.env` by default, `{}` to ignore it. */
  env?: NodeJS.ProcessEnv;
  /** Lower-precedence settings, e.g. from a settings file. */
  base?: Record<string, unknown>;
  log?: Logger;
  /** Clock for the first-response promise (tests). */
  now?: () => number;
}

export interface RunningIntake {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  settings: IntakeSettings;
  config: SiteConfig;
  store: IntakeStore;
  outbox: Outbox;
  server: Server;
  /** Stops accepting, finishes deliveries in flight, flushes and closes the store. */
  close(): Promise<void>;
}

/**
 * Starts the intake service: reads settings (defaults < `base` < environment < options) and the site config,
 * opens the store (SQLite in `dataDir`, or PostgreSQL with `databaseUrl`), starts the outbox worker for the
 * configured adapters and listens. `npm start` calls it as
 * `startIntake({ port: 4401, dataDir: '.data/intake', contentDir: 'content' })`.
 */
export async function startIntake(options: StartIntakeOptions = {}): Promise<RunningIntake> {
  const { config: givenConfig, env = process.env, base, log: givenLog, now, ...overrides } = options;
  const settings = resolveSettings(base, settingsFromEnv(env), overrides as Record<string, unknown>);
  const log = givenLog ?? createLogger(settings.logLevel);
  const config = givenConfig ?? readConfig(settings.contentDir);

  const messages = createMessages(config);
  const supportMessages = messages(config.locales.default);
  const adapters: Adapter[] = [];
  if (settings.webhook) adapters.push(createWebhookAdapter(settings.webhook));
  if (settings.smtp) adapters.push(createEmailAdapter(settings.smtp, supportMessages, config.businessHours.timeZone));
  if (settings.zendesk) adapters.push(createZendeskAdapter(settings.zendesk, config, supportMessages));
  const verifyIdentity = createIdentityVerifier(settings.identity);
  if (settings.identity.required && !verifyIdentity.configured) throw new Error('identity.required is set but no identity key is configured');

  const dataDir = path.resolve(settings.dataDir);
  const uploadsDir = path.join(dataDir, 'uploads');
  // Fails at once, naming the folder, when it cannot be created or written (before: a silent hang).
  ensureDataDir(path.join(uploadsDir, 'tmp'));
  const store = await openStore({ dataDir, databaseUrl: settings.databaseUrl, databaseSchema: settings.databaseSchema });
  const statusSecret = await store.secret('status');
  // The customer's confirmation mail, with SMTP configured and unless the site turned it off. Its status link
  // names the public URL, else the listening address (known once listening; no mail is sent before).
  let origin = settings.publicUrl?.replace(/\/+$/, '');
  if (settings.smtp && config.inquiries.confirmationEmail)
    adapters.push(
      createConfirmationAdapter({
        smtp: settings.smtp,
        config,
        messages,
        statusUrl: (id) => {
          if (!origin) throw new DeliveryError('confirmation: not listening yet', false);
          return `${origin}/v1/inquiries/${id}?token=${statusToken(statusSecret, id)}`;
        },
      }),
    );
  // A destination configured (or added) after inquiries arrived gets every one it has not received, once;
  // before the outbox starts, so the first poll finds them. Destinations with `backfill: false` get none.
  const backfilled = adapters.filter((a) => a.backfill !== false).map((a) => a.name);
  const queued = await store.queueMissing(backfilled, Date.now());
  if (backfilled.length) log.info('outbox.backfilled', { messages: queued, adapters: backfilled.join(',') });
  const admin = await createAdmin({ config, settings, store, messages, log });
  const outbox = startOutbox({ store, adapters, config, settings, log, uploadsDir });
  // Uploads of drafts never sent are removed an hour after they expired (the grace covers an inquiry
  // validated just before expiry and stored just after).
  const sweep = () =>
    sweepUploads(store, uploadsDir, settings.uploadTtlHours * 3_600_000 + 3_600_000).then(
      (n) => n && log.info('uploads.swept', { uploads: n }),
      (error: unknown) => log.warn('uploads.sweep_failed', errorFields(error)),
    );
  const sweeper = setInterval(sweep, 3_600_000).unref();
  void sweep();

  const events = new EventService({ config, store, ...(now ? { now } : {}) });
  // Raw events past the site's retention go at start and then hourly; the daily roll-ups stay.
  const purgeEvents = () =>
    events.purgeExpired().then(
      (n) => n && log.info('events.purged', { events: n, retention_days: config.insights.retentionDays }),
      (error: unknown) => log.warn('events.purge_failed', errorFields(error)),
    );
  const purger = setInterval(purgeEvents, EVENT_PURGE_INTERVAL_MS).unref();
  const firstPurge = purgeEvents();

  const hooks = new StatusHooks({ settings, store, log });
  const inquiries = new InquiryService({
    config,
    settings,
    store,
    verifyIdentity,
    identityLimiter: createRateLimiter(settings.rateLimits.inquiriesPerIdentity),
    adapters: adapters.map((a) => a.name),
    statusSecret,
    onCreated: () => outbox.kick(),
    ...(now ? { now } : {}),
  });

  let openApi: unknown;
  const handler = createRequestHandler({
    admin,
    config,
    settings,
    store,
    inquiries,
    events,
    hooks,
    messages,
    log,
    uploadsDir,
    openApi: () =>
      (openApi ??= openApiDocument(config, {
        serverUrl: settings.publicUrl,
        maxBodyBytes: settings.maxBodyBytes,
        identity: { configured: verifyIdentity.configured, required: settings.identity.required },
      })),
    limiters: {
      inquiriesPerIp: createRateLimiter(settings.rateLimits.inquiriesPerIp),
      uploadsPerIp: createRateLimiter(settings.rateLimits.uploadsPerIp),
      readsPerIp: createRateLimiter(settings.rateLimits.readsPerIp),
      eventsPerIp: createRateLimiter(settings.rateLimits.eventsPerIp),
    },
    console: createConsole({
      config,
      store,
      uploadsDir,
      ticketPrefix: settings.ticketPrefix,
      signIn: admin.guard,
      kickOutbox: () => outbox.kick(),
      log,
      ...(now ? { now } : {}),
    }),
  });

  // An idle keep-alive connection is kept longer than the usual proxy's or client's own idle limit (nginx's
  // upstream and most load balancers: 60 s), so the other side closes first. With Node's default (5 s) the
  // intake closed sockets a busy client or proxy was just reusing, and that request failed with a reset.
  const server = createServer({ requestTimeout: 120_000, headersTimeout: 30_000, keepAliveTimeout: 65_000 }, (req, res) => {
    // The handler answers every failure itself; should one still escape, it costs this request, not the process.
    handler(req, res).catch((error: unknown) => {
      log.error('request.unhandled', errorFields(error));
      res.destroy();
    });
  });
  // A malformed request line or header never reaches the handler; answer it plainly and move on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    clearInterval(sweeper);
    clearInterval(purger);
    await firstPurge;
    await outbox.stop();
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}`;
  origin ??= url;
  if (adapters.some((a) => a.toCustomer) && !settings.publicUrl)
    log.warn('intake.confirmation_without_public_url', {
      hint: `confirmation mails link to ${url}; set publicUrl (KOTAE_INTAKE_PUBLIC_URL) to where customers reach the intake`,
    });
  log.info('intake.listening', { url, store: store.kind, adapters: adapters.map((a) => a.name).join(',') || 'none' });
  if (!adapters.length) log.warn('intake.no_forwarding', { hint: 'set webhook, smtp or zendesk settings; inquiries are stored only' });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    settings,
    config,
    store,
    outbox,
    server,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        clearInterval(sweeper);
        clearInterval(purger);
        await firstPurge;
        await outbox.stop();
        await store.close();
        log.info('intake.stopped', {});
      })()),
  };
}

function readConfig(contentDir: string): SiteConfig {
  const { config, problems } = loadSiteConfig(contentDir);
  if (!config)
    throw new Error(
      `the site config in ${contentDir} has errors:\n${problems.errors.map((p) => `  ${p.file}:${p.line}:${p.col}  ${p.message}  (fix: ${p.fix})`).join('\n')}`,
    );
  return config;
}

import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { STRICT_CSP } from '../../scripts/static-server.ts';
import { buildWidget } from '../../scripts/pipeline/widget-bundle.ts';
import { startIntake, type RunningIntake } from '../../intake/server.ts';
import type { StoredInquiry } from '../../intake/inquiry-record.ts';
import { createLogger } from '../../intake/log.ts';
import { holdToDocument } from '../intake/fixtures.ts';
import { launchChromium } from '../widget/widget-server.ts';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  bin: 'application/octet-stream',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

const page = (title: string, head: string, lang = 'en') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head><body><main><h1>Nagisa console</h1><p>A host page with the Kotae widget.</p></main></body></html>`;
const loader = (locale = 'en') => `<script async src="widget/kotae.js" data-locale="${locale}"></script>`;

/** Host pages; scripts are files, as the strict CSP requires. `host.js` sets the context and a diagnostics provider. */
const PAGES: Record<string, string> = {
  'plain.html': page('Plain host', loader()),
  'host.html': page('Console host', `<script src="host.js"></script>${loader()}`),
  'host-ja.html': page('コンソール', `<script src="host.js"></script>${loader('ja')}`, 'ja'),
  'host.js': `window.Kotae=window.Kotae||function(){(window.Kotae.q=window.Kotae.q||[]).push(Array.prototype.slice.call(arguments))};
Kotae('setContext',{product:'cloud-db',resource:'cluster'});
Kotae('diagnostics',function(){return {cluster:'prod-tokyo-1',connections:'497',api_key_hint:'sk-live-1234'}});`,
};

export interface InquiryServer {
  /** The site, the widget and, under `/v1/`, the intake (one origin, so the strict CSP's connect-src 'self' allows it). */
  origin: string;
  intake: RunningIntake;
  /** The intake's data folder (its SQLite store), for `npm run insights -- --data`. */
  dataDir: string;
  /** Every request forwarded to the intake: method, path, Idempotency-Key, and the status answered. */
  calls: { method: string; path: string; key?: string; status: number }[];
  /**
   * Answers the next requests to the intake itself: `respond(req)` returns a status to fail with (503…), or
   * undefined to forward the request. Reset with `fail(undefined)`.
   */
  fail(respond: ((req: { method: string; path: string }) => number | undefined) | undefined): void;
  /** How many inquiries the intake's store holds. */
  count(): Promise<number>;
  /** Stored inquiries created through this server, oldest first (read from the intake's store). */
  inquiries(): Promise<Array<{ id: string; data: StoredInquiry }>>;
  close(): Promise<void>;
}

export interface InquiryServerOptions {
  /**
   * Forward the widget's `POST /v1/events` to the intake, which stores them (as it does every other `/v1/`
   * call). Off by default: the server then answers them itself with 202.
   */
  forwardEvents?: boolean;
  /** A shared secret the intake verifies HS256 identity tokens with; none by default (every token is refused). */
  identitySecret?: string;
  /** The intake's clock, fixed at this instant (ms), for promises a test compares with the browser's. */
  now?: number;
}

/**
 * Compiles the sample content, builds the widget, starts the real intake (SQLite in a temp folder) and serves
 * them all on one loopback origin under the strict CSP. `data/site.json` points the widget at this origin's
 * intake. Contact shows as the sample's `contact.visible` (`when-unanswered`) unless `gate` says otherwise.
 */
export async function startInquiryServer(
  gate: 'when-unanswered' | 'always' = 'when-unanswered',
  { forwardEvents = false, identitySecret, now }: InquiryServerOptions = {},
): Promise<InquiryServer> {
  const files = new Map<string, string | Uint8Array>();
  const result = compileContent({ contentDir: 'content', today: '2026-11-01' }, (file, content) => files.set(file, content));
  if (!result.config) throw new Error('the sample content did not compile');
  await buildWidget((file, content) => files.set(file, content));
  for (const [file, content] of Object.entries(PAGES)) files.set(file, content);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kotae-inquiry-'));
  let intake: RunningIntake | undefined;
  const ids: string[] = [];
  const calls: InquiryServer['calls'] = [];
  let failing: ((req: { method: string; path: string }) => number | undefined) | undefined;
  let origin = '';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    // The widget's self-service events are accepted here and not forwarded: they are not what these tests are
    // about (test/widget/analytics.test.ts is), and the offline and outage tests must not see them. With
    // `forwardEvents` (test/insights/journeys.test.ts) they go to the intake like any other call.
    if (!forwardEvents && url.pathname === '/v1/events' && req.method === 'POST') return void req.resume().on('end', () => res.writeHead(202).end());
    if (url.pathname.startsWith('/v1/') || url.pathname === '/healthz') {
      const call = { method: req.method ?? 'GET', path: url.pathname, key: req.headers['idempotency-key'] as string | undefined, status: 0 };
      if (req.method !== 'OPTIONS') calls.push(call);
      const status = failing?.(call);
      if (status) {
        call.status = status;
        req.resume();
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: 'unavailable', message: 'test outage' }));
        return;
      }
      const forward = http.request(`${intake!.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        call.status = answer.statusCode ?? 0;
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          if (call.path === '/v1/inquiries' && answer.statusCode === 201) {
            const id = (JSON.parse(body.toString('utf8')) as { id: string }).id;
            if (!ids.includes(id)) ids.push(id);
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
      return;
    }
    const file = decodeURIComponent(url.pathname).slice(1) || 'plain.html';
    let body = files.get(file);
    if (file === 'data/site.json' && body !== undefined) {
      const site = JSON.parse(String(body)) as { contact: object; intake: object };
      body = JSON.stringify({ ...site, contact: { ...site.contact, visible: gate }, intake: { url: origin } });
    }
    if (body === undefined) return res.writeHead(404, { 'content-security-policy': STRICT_CSP }).end();
    res.writeHead(200, {
      'content-type': TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'content-security-policy': STRICT_CSP,
      'cache-control': 'no-cache',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The intake is reached through this origin, so its status URLs must name it: publicUrl (the intake never
  // takes them from Host). Every answer it gives the widget is held to its OpenAPI document (test/intake/fixtures.ts).
  const started = await holdToDocument(
    await startIntake({
      publicUrl: origin,
      env: {},
      port: 0,
      host: '127.0.0.1',
      config: result.config,
      dataDir,
      corsOrigins: ['*'],
      log: createLogger('error', () => {}),
      ...(identitySecret ? { identity: { hs256Secret: identitySecret } } : {}),
      ...(now !== undefined ? { now: () => now } : {}),
      rateLimits: {
        inquiriesPerIp: { limit: 100_000, windowSeconds: 1 },
        inquiriesPerIdentity: { limit: 100_000, windowSeconds: 1 },
        uploadsPerIp: { limit: 100_000, windowSeconds: 1 },
        readsPerIp: { limit: 100_000, windowSeconds: 1 },
      },
    }),
  );
  intake = started;
  return {
    origin,
    intake,
    dataDir,
    calls,
    fail: (respond) => (failing = respond),
    count: () => intake.store.countInquiries(),
    inquiries: async () => {
      const rows = await Promise.all(ids.map((id) => intake.store.inquiryById(id)));
      return rows.flatMap((row) => (row ? [{ id: row.id, data: row.data as StoredInquiry }] : []));
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await intake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The widget's shadow root content, as a locator prefix. */
export const W = 'kotae-widget';

/** Waits until the inquiry form shows `step` (`what`, `solutions`, `details`, `review`). */
export async function atStep(page: Page, step: string): Promise<void> {
  await page.locator(`${W} .kq-step[data-step=${step}]`).waitFor();
}

/** What {@link useInquiryServer} gives a test file; the fields are set by its hooks, so read them in tests. */
export interface InquirySuite {
  server: InquiryServer;
  browser: Browser;
  /** A fresh context per test (only when the file asked for one). */
  context: BrowserContext;
}

/**
 * The hooks of an end-to-end file: the inquiry server and Chromium, started once for the file; with
 * `contextOptions`, a new browser context per test, and no forced failure left over from the test before.
 */
export function useInquiryServer(contextOptions?: BrowserContextOptions, serverOptions?: InquiryServerOptions): InquirySuite {
  const suite = {} as InquirySuite;
  beforeAll(async () => {
    [suite.server, suite.browser] = await Promise.all([startInquiryServer('when-unanswered', serverOptions), launchChromium()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  if (contextOptions) {
    beforeEach(async () => {
      suite.context = await suite.browser.newContext(contextOptions);
      suite.server.fail(undefined);
    });
    afterEach(async () => {
      await suite.context.close();
    });
  }
  return suite;
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { RunningIntake } from '../../intake/server.ts';
import { removeTempDirs, sqliteTarget, startTestIntake } from '../intake/fixtures.ts';
import { launchChromium } from '../widget/widget-server.ts';

/**
 * What the draft-layer tests (draft-store, outbox, upload) run against: the modules of widget/inquiry built
 * for the browser and served on one origin, the REAL intake (SQLite in a temp folder, fixture config) on a
 * second, and between them a proxy on a third that can fail requests on demand (503, 429, dropped
 * connections, answers lost after the intake stored the inquiry). Cross-origin on purpose: CORS preflights
 * (Idempotency-Key, upload progress) are part of what is tested.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MODULES = ['draft-store', 'outbox', 'upload', 'outbox-flag'] as const;

/** One request that reached the proxy. */
export interface ProxiedRequest {
  method: string;
  path: string;
  key: string | undefined;
  /** What the proxy did with it. */
  outcome: 'passed' | 'failed' | 'dropped' | 'lost';
}

/**
 * How the proxy treats the next matching request: answer with `status` (CORS headers included, like a load
 * balancer's error page), `drop` the connection before the intake sees it, or forward it and then `lose` the
 * answer (the intake has stored the inquiry; the browser sees a network error). A dropped request on a reused
 * connection may be resent once by Chromium itself, and is then dropped again by `failAll('drop')`.
 */
export type Fault = { status: number; headers?: Record<string, string> } | 'drop' | 'lose';

export interface FailingProxy {
  url: string;
  requests: ProxiedRequest[];
  /** Queues faults for the next requests to `path` (preflights pass through untouched). */
  fail(path: string, ...faults: Fault[]): void;
  /** Fails every request (except preflights) with `fault` until called with undefined. */
  failAll(fault: Fault | undefined): void;
  /** POST requests to `path` that reached the proxy. */
  posts(path: string): ProxiedRequest[];
}

export interface DraftLayerEnv {
  /** Origin serving `/index.html` and the modules `/lib/<name>.js`. */
  origin: string;
  intake: RunningIntake;
  proxy: FailingProxy;
  close(): Promise<void>;
}

/** Builds widget/inquiry's draft-store, outbox, upload and outbox-flag as browser ES modules. */
async function buildModules(): Promise<Map<string, string>> {
  const result = await build({
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2022',
      minify: false,
      modulePreload: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: Object.fromEntries(MODULES.map((m) => [m, path.join(ROOT, `widget/inquiry/${m}.ts`)])),
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunk-[name].js' },
      },
    },
  });
  const files = new Map<string, string>();
  for (const output of (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[])
    for (const item of output.output) if (item.type === 'chunk') files.set(item.fileName, item.code);
  return files;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function startProxy(target: string): Promise<FailingProxy & { close(): Promise<void> }> {
  const requests: ProxiedRequest[] = [];
  const faults = new Map<string, Fault[]>();
  let always: Fault | undefined;
  const cors = (req: http.IncomingMessage) => ({
    'access-control-allow-origin': String(req.headers.origin ?? '*'),
    'access-control-expose-headers': 'Retry-After',
    'content-type': 'application/json',
  });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const key = req.headers['idempotency-key'] as string | undefined;
    const fault = req.method === 'OPTIONS' ? undefined : (faults.get(url.pathname)?.shift() ?? always);
    const record = (outcome: ProxiedRequest['outcome']) => requests.push({ method: req.method ?? '', path: url.pathname, key, outcome });
    if (fault === 'drop') {
      record('dropped');
      req.socket.destroy();
      return;
    }
    if (fault && fault !== 'lose') {
      record('failed');
      req.resume();
      req.on('end', () =>
        res.writeHead(fault.status, { ...cors(req), ...fault.headers }).end(JSON.stringify({ error: 'unavailable', message: 'proxy says no' })),
      );
      return;
    }
    record(fault === 'lose' ? 'lost' : 'passed');
    const upstream = http.request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        if (fault === 'lose') {
          // The intake has done its work; the customer's browser never hears of it. A few bytes of a status
          // line first: on a reused connection that closes silently, Chromium would resend the POST itself.
          answer.resume();
          answer.on('end', () => req.socket.end('HTTP/1.1 2', () => req.socket.destroy()));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  return listen(server).then((url) => ({
    url,
    requests,
    fail: (p, ...f) => faults.set(p, [...(faults.get(p) ?? []), ...f]),
    failAll: (f) => void (always = f),
    posts: (p) => requests.filter((r) => r.method === 'POST' && r.path === p),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  }));
}

/** Starts the page server, the intake (allowing any origin) and the failing proxy in front of it. */
export async function startDraftLayerEnv(): Promise<DraftLayerEnv> {
  const [modules, intake] = await Promise.all([buildModules(), startTestIntake(sqliteTarget(), { corsOrigins: ['*'] })]);
  const proxy = await startProxy(intake.url);
  const pages = http.createServer((req, res) => {
    const file = new URL(req.url ?? '/', 'http://x').pathname;
    const lib = /^\/lib\/([\w-]+\.js)$/.exec(file);
    if (lib && modules.has(lib[1]!)) return res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' }).end(modules.get(lib[1]!));
    if (file === '/' || file === '/index.html')
      return res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Draft layer</title></head><body><main><h1>Draft layer</h1></main></body></html>',
        );
    res.writeHead(404).end();
  });
  const origin = await listen(pages);
  return {
    origin,
    intake,
    proxy,
    close: async () => {
      await Promise.all([proxy.close(), new Promise((r) => pages.close(r)), intake.close()]);
      removeTempDirs();
    },
  };
}

/**
 * Makes `indexedDB.open` throw in every page of a context, as it does in some private modes and sandboxed
 * frames (add before the page loads, e.g. `context.addInitScript(BREAK_INDEXEDDB)`).
 */
export const BREAK_INDEXEDDB = `IDBFactory.prototype.open = function () { throw new DOMException('IndexedDB is disabled here', 'SecurityError'); };`;

/** The built modules, as pages see them through `window.lib(name)`. */
export interface DraftLayerLib {
  'draft-store': typeof import('../../widget/inquiry/draft-store.ts');
  outbox: typeof import('../../widget/inquiry/outbox.ts');
  upload: typeof import('../../widget/inquiry/upload.ts');
  'outbox-flag': typeof import('../../widget/inquiry/outbox-flag.ts');
}

declare global {
  interface Window {
    /** Imports a draft-layer module in the page (installed by `LIB_LOADER`). */
    lib<N extends keyof DraftLayerLib>(name: N): Promise<DraftLayerLib[N]>;
  }
}

/**
 * An init script giving pages `window.lib(name)`. A string, because the test runner rewrites `import()` in
 * test code, which would break functions sent to the browser.
 */
export const LIB_LOADER = `window.lib = (name) => import('/lib/' + name + '.js');`;

/** What {@link useDraftLayer} gives a test file; the fields are set by its hooks, so read them in tests. */
export interface DraftLayerSuite {
  env: DraftLayerEnv;
  browser: Browser;
  /** A fresh context per test, with `window.lib` to import the draft layer's modules. */
  context: BrowserContext;
}

/**
 * The hooks of a draft-layer test file: the intake behind its failing proxy and Chromium, started once for
 * the file; a new context per test (with {@link LIB_LOADER}) and a proxy that no longer fails.
 */
export function useDraftLayer(): DraftLayerSuite {
  const suite = {} as DraftLayerSuite;
  beforeAll(async () => {
    [suite.env, suite.browser] = await Promise.all([startDraftLayerEnv(), launchChromium()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.env?.close();
  });
  beforeEach(async () => {
    suite.context = await suite.browser.newContext();
    await suite.context.addInitScript(LIB_LOADER);
    suite.env.proxy.failAll(undefined);
  });
  afterEach(async () => {
    await suite.context.close();
  });
  return suite;
}

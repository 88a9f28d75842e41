import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * The policy Kotae's pages are served under, and the one we test the widget against: nothing inline,
 * nothing evaluated, nothing from other origins except https images.
 */
export const STRICT_CSP =
  "default-src 'self'; img-src 'self' https:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export interface StaticServerOptions {
  /** Other origins the pages may fetch from (`connect-src`), e.g. the intake the widget sends inquiries to. */
  connectTo?: readonly string[];
  /** Dynamic answers by exact path, tried before files (for `npm start`'s demo host app). */
  routes?: Readonly<Record<string, (req: IncomingMessage, res: ServerResponse) => void>>;
}

/**
 * Serves a built `dist/` folder as a static host would: `index.html` for folders, the right content types,
 * a strict CSP, gzip for text, the KB site's `404.html` (the locale's, else the root one) for unknown paths, and no way
 * out of the folder. For development and tests; production uses any static host.
 */
export function serveStatic(root: string, port: number, host = '127.0.0.1', options: StaticServerOptions = {}): Promise<Server> {
  const base = path.resolve(root);
  const csp = options.connectTo?.length ? `${STRICT_CSP}; connect-src 'self' ${options.connectTo.join(' ')}` : STRICT_CSP;
  // Every answer carries the page policy, redirects and errors included: a browser may render any of them.
  const headers = { 'content-security-policy': csp, 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' };
  const server = createServer((req, res) => {
    // The request target as sent: parsed against a base URL, `//evil.com/x` would become host evil.com, path /x.
    const url = requestPath(req.url ?? '/');
    const route = options.routes && Object.hasOwn(options.routes, url.pathname) ? options.routes[url.pathname] : undefined;
    if (route) return route(req, res);
    let file: string;
    try {
      file = path.join(base, path.normalize(decodeURIComponent(url.pathname)));
    } catch {
      res.writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('400 Bad Request\n');
      return;
    }
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.writeHead(403, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('403 Forbidden\n');
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { ...headers, location: folderLocation(base, file) + url.search }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      // The KB site's "not found" page of the locale the path is under, else the root one, as static hosts do.
      const locale = /^\/([a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,4}){0,2})\//.exec(url.pathname)?.[1];
      const page = [locale && path.join(base, locale, '404.html'), path.join(base, '404.html')].find((p) => p && existsSync(p));
      if (page) {
        res.writeHead(404, { ...headers, 'content-type': TYPES['.html'], 'cache-control': 'no-cache' });
        createReadStream(page).pipe(res);
        return;
      }
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found\n');
      return;
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Text is gzipped when the client accepts it, as any static host or CDN does.
    const gzip = /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      ...headers,
      'content-type': type,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    if (gzip) createReadStream(file).pipe(createGzip()).pipe(res);
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * Where a folder's address without its trailing slash redirects to: rebuilt from the folder's place under the
 * root, never echoed from the request, so `/.//evil.com/..%2fen` leads to `/en/` and no location can start
 * with `//` (another host to a browser).
 */
export function folderLocation(root: string, folder: string): string {
  const segments = path.relative(root, folder).split(path.sep).filter(Boolean);
  return `/${segments
    .map(encodeURIComponent)
    .map((s) => `${s}/`)
    .join('')}`;
}

/** The path and query of a request target, taken literally (no host or scheme is ever read from it). */
function requestPath(target: string): { pathname: string; search: string } {
  const query = target.indexOf('?');
  const pathname = query < 0 ? target : target.slice(0, query);
  return { pathname: pathname.startsWith('/') ? pathname : `/${pathname}`, search: query < 0 ? '' : target.slice(query) };
}

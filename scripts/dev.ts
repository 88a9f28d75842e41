/**
 * `npm run dev`: live preview of the KB site for writers. Builds the content in memory, serves it, watches
 * the content folder, rebuilds what each save touches (see DevSite) and reloads the open page (server-sent events, an external
 * script — the CSP stays strict). A content error shows in the page as an overlay with file, line and fix;
 * the previous good build keeps being served and the server keeps running.
 */
import { watch } from 'chokidar';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fallbackChain } from '../content/schema/index.ts';
import { DEV_EVENTS_URL, DEV_SCRIPT_URL, DEV_STYLE_URL, previewAssets, withPreview } from './dev-preview.ts';
import { siteStrings } from '../kb-site/site-strings.ts';
import { buildWidget } from './pipeline/widget-bundle.ts';
import { cliArgs, helpRequested } from './cli-args.ts';
import { DevSite } from './dev-site.ts';
import { formatProblem, type Problem } from '../content/problems.ts';
import { STRICT_CSP } from './static-server.ts';
import { toolStrings } from './i18n/tool-strings.ts';

const USAGE = 'npm run dev -- [--content DIR] [--port 4410] [--host 127.0.0.1] [--no-drafts]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  port: { type: 'string', default: '4410' },
  host: { type: 'string', default: '127.0.0.1' },
  'no-drafts': { type: 'boolean', default: false },
});
helpRequested(values, USAGE);

const contentDir = path.resolve(values.content!);
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  bin: 'application/octet-stream',
};

const t = toolStrings();
type Files = Map<string, string | Uint8Array>;
const devSite = new DevSite(contentDir, !values['no-drafts']);
let problems: Problem[] = [];
let defaultLocale = 'en';
const clients = new Set<{ res: ServerResponse; lang: string }>();
const widget: Files = new Map();
const preview = previewAssets();
const PREVIEW_WORKER = '/* Kotae live preview: no offline cache */\nself.addEventListener("install", () => self.skipWaiting());\n';

/** Builds what the saved files touch (everything at first); on success serves it, else keeps the last good site. */
function rebuild(changed: readonly string[] = []): { ok: boolean; ms: number } {
  const started = performance.now();
  try {
    const result = devSite.build(changed);
    problems = result.ok ? [] : result.problems.filter((p) => p.severity === 'error');
    if (result.ok) defaultLocale = String(JSON.parse(String(devSite.files.get('data/manifest.json'))).defaultLocale);
    return { ok: result.ok, ms: result.ms };
  } catch (error) {
    // A crash in the build is shown like a content error: the writer sees it and the server keeps going.
    problems = [
      { severity: 'error', file: contentDir, line: 1, col: 1, message: (error as Error).message, fix: 'see the terminal for the stack trace' } as Problem,
    ];
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return { ok: false, ms: performance.now() - started };
  }
}

function problemsEvent(lang: string): string {
  const { t } = siteStrings(fallbackChain({ locales: { default: defaultLocale, available: [] } }, lang || defaultLocale));
  return JSON.stringify({
    title: t('dev.title', { count: problems.length }),
    fixLabel: t('dev.fix'),
    closeLabel: t('dev.close'),
    problems: problems.map((p) => ({ where: `${path.relative(process.cwd(), p.file) || p.file}:${p.line}:${p.col}`, message: p.message, fix: p.fix })),
  });
}

function broadcast(ok: boolean): void {
  for (const client of clients) {
    client.res.write(`event: problems\ndata: ${problemsEvent(client.lang)}\n\n`);
    if (ok) client.res.write('event: reload\ndata: {}\n\n');
  }
}

function lookup(pathname: string): { file: string; body: string | Uint8Array } | { redirect: string } | undefined {
  const rel = pathname.slice(1);
  const direct = widget.get(rel) ?? devSite.file(rel);
  if (direct !== undefined && rel !== '') return { file: rel, body: direct };
  const index = rel === '' || rel.endsWith('/') ? `${rel}index.html` : `${rel}/index.html`;
  const page = devSite.file(index);
  if (page === undefined) return undefined;
  return rel === '' || rel.endsWith('/') ? { file: index, body: page } : { redirect: encodeURI(`/${rel}/`) };
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = { 'content-security-policy': STRICT_CSP, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400, headers).end();
    return;
  }
  if (pathname === DEV_EVENTS_URL) {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    const client = { res, lang: url.searchParams.get('lang') ?? '' };
    clients.add(client);
    res.write('retry: 500\n\n');
    if (problems.length) res.write(`event: problems\ndata: ${problemsEvent(client.lang)}\n\n`);
    req.on('close', () => clients.delete(client));
    return;
  }
  if (pathname === DEV_SCRIPT_URL) return void res.writeHead(200, { ...headers, 'content-type': TYPES.js }).end(preview.script);
  if (pathname === DEV_STYLE_URL) return void res.writeHead(200, { ...headers, 'content-type': TYPES.css }).end(preview.style);
  // A worker that caches nothing: the preview must always show the latest save.
  if (pathname === '/sw.js') return void res.writeHead(200, { ...headers, 'content-type': TYPES.js }).end(PREVIEW_WORKER);
  let found: ReturnType<typeof lookup>;
  try {
    found = lookup(pathname);
  } catch (error) {
    // A page is rendered when asked for: a failure answers that request and the server keeps going.
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    return void res.writeHead(500, { ...headers, 'content-type': TYPES.txt }).end((error as Error).message);
  }
  if (found && 'redirect' in found) return void res.writeHead(301, { ...headers, location: found.redirect + url.search }).end();
  if (!found) {
    const locale = pathname.split('/')[1] ?? '';
    const notFound = devSite.file(`${locale}/404.html`) ?? devSite.file('404.html');
    res.writeHead(404, { ...headers, 'content-type': TYPES.html });
    return void res.end(notFound ? withPreview(String(notFound)) : 'not found');
  }
  const ext = found.file.split('.').pop() ?? '';
  res.writeHead(200, { ...headers, 'content-type': TYPES[ext] ?? 'application/octet-stream' });
  res.end(ext === 'html' ? withPreview(String(found.body)) : found.body);
});

const first = rebuild();
for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
try {
  await buildWidget((file, content) => widget.set(file, content));
} catch (error) {
  process.stderr.write(`dev: the widget could not be bundled; pages show without it (${(error as Error).message})\n`);
}

// chokidar follows a file through rename-style saves (`sed -i`, editors' "safe write"), which end the
// node:fs watch of the replaced file after the first save.
const changed = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;
const onChange = (file: string): void => {
  changed.add(path.resolve(contentDir, file));
  clearTimeout(timer);
  // Editors save in several writes (temp file, rename): wait for the burst to end.
  timer = setTimeout(() => {
    const files = [...changed];
    changed.clear();
    const { ok, ms } = rebuild(files);
    if (ok) process.stderr.write(`${t('content.devRebuilt', { ms: Math.round(ms), count: clients.size })}\n`);
    else for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
    broadcast(ok);
  }, 30);
};
const watcher = watch(contentDir, { ignoreInitial: true, atomic: true, ignored: (file) => file !== contentDir && /^\.|~$|\.swp$/.test(path.basename(file)) });
watcher.on('all', (_event, file) => onChange(file));
await new Promise<void>((resolve) => watcher.once('ready', resolve));

server.listen(Number(values.port), values.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  process.stdout.write(
    `Kotae live preview: http://${values.host}:${port}/  (${first.ok ? `built in ${Math.round(first.ms)} ms` : 'content has errors'}; watching ${path.relative(process.cwd(), contentDir) || '.'}, Ctrl+C to stop)\n`,
  );
});
process.once('SIGINT', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));

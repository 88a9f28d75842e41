import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { STRICT_CSP } from '../../scripts/static-server.ts';
import { buildWidget } from '../../scripts/pipeline/widget-bundle.ts';

/** axe-core's source, evaluated in pages (page.evaluate is not subject to the page's CSP). */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  bin: 'application/octet-stream',
  txt: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml',
};

const page = (title: string, body: string, head = '', attrs = 'lang="en"') =>
  `<!doctype html><html ${attrs}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>${head}</head><body>${body}</body></html>`;
const loader = (extra = '') => `<script async src="widget/kotae.js" data-locale="en"${extra}></script>`;
const main = '<main><h1>Acme product</h1><p>A host page that embeds the Kotae widget.</p></main>';

/** Host pages for the tests; all scripts and styles are files, as the strict CSP requires. */
const PAGES: Record<string, string> = {
  'plain.html': page('Plain host', main, loader()),
  // Every trick a host page's CSS can play on an embedded widget.
  'hostile.html': page(
    'Hostile host',
    `${main}<div class="overlay"></div><div class="overlay two"></div>`,
    `<link rel="stylesheet" href="hostile.css">${loader()}`,
    'lang="en" dir="rtl"',
  ),
  'hostile.css': `html{font-size:40px!important;line-height:3!important;letter-spacing:4px!important;color:#f0f!important;direction:rtl}
*,*::before,*::after{all:revert;box-sizing:content-box!important;margin:13px!important;padding:7px!important;font-family:serif!important;text-transform:uppercase!important}
div,span,section,article,aside,header,main{display:inline-block!important;border:5px dashed red!important;background:#ff0!important;font-size:31px!important;position:relative!important;z-index:1!important;opacity:.9!important;transform:rotate(1deg)!important}
button,input,textarea,select,a{all:unset!important;font-size:44px!important;color:lime!important;background:black!important;border:9px solid orange!important;width:300px!important;height:90px!important;display:block!important}
kotae-widget,kotae-help{font-size:50px!important;color:red!important;transform:scale(.5)!important;filter:blur(2px)!important;opacity:.2!important}
svg{width:200px!important;height:200px!important;fill:red!important}
.overlay{position:fixed!important;inset:0!important;z-index:2147483646!important;background:transparent!important;pointer-events:none}
.overlay.two{z-index:999999!important}`,
  'queued.html': page('Queued commands', main, `<script src="queued.js"></script>${loader()}`),
  'queued.js': `window.Kotae=window.Kotae||function(){(window.Kotae.q=window.Kotae.q||[]).push(Array.prototype.slice.call(arguments))};
window.events=[];Kotae('on','open',function(d){events.push(['open',d])});Kotae('setContext',{product:'cloud-db'});Kotae('open');`,
  'analytics-off.html': page('Analytics off', main, `<script src="analytics-off.js"></script>${loader()}`),
  'analytics-off.js': `window.Kotae=window.Kotae||function(){(window.Kotae.q=window.Kotae.q||[]).push(Array.prototype.slice.call(arguments))};
Kotae('analytics',false);`,
  'inline.html': page(
    'Inline panel',
    '<main><h1>Console</h1><kotae-help></kotae-help></main>',
    `<link rel="stylesheet" href="inline.css">${loader(' data-launcher="none"')}`,
  ),
  'inline.css': 'kotae-help{display:block;height:600px}',
  'themed.html': page(
    'Themed host',
    main,
    `<link rel="stylesheet" href="themed.css"><script async src="widget/kotae.js" data-locale="en" data-position="bottom-left" data-label="Support"></script>`,
  ),
  'themed.css': 'kotae-widget{--kotae-primary:#6b2fa3}kotae-widget::part(launcher){border-radius:4px}',
  // Issue 18: a host that does not force a language, and hosts that choose the colour scheme or colours.
  'browser-locale.html': page('Browser language', main, '<script async src="widget/kotae.js"></script>'),
  'theme-dark.html': page('Dark host', main, loader(' data-theme="dark"')),
  'theme-light.html': page('Light host', main, loader(' data-theme="light"')),
  'host-colors.html': page('Host colours', main, `<link rel="stylesheet" href="host-colors.css">${loader()}`),
  'host-colors.css': 'kotae-widget{--kotae-bg:#fdf6e3;--kotae-text:#073642;--kotae-accent:#6b2fa3}',
};

/** Contact modes served under `/g/<mode>/`: the same site with `contact.visible` set in `data/site.json`. */
export const GATES = ['when-unanswered', 'after-search', 'always', 'never'] as const;

export interface WidgetServer {
  origin: string;
  /** Every file served (relative path → bytes), including the built widget. */
  files: Map<string, string | Uint8Array>;
  close(): Promise<void>;
}

export interface WidgetServerOptions {
  /** Site config variants served under `/v/<name>/`: `data/site.json` as the function returns it. */
  variants?: Record<string, (site: Record<string, unknown>) => Record<string, unknown>>;
  /** Origins added to the pages' `connect-src` (e.g. an intake on another port). */
  connectSrc?: string[];
}

/**
 * Builds the sample content's data files and the widget (once per test file) and serves them with the
 * strict CSP of scripts/static-server.ts, plus the host pages above (and the site config variants asked for).
 */
export async function startWidgetServer(options: WidgetServerOptions = {}): Promise<WidgetServer> {
  const files = new Map<string, string | Uint8Array>();
  const result = compileContent({ contentDir: 'content', today: '2026-11-01' }, (file, content) => files.set(file, content));
  if (!result.config) throw new Error('the sample content did not compile');
  await buildWidget((file, content) => files.set(file, content));
  for (const [file, content] of Object.entries(PAGES)) files.set(file, content);
  const site = JSON.parse(String(files.get('data/site.json'))) as { contact: { visible: string }; intake: { url: string } };
  const csp = options.connectSrc?.length ? `${STRICT_CSP}; connect-src 'self' ${options.connectSrc.join(' ')}` : STRICT_CSP;
  const server = http.createServer((req, res) => {
    let file = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    // The widget's self-service events: accepted and forgotten (test/widget/event-recorder.ts records them).
    if (file === 'v1/events' && req.method === 'POST') return void req.resume().on('end', () => res.writeHead(202).end());
    let gate: string | undefined;
    const variant = /^g\/([a-z-]+)\/(.*)$/.exec(file);
    if (variant) [, gate, file] = variant as unknown as [string, string, string];
    const named = /^v\/([a-z-]+)\/(.*)$/.exec(file);
    const edit = named ? options.variants?.[named[1]!] : undefined;
    if (named) file = named[2]!;
    let body = files.get(file);
    if (gate && file === 'data/site.json') body = JSON.stringify({ ...site, contact: { ...site.contact, visible: gate } });
    if (edit && file === 'data/site.json') body = JSON.stringify(edit(structuredClone(site)));
    if (body === undefined) return res.writeHead(404, { 'content-security-policy': STRICT_CSP }).end();
    res.writeHead(200, {
      'content-type': TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'content-security-policy': csp,
      'cache-control': 'no-cache',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The intake is this server (its `/v1/events` only): the strict CSP's connect-src 'self' allows it.
  site.intake = { url: origin };
  files.set('data/site.json', JSON.stringify(site));
  return {
    origin,
    files,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Chromium from the system, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

/** A page that records console errors (CSP violations among them), page errors and failed requests. */
export async function openPage(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (req) => requests.push(new URL(req.url()).pathname));
  page.on('response', (res) => {
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problems.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(url);
  await page.locator('kotae-widget .launcher').or(page.locator('kotae-help .panel')).first().waitFor({ state: 'attached' });
  return { page, problems, requests };
}

/** The element focused inside the widget's shadow root (or the page's active element), as a short description. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return 'none';
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''}`;
  });
}

/** Runs axe-core on the page (shadow roots included) and returns its violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }),
  )) as { violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] };
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

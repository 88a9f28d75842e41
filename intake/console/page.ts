import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { bundleTranslator } from '../../i18n/bundles.ts';

/**
 * The console's HTML shell at `/admin/` and its two files: the preact app (browser/, bundled by esbuild
 * once per process) and its stylesheet. The page holds no inline script or style, so it runs under
 * `script-src 'self'; style-src 'self'`; the files are named by a hash of their content.
 */

export interface Asset {
  /** `/admin/console/console-<hash>.js` */
  path: string;
  type: string;
  body: Buffer;
}

const BROWSER = new URL('./browser/', import.meta.url);

function asset(name: string, ext: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { path: `/admin/console/${name}-${hash}.${ext}`, type, body };
}

// A speech bubble, so the browser's request for an icon finds one (and tabs can be told apart).
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#0b5cad" d="M4 4h24a2 2 0 0 1 2 2v15a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/></svg>`;

let assets: { script: Asset; style: Asset; icon: Asset } | undefined;

/** The app script, stylesheet and icon, built on first use. */
export function consoleAssets(): { script: Asset; style: Asset; icon: Asset } {
  assets ??= {
    script: asset(
      'console',
      'js',
      'text/javascript; charset=utf-8',
      Buffer.from(
        buildSync({
          entryPoints: [fileURLToPath(new URL('./main.tsx', BROWSER))],
          bundle: true,
          minify: true,
          format: 'iife',
          target: 'es2022',
          jsx: 'automatic',
          jsxImportSource: 'preact',
          write: false,
          legalComments: 'none',
        }).outputFiles[0]!.contents,
      ),
    ),
    style: asset('console', 'css', 'text/css; charset=utf-8', readFileSync(new URL('./console.css', BROWSER))),
    icon: asset('icon', 'svg', 'image/svg+xml', Buffer.from(ICON)),
  };
  return assets;
}

export interface ShellOptions {
  locale: string;
  /** Who is signed in, shown in the header. */
  user: string;
  /** The session's CSRF token: the app sends it in `X-CSRF-Token` on every POST. */
  csrfToken: string;
  siteName: string;
  /** The business time zone: times show in it. */
  timeZone: string;
}

/**
 * The page: the app mounts into `#console`; before it does (or without JavaScript) the header with the
 * sign-out form and a short note show.
 */
export function renderShell(options: ShellOptions): string {
  const { t } = bundleTranslator('console', [options.locale]);
  const { script, style, icon } = consoleAssets();
  return `<!doctype html>
<html lang="${esc(options.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${esc(options.csrfToken)}">
<title>${esc(t('appName'))} — ${esc(options.siteName)}</title>
<link rel="icon" href="${icon.path}" type="image/svg+xml">
<link rel="stylesheet" href="${style.path}">
<script src="${script.path}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${esc(t('skip'))}</a>
<div id="console" data-locale="${esc(options.locale)}" data-user="${esc(options.user)}" data-site="${esc(options.siteName)}" data-time-zone="${esc(options.timeZone)}">
<header class="bar"><p class="app-name">${esc(t('appName'))}</p><p class="who">${esc(t('signedInAs', { user: options.user }))}</p>
<form method="post" action="/admin/sign-out" class="sign-out"><input type="hidden" name="csrf_token" value="${esc(options.csrfToken)}"><button type="submit" class="link">${esc(t('signOut'))}</button></form></header>
<main id="main" tabindex="-1"><h1>${esc(t('appName'))}</h1><p>${esc(t('loading'))}</p><noscript><p>${esc(t('noscript'))}</p></noscript></main>
</div>
</body>
</html>
`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

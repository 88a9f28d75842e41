import { localize, type InquiryStatusView, type SiteConfig } from '../content/schema/index.ts';
import { DATE_TIME_PARTS, dateTimeFormat } from './date-time.ts';
import type { Messages } from './i18n.ts';

/**
 * The page a customer's status link opens: the inquiry in the language it was written in, with the names
 * the site config gives (never ids), the reply-by time and what has happened so far. The link carries its
 * token, so the page sends no referrer, is never cached, and runs under a CSP that allows nothing but its own
 * stylesheet and the small script that shows times in the reader's time zone.
 */
export const STATUS_ASSETS = { css: '/v1/assets/status.css', js: '/v1/assets/status.js' } as const;

export const STATUS_PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
} as const;

export function renderStatusPage(view: InquiryStatusView, config: SiteConfig, m: Messages, timeZone: string): string {
  const { t } = m;
  const lang = m.locale;
  const chain = [lang, config.locales.default];
  const product = config.products.find((p) => p.id === view.product);
  const severity = config.severities.find((s) => s.id === view.severity);
  const format = dateTimeFormat(lang, timeZone);
  const when = (iso: string) => `<time datetime="${esc(iso)}" data-local>${esc(format.format(new Date(iso)))}</time>`;
  const siteName = localize(config.site.name, lang, chain);
  const rows: [string, string][] = [
    [t('status.number'), esc(view.number)],
    [t('status.summary'), esc(view.summary)],
    [t('status.product'), esc(product ? localize(product.name, lang, chain) : view.product)],
    [t('status.severity'), esc(severity ? localize(severity.name, lang, chain) : view.severity)],
    [t('status.received'), when(view.received_at)],
    [t('status.replyBy'), when(view.first_response_due)],
  ];
  const history = view.history;
  const current = view.status;
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(t('status.title', { number: view.number }))} — ${esc(siteName)}</title>
<link rel="stylesheet" href="${STATUS_ASSETS.css}">
<script defer src="${STATUS_ASSETS.js}"></script>
</head>
<body>
<main>
<p class="site">${esc(siteName)}</p>
<h1>${esc(t('status.title', { number: view.number }))}</h1>
<p class="state state-${esc(current)}">${esc(t(`status.state.${current}`))}</p>
<p class="explain">${esc(t(`status.explain.${current}`))}</p>
<dl>${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>
<h2>${esc(t('status.history'))}</h2>
<ol class="history">${history.map((h) => `<li><span class="what">${esc(t(`status.state.${h.state}`))}</span> ${when(h.at)}</li>`).join('')}</ol>
<p class="note">${esc(t('status.keepPrivate'))}</p>
</main>
</body>
</html>
`;
}

/** Rewrites every `<time data-local>` in the reader's own time zone and language (the page shows the site's until then). */
// A classic script, not a module: a module's request carries an Origin header, which the intake checks
// against the site's allowed origins (its own is not one of them).
export const STATUS_SCRIPT = `{
const format = new Intl.DateTimeFormat(document.documentElement.lang, ${JSON.stringify(DATE_TIME_PARTS)});
for (const time of document.querySelectorAll('time[data-local]')) {
  const date = new Date(time.getAttribute('datetime'));
  if (!Number.isNaN(date.getTime())) time.textContent = format.format(date);
}
}
`;

export const STATUS_CSS = `:root{color-scheme:light dark;font:16px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;--fg:#1b1f24;--muted:#4b5563;--line:#d0d7de;--accent:#0b5cad;--bg:#fff}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#a8b3bf;--line:#3d444d;--accent:#6cb6ff;--bg:#0d1117}}
body{margin:0;background:var(--bg);color:var(--fg)}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1.25rem 3rem}
.site{color:var(--muted);margin:0}
h1{font-size:1.5rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:2rem 0 .5rem}
.state{display:inline-block;font-weight:600;border:2px solid var(--accent);color:var(--accent);border-radius:999px;padding:.15rem .8rem;margin:0}
.explain{margin:.75rem 0 1.5rem}
dl{margin:0;border-top:1px solid var(--line)}
dl div{display:grid;grid-template-columns:minmax(8rem,30%) 1fr;gap:1rem;padding:.6rem 0;border-bottom:1px solid var(--line)}
dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.history{padding-inline-start:1.25rem}.history li{margin:.35rem 0}.what{font-weight:600}
.note{color:var(--muted);font-size:.9rem;margin-top:2rem}
`;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

import type { Messages } from '../i18n.ts';
import { CSRF_FIELD } from './csrf.ts';

/**
 * The console's server-rendered pages: sign-in, the signed-in placeholder, refusals. Plain HTML forms that
 * work without script, one stylesheet served as a file (`ADMIN_CSS` at `ADMIN_ASSETS.css`), nothing inline,
 * so the strict policy of `adminHeaders` holds. Labels on every field, errors in a `role="alert"` paragraph.
 */
export const ADMIN_ASSETS = { css: '/admin/assets/admin.css' } as const;

/**
 * Headers of every answer under `/admin`. `formAction` adds origins a form may lead to (the issuer's
 * sign-in page, reached by a redirect from `/admin/oidc/start`, which `form-action` also governs).
 * Referrer-Policy is `same-origin`, not `no-referrer`: with `no-referrer` browsers send `Origin: null` on
 * POST, and the CSRF check wants to see our own origin there.
 */
export function adminHeaders(formAction: readonly string[] = []): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      `form-action 'self'${formAction.map((o) => ` ${o}`).join('')}`,
      "frame-ancestors 'none'",
    ].join('; '),
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
  };
}

export interface SignInView {
  /** The error to announce, already translated. */
  error?: string | undefined;
  /** A notice that is not an error (signed out). */
  notice?: string | undefined;
  csrfToken: string;
  /** The user name typed before, to keep in the field after a failure. */
  user?: string | undefined;
  localSignIn: boolean;
  /** The issuer's name when OpenID Connect is set up. */
  oidcName?: string | undefined;
  /** The console page to return to once signed in (already checked: return-to.ts). */
  next?: string | undefined;
}

export function renderSignIn(m: Messages, view: SignInView): string {
  const { t } = m;
  const lang = `?lang=${encodeURIComponent(m.locale)}`;
  const csrf = `<input type="hidden" name="${CSRF_FIELD}" value="${esc(view.csrfToken)}">${view.next ? `<input type="hidden" name="next" value="${esc(view.next)}">` : ''}`;
  const oidc = view.oidcName
    ? `<form method="post" action="/admin/oidc/start${lang}" class="oidc">${csrf}<button type="submit">${esc(t('admin.signIn.with', { name: view.oidcName }))}</button></form>`
    : '';
  const local = view.localSignIn
    ? `${view.oidcName ? `<h2>${esc(t('admin.signIn.or'))}</h2>` : ''}<form method="post" action="/admin/sign-in${lang}" class="local">${csrf}
<p><label for="user">${esc(t('admin.signIn.user'))}</label>
<input id="user" name="user" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="64" value="${esc(view.user ?? '')}"${view.error || view.user ? '' : ' autofocus'}></p>
<p><label for="password">${esc(t('admin.signIn.password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${view.error || view.user ? ' autofocus' : ''}></p>
<p><button type="submit">${esc(t('admin.signIn.submit'))}</button></p>
</form>`
    : '';
  const none = !view.localSignIn && !view.oidcName ? `<p>${esc(t('admin.signIn.noMethod'))}</p>` : '';
  return layout(
    m,
    t('admin.signIn.title'),
    `${view.error ? `<p role="alert" class="error">${esc(view.error)}</p>` : ''}${view.notice ? `<p role="status" class="notice">${esc(view.notice)}</p>` : ''}${oidc}${local}${none}`,
  );
}

/**
 * After the issuer's callback: a same-origin page that moves on to the console. A redirect would not do:
 * the navigation began at the issuer (another site), and browsers withhold `SameSite=Strict` cookies for the
 * whole chain, so the console would not see the fresh session. The refresh is a new, same-site navigation.
 */
export function renderContinue(m: Messages, target = '/admin/'): string {
  return layout(
    m,
    m.t('admin.title'),
    `<p><a href="${esc(target)}">${esc(m.t('admin.signIn.continue'))}</a></p>`,
    `<meta http-equiv="refresh" content="0;url=${esc(target)}">`,
  );
}

export function renderRefused(m: Messages, message: string): string {
  return layout(
    m,
    m.t('admin.refused.title'),
    `<p role="alert" class="error">${esc(message)}</p><p><a href="/admin/sign-in">${esc(m.t('admin.refused.back'))}</a></p>`,
  );
}

function layout(m: Messages, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="${esc(m.locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${head}<title>${esc(title)}</title>
<link rel="stylesheet" href="${ADMIN_ASSETS.css}">
</head>
<body>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

export const ADMIN_CSS = `:root{color-scheme:light dark;font:16px/1.55 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;--fg:#1b1f24;--muted:#4b5563;--line:#8c959f;--accent:#0b5cad;--bg:#fff;--error:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#a8b3bf;--line:#6e7681;--accent:#6cb6ff;--bg:#0d1117;--error:#ff8182}}
body{margin:0;background:var(--bg);color:var(--fg)}
main{max-width:26rem;margin:0 auto;padding:2rem 1.25rem 3rem}
h1{font-size:1.4rem;margin:0 0 1.25rem}h2{font-size:1rem;font-weight:600;margin:1.75rem 0 .5rem;color:var(--muted)}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem .6rem;border:1px solid var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
button{font:inherit;font-weight:600;padding:.55rem 1.1rem;border:0;border-radius:6px;background:var(--accent);color:var(--bg);cursor:pointer}
.oidc button{width:100%}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.error{color:var(--error);font-weight:600;border-left:4px solid var(--error);padding-left:.75rem}
.notice{border-left:4px solid var(--accent);padding-left:.75rem}
a{color:var(--accent)}
`;

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

import path from 'node:path';
import { entryUrl } from '../../content/urls.ts';
import type { Problems } from '../../content/problems.ts';
import type { SitePlan } from './compile-locale.ts';
import { fieldAt, type EntryHeader } from './load.ts';
import { escapeHtml } from './escape-html.ts';

/** One old URL and the page that now answers for it. */
export interface Redirect {
  /** The old path as written in `previousUrls` (percent-encoding kept). */
  from: string;
  /** The entry's page in the locale the old path is under (`/en/…`), else in the locale of the file that lists it. */
  to: string;
  locale: string;
  title: string;
}

// Paths the build itself writes at the top of the output folder, or whole folders it owns.
const RESERVED_TOP = new Set(['data', 'assets', 'widget', 'demo']);
const RESERVED_ROOT_FILES = new Set(['index.html', '404.html', 'robots.txt', 'sitemap.xml', 'sw.js', '_redirects', 'redirects.nginx.conf']);
// The KB site's own pages under `/<locale>/` besides entries (kb-site/site-urls.ts).
const RESERVED_IN_LOCALE = new Set(['', 'index.html', 'products', 'faqs', 'search', 'contact', 'feed.xml', '404.html', 'sitemap.xml']);

/**
 * The redirects the entries ask for (`previousUrls`), checked against each other and against the pages the
 * build writes: two entries claiming one old URL, an old URL that would hide a live page, and a redirect to
 * an entry that is not published (it would lead to "not found") are reported with the line that lists them.
 */
export function collectRedirects(plan: SitePlan, problems: Problems): Redirect[] {
  const locales = new Set(plan.config.locales.available.map((l) => l.code));
  const entries: EntryHeader[] = [];
  for (const family of plan.model.families.values()) entries.push(family.source, ...family.translations.values());
  entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const types = new Map([...plan.model.families.values()].map((f) => [f.id, f.source.meta.type]));

  const claimed = new Map<string, { entry: EntryHeader; redirect: Redirect }>();
  const redirects: Redirect[] = [];
  for (const entry of entries) {
    entry.meta.previousUrls.forEach((from, i) => {
      const at = fieldAt(entry, ['previousUrls', i]);
      const error = (message: string, fix: string) => problems.error(entry.file, at.line, at.col, message, fix);
      const key = redirectKey(from);
      if (key === undefined)
        return error(`previous URL "${from}" is not a valid percent-encoded path`, 'write non-ASCII characters as they are or percent-encode them (UTF-8)');
      const hidden = hiddenPage(key, locales, types);
      if (hidden) return error(`previous URL "${from}" is ${hidden}: a redirect there would hide it`, 'remove it from previousUrls');
      // An old URL under a locale's prefix leads to that locale's page of the entry (its fallback, if untranslated).
      const top = key.split('/')[1] ?? '';
      const locale = locales.has(top) ? top : entry.locale;
      const to = entryUrl(locale, entry.meta.type, entry.meta.id);
      const redirect = { from, to, locale, title: entry.meta.title };
      const first = claimed.get(key);
      if (first) {
        if (first.redirect.to !== to)
          error(
            `previous URL "${from}" is also claimed by ${path.relative(plan.contentDir, first.entry.file)} (redirects to ${first.redirect.to})`,
            'an old URL can lead to one page only: keep it on the entry that replaced that page',
          );
        return;
      }
      if (!plan.published.has(entry.meta.id)) {
        problems.warning(
          entry.file,
          at.line,
          at.col,
          `redirect from "${from}" points at nothing: this entry is a draft, so no page answers at ${to}`,
          'publish the entry, or move the old URL to a published entry',
        );
        return;
      }
      claimed.set(key, { entry, redirect });
      redirects.push(redirect);
    });
  }
  return redirects.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * The decoded path an old URL is matched by, without a trailing slash (`/a/b/` and `/a/b` are one page to a
 * reader); undefined when its percent-encoding is broken.
 */
function redirectKey(from: string): string | undefined {
  try {
    const decoded = decodeURIComponent(from);
    return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded;
  } catch {
    return undefined;
  }
}

/** What live page (if any) an old path would be served in place of. */
function hiddenPage(key: string, locales: ReadonlySet<string>, types: ReadonlyMap<string, string>): string | undefined {
  const segments = key.split('/').slice(1);
  const [top = '', second = '', third] = segments;
  if (key === '/' || RESERVED_TOP.has(top) || (segments.length === 1 && RESERVED_ROOT_FILES.has(top))) return 'a file the build writes';
  if (!locales.has(top)) return undefined;
  if (segments.length === 1 || (segments.length >= 2 && RESERVED_IN_LOCALE.has(second))) return `a page of the KB site (/${top}/)`;
  if ((second === 'faq' || second === 'articles') && third !== undefined && types.has(third)) {
    const live = types.get(third) === 'faq' ? 'faq' : 'articles';
    if (live === second && segments.length === 3) return `the page of entry "${third}"`;
  }
  return undefined;
}

/**
 * The output files for the redirects: a page per old URL for hosts without rules (a `meta refresh` and a
 * canonical link, so search engines move their ranking to the new page), `_redirects` for Netlify and
 * Cloudflare Pages, and `redirects.nginx.conf`, a `map` from old path to new for nginx.
 */
export function redirectFiles(redirects: readonly Redirect[], baseUrl: string): Map<string, string> {
  const files = new Map<string, string>();
  // The nginx map is written even when empty: deploy/nginx/kotae.conf includes it and tests its variable.
  files.set('redirects.nginx.conf', nginxMap(redirects));
  if (!redirects.length) return files;
  for (const r of redirects) {
    const file = redirectPageFile(r.from);
    if (file) files.set(file, redirectPage(r, new URL(r.to.slice(1), baseUrl).href));
  }
  const lines = redirects.map((r) => `${encodeURI(decodeURIComponent(r.from))} ${r.to} 301`);
  files.set('_redirects', `# Old URLs of entries (previousUrls), for Netlify and Cloudflare Pages. Written by the build.\n${lines.join('\n')}\n`);
  return files;
}

/**
 * Where the page for an old URL goes: `/a/b` and `/a/b/` → `a/b/index.html`, `/guide/x.html` → itself. Other
 * extensions (`/files/manual.pdf`) get no page, only host rules: a static host would serve an HTML page
 * named `.pdf` with the wrong type.
 */
export function redirectPageFile(from: string): string | undefined {
  const key = redirectKey(from);
  if (key === undefined || key === '/') return undefined;
  const last = key.split('/').pop() ?? '';
  if (/\.html?$/i.test(last)) return key.slice(1);
  if (/\.[A-Za-z0-9]{1,5}$/.test(last)) return undefined;
  return `${key.slice(1)}/index.html`;
}

function redirectPage(r: Redirect, canonical: string): string {
  const title = escapeHtml(r.title);
  const to = escapeHtml(r.to);
  return `<!doctype html>
<html lang="${escapeHtml(r.locale)}">
<head>
<meta charset="utf-8">
<title>${title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(canonical)}">
<meta http-equiv="refresh" content="0; url=${to}">
</head>
<body>
<p><a href="${to}">${title}</a></p>
</body>
</html>
`;
}

/** `redirects.nginx.conf`: a `map` from old path to new, with and without the trailing slash. */
function nginxMap(redirects: readonly Redirect[]): string {
  const mapLines = redirects.flatMap((r) => {
    const key = redirectKey(r.from)!;
    return (key === '/' ? [key] : [key, `${key}/`]).map((k) => `    "${k}" ${r.to};`);
  });
  return [
    '# Old URLs of entries (previousUrls). Written by the build. Include inside http { }, then in the server { }:',
    '#   if ($kotae_redirect) { return 301 $kotae_redirect$is_args$args; }',
    'map $uri $kotae_redirect {',
    '    default "";',
    ...mapLines,
    '}',
    '',
  ].join('\n');
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { localeOf, type LocaleMap } from './locales.ts';
import type { SourceArticle, SourceGroup, SourceSite } from './model.ts';
import { isoDay, localCopy } from './source-files.ts';

export type MarkdownFlavor = 'vitepress' | 'docusaurus' | 'starlight';

/** One locale's pages: the folder they are in and the URL prefix the site served them under. */
interface LocaleRoot {
  locale: string;
  dir: string;
  urlPrefix: string;
}

const LOCALE_FOLDER = /^[a-z]{2}(-[A-Za-z]{2,4})?$/;

/**
 * A docs site in Markdown, read from its source folder as each generator lays out translations:
 *
 * | flavor | default locale | other locales | URL of `guide/setup.md` |
 * | --- | --- | --- | --- |
 * | VitePress | `docs/` (or the folder itself) | `docs/<locale>/` | `/guide/setup.html` and `/guide/setup` (`cleanUrls`) |
 * | Docusaurus | `docs/` | `i18n/<locale>/docusaurus-plugin-content-docs/current/` | `/docs/guide/setup` (`slug:` wins; numeric prefixes dropped) |
 * | Starlight | `src/content/docs/` (root locale) or `src/content/docs/<locale>/` | `src/content/docs/<locale>/` | `/<locale>/guide/setup/` |
 *
 * A page and the page at the same path in another locale are one article. The first folder of a page's
 * path is its category (named by Docusaurus' `_category_.json` when there is one).
 */
export function readMarkdownSite(dir: string, flavor: MarkdownFlavor | undefined, locales: LocaleMap, defaultLocale: string, today: string): SourceSite {
  const kind = flavor ?? detectFlavor(dir);
  const roots = localeRoots(dir, kind, defaultLocale);
  const publicDirs = { vitepress: [path.join(roots[0]!.dir, 'public')], docusaurus: [path.join(dir, 'static')], starlight: [path.join(dir, 'public')] }[kind];
  const site: SourceSite = {
    system: kind,
    dir,
    defaultLocale: localeOf(defaultLocale, locales),
    articles: [],
    products: [],
    categories: [],
    dropped: [],
    articleOfLink: () => undefined,
    localFile: () => undefined,
  };
  const categories = new Map<string, SourceGroup>();
  const byUrl = new Map<string, string>();
  const relOfNative = new Map<string, string>();
  for (const root of roots) {
    const others = roots.filter((r) => r !== root && r.dir.startsWith(root.dir + path.sep)).map((r) => r.dir);
    for (const file of pages(root.dir, others)) {
      const rel = path.relative(root.dir, file).split(path.sep).join('/');
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const meta = (fm ? (parseYaml(fm[1]!) as Record<string, unknown> | null) : null) ?? {};
      const body = fm ? text.slice(fm[0].length) : text;
      const firstLine = fm ? fm[0].split('\n').length : 1;
      const nativeId = rel.replace(/\.mdx?$/, '');
      const folder = rel.includes('/') ? rel.split('/')[0]! : '';
      const categoryKey = `folder:${folder || 'general'}`;
      if (!categories.has(categoryKey)) categories.set(categoryKey, { key: categoryKey, names: {}, order: categories.size });
      const group = categories.get(categoryKey)!;
      group.names[localeOf(root.locale, locales)] ??= categoryLabel(path.join(root.dir, folder), folder);
      const title = stringField(meta.title) ?? /^#\s+(.+)$/m.exec(body)?.[1]?.trim() ?? path.basename(nativeId);
      const urls = pageUrls(kind, root, nativeId, meta);
      for (const url of urls) byUrl.set(normalizeRoute(url, roots), nativeId);
      relOfNative.set(nativeId, rel);
      const sidebar = meta.sidebar as { order?: unknown } | undefined;
      const order = [meta.sidebar_position, sidebar?.order, meta.order].find((v) => typeof v === 'number' && Number.isInteger(v)) as number | undefined;
      const lastUpdate = meta.last_update as { date?: unknown } | undefined;
      site.articles.push({
        sourceId: `${kind}:${rel.replace(/\.mdx?$/, '')}`,
        nativeId,
        locale: localeOf(root.locale, locales),
        original: root.locale === defaultLocale,
        title,
        summary: stringField(meta.description),
        body: { markdown: body, firstLine },
        place: path.relative(dir, file).split(path.sep).join('/'),
        urls,
        categoryKey,
        updated: isoDay(stringField(lastUpdate?.date) ?? stringField(meta.lastUpdated) ?? dateField(meta.date), today),
        draft: meta.draft === true,
        tags: Array.isArray(meta.tags) ? meta.tags.filter((t): t is string => typeof t === 'string') : [],
        order,
        slugHint: path.basename(nativeId) === 'index' ? nativeId.replace(/\/?index$/, '') || 'home' : nativeId.replace(/\//g, '-'),
      } satisfies SourceArticle);
    }
  }
  site.categories = [...categories.values()];
  site.articleOfLink = (href, from) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
    const clean = href.split(/[?#]/)[0]!;
    if (!clean) return undefined;
    if (clean.startsWith('/')) {
      const id = byUrl.get(normalizeRoute(clean, roots));
      return { nativeId: id ?? clean, external: false };
    }
    const fromDir = path.posix.dirname(relOfNative.get(from.nativeId) ?? from.nativeId);
    const target = path.posix
      .normalize(path.posix.join(fromDir, decodeURIComponent(clean)))
      .replace(/\.(mdx?|html)$/, '')
      .replace(/\/$/, '/index');
    const known = relOfNative.has(target) ? target : relOfNative.has(`${target}/index`) ? `${target}/index` : undefined;
    if (known) return { nativeId: known, external: false };
    // Relative to the page's URL, as the browser resolved it (Starlight: `../two-step/` from `/en/account/password/`).
    const pageUrl = from.urls[0];
    const fromPage = pageUrl ? byUrl.get(normalizeRoute(new URL(clean, `https://site.invalid${pageUrl}`).pathname, roots)) : undefined;
    if (fromPage) return { nativeId: fromPage, external: false };
    // A route written relative to the page (`../setup`, Docusaurus ids) rather than to a file.
    return { nativeId: byUrl.get(normalizeRoute(`/${target}`, roots)) ?? target, external: false };
  };
  site.localFile = (src, from) => {
    if (/^https?:/i.test(src)) return localCopy(dir, src);
    let decoded: string;
    try {
      decoded = decodeURIComponent(src.split(/[?#]/)[0]!);
    } catch {
      return undefined;
    }
    const candidates = decoded.startsWith('/')
      ? publicDirs.map((p) => path.join(p, decoded))
      : [path.resolve(path.dirname(path.join(dir, from.place)), decoded)];
    const root = path.resolve(dir);
    return candidates.find((f) => path.resolve(f).startsWith(root + path.sep) && existsSync(f) && statSync(f).isFile());
  };
  return site;
}

function detectFlavor(dir: string): MarkdownFlavor {
  const has = (...p: string[]) => existsSync(path.join(dir, ...p));
  if (has('docusaurus.config.js') || has('docusaurus.config.ts') || has('i18n')) return 'docusaurus';
  if (has('src', 'content', 'docs')) return 'starlight';
  return 'vitepress';
}

function localeRoots(dir: string, kind: MarkdownFlavor, defaultLocale: string): LocaleRoot[] {
  const folders = (root: string) =>
    existsSync(root)
      ? readdirSync(root, { withFileTypes: true })
          .filter((d) => d.isDirectory() && LOCALE_FOLDER.test(d.name))
          .map((d) => d.name)
          .sort()
      : [];
  if (kind === 'docusaurus') {
    const i18n = path.join(dir, 'i18n');
    return [
      { locale: defaultLocale, dir: path.join(dir, 'docs'), urlPrefix: '/docs/' },
      ...folders(i18n)
        .filter((l) => l !== defaultLocale)
        .map((l) => ({ locale: l, dir: path.join(i18n, l, 'docusaurus-plugin-content-docs', 'current'), urlPrefix: `/${l}/docs/` }))
        .filter((r) => existsSync(r.dir)),
    ];
  }
  const root = kind === 'starlight' ? path.join(dir, 'src', 'content', 'docs') : existsSync(path.join(dir, 'docs')) ? path.join(dir, 'docs') : dir;
  const named = folders(root);
  if (kind === 'starlight' && named.includes(defaultLocale)) return named.map((l) => ({ locale: l, dir: path.join(root, l), urlPrefix: `/${l}/` }));
  return [
    { locale: defaultLocale, dir: root, urlPrefix: '/' },
    ...named.filter((l) => l !== defaultLocale).map((l) => ({ locale: l, dir: path.join(root, l), urlPrefix: `/${l}/` })),
  ];
}

/** The pages under `root`, not descending into other locales' folders or the generator's own folders. */
function pages(root: string, skip: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(d, e.name);
      if (e.name.startsWith('.') || e.name.startsWith('_') || e.name === 'public' || e.name === 'node_modules' || skip.includes(full)) continue;
      if (e.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(e.name)) found.push(full);
    }
  };
  if (existsSync(root)) walk(root);
  return found;
}

/** The URLs the generator served a page at, as root-relative paths. */
function pageUrls(kind: MarkdownFlavor, root: LocaleRoot, nativeId: string, meta: Record<string, unknown>): string[] {
  const isIndex = path.posix.basename(nativeId) === 'index';
  const route = isIndex ? nativeId.replace(/\/?index$/, '') : nativeId;
  if (kind === 'vitepress') {
    if (!route) return [root.urlPrefix];
    return isIndex ? [`${root.urlPrefix}${route}/`] : [`${root.urlPrefix}${route}.html`, `${root.urlPrefix}${route}`];
  }
  if (kind === 'docusaurus') {
    const slug = stringField(meta.slug);
    if (slug?.startsWith('/')) return [`${root.urlPrefix.replace(/\/$/, '')}${slug}`];
    const parts = route.split('/').map((p) => p.replace(/^\d+-/, ''));
    if (typeof meta.id === 'string' && !isIndex) parts[parts.length - 1] = meta.id;
    if (slug) parts[parts.length - 1] = slug;
    return [`${root.urlPrefix}${parts.filter(Boolean).join('/')}`];
  }
  return [`${root.urlPrefix}${route ? `${route}/` : ''}`];
}

/** A route without its locale prefix, `.html` and trailing slash, so links written any of those ways match. */
function normalizeRoute(url: string, roots: readonly LocaleRoot[]): string {
  let p = url.replace(/\.html$/, '').replace(/\/+$/, '');
  for (const r of roots) {
    const prefix = r.urlPrefix.replace(/\/$/, '');
    if (prefix && (p === prefix || p.startsWith(`${prefix}/`))) {
      p = p.slice(prefix.length);
      break;
    }
  }
  return p.replace(/^\/docs(?=\/|$)/, '') || '/';
}

/** The label Docusaurus shows for a folder (`_category_.json`), else the folder name in words. */
function categoryLabel(folderPath: string, folder: string): string {
  const file = path.join(folderPath, '_category_.json');
  if (folder && existsSync(file)) {
    const label = (JSON.parse(readFileSync(file, 'utf8')) as { label?: unknown }).label;
    if (typeof label === 'string' && label.trim()) return label.trim();
  }
  const words = (folder || 'general').replace(/^\d+-/, '').replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function dateField(value: unknown): string | undefined {
  if (value instanceof Date) return value.toISOString();
  return stringField(value);
}

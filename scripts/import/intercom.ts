import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localeOf, type LocaleMap } from './locales.ts';
import type { SourceArticle, SourceSite } from './model.ts';
import { articleIdInUrl, isoDay, localCopy } from './source-files.ts';

/**
 * An Intercom Articles export: the REST API's lists saved as returned.
 *
 * | file | request |
 * | --- | --- |
 * | `collections.json` | `GET /help_center/collections` → `{ type: "list", data: [...] }` (sections are collections with a `parent_id`) |
 * | `articles.json` | `GET /articles` → `{ type: "list", data: [...] }`, each with its `translated_content` |
 * | `files/<host>/<path>` or `files/<name>` | images of the bodies, downloaded |
 *
 * An article's top-level collection becomes its category; Intercom has no product level, so the mapping
 * file's `product` (if any) is given to every entry.
 */
export function readIntercom(dir: string, locales: LocaleMap, today: string): SourceSite {
  const read = <T>(file: string) => (existsSync(path.join(dir, file)) ? (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { data: T[] }).data : []);
  const collections = read<IntercomCollection>('collections.json');
  const articles = read<IntercomArticle>('articles.json');
  const byId = new Map(collections.map((c) => [String(c.id), c]));
  const top = (id: string | number | null | undefined): IntercomCollection | undefined => {
    let c = id === null || id === undefined ? undefined : byId.get(String(id));
    while (c?.parent_id !== null && c?.parent_id !== undefined && byId.has(String(c.parent_id))) c = byId.get(String(c.parent_id));
    return c;
  };
  const site: SourceSite = {
    system: 'intercom',
    dir,
    defaultLocale: localeOf(articles[0]?.default_locale ?? collections[0]?.default_locale ?? 'en', locales),
    articles: [],
    products: [],
    categories: collections
      .filter((c) => c.parent_id === null || c.parent_id === undefined)
      .map((c) => {
        const names: Record<string, string> = { [localeOf(c.default_locale, locales)]: c.name };
        const descriptions: Record<string, string> = {};
        for (const [code, t] of Object.entries(c.translated_content ?? {})) {
          if (typeof t !== 'object' || t === null) continue;
          if (t.name) names[localeOf(code, locales)] = t.name;
          if (t.description) descriptions[localeOf(code, locales)] = t.description;
        }
        return { key: `intercom:collection:${c.id}`, names, descriptions, order: c.order };
      }),
    dropped: [],
    articleOfLink: () => undefined,
    localFile: (src) => localCopy(dir, src),
  };
  const hosts = new Set<string>();
  articles.forEach((a, i) => {
    const place = `articles.json $.data[${i}]`;
    if (a.url) hosts.add(new URL(a.url).host);
    const collection = top(a.parent_id);
    if (!collection)
      site.dropped.push({
        sourceId: `intercom:article:${a.id}`,
        place,
        what: 'its collection',
        reason: 'standalone',
      });
    const sourceLocale = a.default_locale ?? 'en';
    const contents: [string, IntercomContent, string][] = [];
    for (const [code, t] of Object.entries(a.translated_content ?? {}))
      if (typeof t === 'object' && t !== null && t.title) contents.push([code, t, `${place}.translated_content.${code}`]);
    if (!contents.some(([code]) => code === sourceLocale)) contents.unshift([sourceLocale, a, place]);
    for (const [code, t, where] of contents) {
      const article: SourceArticle = {
        sourceId: `intercom:article:${a.id}`,
        nativeId: String(a.id),
        locale: localeOf(code, locales),
        original: code === sourceLocale,
        title: t.title,
        summary: t.description || undefined,
        body: { html: t.body ?? '' },
        place: where,
        bodyPlace: `${where}.body`,
        urls: t.url ? [t.url] : [],
        categoryKey: collection ? `intercom:collection:${collection.id}` : 'intercom:general',
        updated: isoDay(t.updated_at ?? a.updated_at, today),
        published: isoDay(t.created_at ?? a.created_at, today),
        draft: (t.state ?? a.state) !== 'published',
        tags: [],
      };
      site.articles.push(article);
    }
  });
  site.articleOfLink = (href) => {
    const id = articleIdInUrl(href, hosts);
    return id && { nativeId: id.id, external: id.external };
  };
  return site;
}

interface IntercomCollection {
  id: string | number;
  name: string;
  description?: string | null;
  order?: number;
  default_locale: string;
  parent_id?: string | number | null;
  translated_content?: Record<string, { name?: string; description?: string } | string | null>;
}

interface IntercomContent {
  title: string;
  description?: string | null;
  body?: string | null;
  state?: string;
  url?: string | null;
  created_at?: number;
  updated_at?: number;
}

interface IntercomArticle extends IntercomContent {
  id: string | number;
  default_locale?: string;
  parent_id?: string | number | null;
  parent_type?: string | null;
  state: string;
  translated_content?: Record<string, IntercomContent | string | null>;
}

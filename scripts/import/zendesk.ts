import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localeOf, type LocaleMap } from './locales.ts';
import type { SourceArticle, SourceSite } from './model.ts';
import { articleIdInUrl, isoDay, localCopy } from './source-files.ts';

/**
 * A Zendesk Guide export: the Help Center API's JSON saved as it was returned, one file per list (every page
 * of a list may be saved as `articles.json`, `articles-2.json`, …):
 *
 * | file | request |
 * | --- | --- |
 * | `categories.json` | `GET /api/v2/help_center/categories.json` → `{ categories: [...] }` |
 * | `sections.json` | `GET /api/v2/help_center/sections.json` → `{ sections: [...] }` |
 * | `articles.json` | `GET /api/v2/help_center/articles.json` → `{ articles: [...] }` |
 * | `translations/<article id>.json` | `GET /api/v2/help_center/articles/{id}/translations.json` → `{ translations: [...] }` |
 * | `translations/categories/<id>.json`, `translations/sections/<id>.json` | the same for categories and sections |
 * | `attachments/<article id>.json` | `GET /api/v2/help_center/articles/{id}/attachments.json` → `{ article_attachments: [...] }` |
 * | `files/<attachment id>/<file_name>` | an attachment's `content_url`, downloaded |
 *
 * Categories become products and sections categories, unless the mapping file says otherwise.
 */
export function readZendesk(dir: string, locales: LocaleMap, today: string): SourceSite {
  const site: SourceSite = {
    system: 'zendesk',
    dir,
    defaultLocale: '',
    articles: [],
    products: [],
    categories: [],
    dropped: [],
    articleOfLink: () => undefined,
    localFile: () => undefined,
  };
  const categories = pages<ZendeskItem>(dir, 'categories', 'categories');
  const sections = pages<ZendeskItem & { category_id: number }>(dir, 'sections', 'sections');
  const articles = pages<ZendeskArticle>(dir, 'articles', 'articles');
  const sourceLocales = articles.map(({ item }) => localeOf(item.source_locale, locales));
  site.defaultLocale = mostCommon(sourceLocales) ?? 'en';

  const groupNames = (kind: 'categories' | 'sections', item: ZendeskItem) => {
    const names: Record<string, string> = { [localeOf(item.source_locale ?? item.locale, locales)]: item.name };
    const descriptions: Record<string, string> = item.description ? { [localeOf(item.source_locale ?? item.locale, locales)]: item.description } : {};
    const file = path.join(dir, 'translations', kind, `${item.id}.json`);
    if (existsSync(file))
      for (const t of (JSON.parse(readFileSync(file, 'utf8')) as { translations: ZendeskTranslation[] }).translations) {
        names[localeOf(t.locale, locales)] = t.title;
        if (t.body) descriptions[localeOf(t.locale, locales)] = t.body;
      }
    return { names, descriptions };
  };
  for (const { item } of categories) site.products.push({ key: `zendesk:category:${item.id}`, ...groupNames('categories', item), order: item.position });
  const categoryOfSection = new Map<number, number>();
  for (const { item } of sections) {
    categoryOfSection.set(item.id, item.category_id);
    site.categories.push({ key: `zendesk:section:${item.id}`, ...groupNames('sections', item), order: item.position });
  }

  const attachments = new Map<number, ZendeskAttachment>();
  const hosts = new Set<string>();
  for (const { item: a, place } of articles) {
    if (a.html_url) hosts.add(new URL(a.html_url).host);
    const attachmentsFile = path.join(dir, 'attachments', `${a.id}.json`);
    if (existsSync(attachmentsFile))
      for (const att of (JSON.parse(readFileSync(attachmentsFile, 'utf8')) as { article_attachments: ZendeskAttachment[] }).article_attachments)
        attachments.set(att.id, att);

    const sourceId = `zendesk:article:${a.id}`;
    const common = {
      sourceId,
      nativeId: String(a.id),
      productKey: categoryOfSection.has(a.section_id) ? `zendesk:category:${categoryOfSection.get(a.section_id)}` : undefined,
      categoryKey: `zendesk:section:${a.section_id}`,
      tags: a.label_names ?? [],
      order: a.position,
      published: isoDay(a.created_at, today),
    };
    const translationsFile = path.join('translations', `${a.id}.json`);
    const translations = existsSync(path.join(dir, translationsFile))
      ? (JSON.parse(readFileSync(path.join(dir, translationsFile), 'utf8')) as { translations: ZendeskTranslation[] }).translations
      : [];
    const sourceLocale = a.source_locale ?? a.locale;
    // The API lists the source locale among the translations too; the article object is its text.
    const texts: { t: ZendeskTranslation; place: string }[] = translations.map((t, i) => ({ t, place: `${translationsFile} $.translations[${i}]` }));
    if (!texts.some(({ t }) => t.locale === sourceLocale)) texts.unshift({ t: { ...a, locale: sourceLocale, outdated: false } as ZendeskTranslation, place });
    for (const { t, place: where } of texts) {
      const locale = localeOf(t.locale, locales);
      const original = t.locale === sourceLocale;
      const article: SourceArticle = {
        ...common,
        locale,
        original,
        title: t.title,
        body: { html: t.body ?? '' },
        place: where,
        bodyPlace: `${where}.body`,
        urls: t.html_url ? [t.html_url] : [],
        updated: isoDay(t.edited_at ?? t.updated_at, today),
        draft: Boolean(t.draft),
        outdated: !original && Boolean(t.outdated),
      };
      if (article.published && article.published > article.updated) article.published = article.updated;
      site.articles.push(article);
    }
  }

  site.articleOfLink = (href) => {
    const id = articleIdInUrl(href, hosts);
    return id === undefined ? undefined : { nativeId: id.id, external: id.external };
  };
  site.localFile = (src) => {
    // An attachment's URL (`/hc/article_attachments/<id>/<name>`) names its id; its file was saved by id.
    const byId = /\/article_attachments\/(\d+)/.exec(src)?.[1];
    const att = byId ? attachments.get(Number(byId)) : undefined;
    if (att) {
      const file = path.join(dir, 'files', String(att.id), att.file_name);
      if (existsSync(file)) return file;
    }
    return localCopy(dir, src);
  };
  return site;
}

interface ZendeskItem {
  id: number;
  name: string;
  description?: string;
  locale: string;
  source_locale?: string;
  position?: number;
  html_url?: string;
}

interface ZendeskArticle {
  id: number;
  title: string;
  body: string | null;
  locale: string;
  source_locale: string;
  section_id: number;
  html_url: string;
  draft: boolean;
  position?: number;
  label_names?: string[];
  created_at: string;
  updated_at: string;
  edited_at?: string;
}

interface ZendeskTranslation {
  id: number;
  title: string;
  body: string | null;
  locale: string;
  html_url?: string;
  outdated: boolean;
  draft: boolean;
  updated_at: string;
  edited_at?: string;
}

interface ZendeskAttachment {
  id: number;
  article_id: number;
  file_name: string;
  content_url: string;
  content_type: string;
  inline: boolean;
}

/** Every page of one list (`articles.json`, `articles-2.json`, …) with each item's place in the export. */
function pages<T>(dir: string, stem: string, key: string): { item: T; place: string }[] {
  const files = readdirSync(dir)
    .filter((f) => f === `${stem}.json` || new RegExp(`^${stem}-\\d+\\.json$`).test(f))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return files.flatMap((file) =>
    ((JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, T[]>)[key] ?? []).map((item, i) => ({ item, place: `${file} $.${key}[${i}]` })),
  );
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

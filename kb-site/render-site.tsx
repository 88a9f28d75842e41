import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { fallbackChain, type Catalog, type CatalogEntry, type EntryPayload, type Manifest } from '../content/schema/index.ts';
import { localize } from '../content/schema/locale.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { ArticlePage } from './article-page.tsx';
import { ContactPage } from './contact-page.tsx';
import { FaqCategoryPage, FaqIndexPage, faqPages, type FaqItem } from './faq-page.tsx';
import { atomFeed } from './feed.ts';
import { HomePage } from './home-page.tsx';
import { buildIslands, buildServiceWorker } from './islands.ts';
import { FAVICON_URL, faviconSvg, STYLESHEET_URL, type LanguageLink } from './layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { offersContact, type KbSiteConfig, type PageContext, type SiteAssets } from './page-context.ts';
import { CategoryPage, ProductPage } from './product-page.tsx';
import { RootPage } from './root-page.tsx';
import { SearchPage } from './search-page.tsx';
import { planSite, type LocalePlan } from './site-plan.ts';
import { siteStrings } from './site-strings.ts';
import { categoryUrl, contactUrl, faqCategoryUrl, faqIndexUrl, feedUrl, fileOf, notFoundUrl, productUrl, searchUrl } from './site-urls.ts';
import { alternatesOf, robotsTxt, sitemapXml } from './sitemap.ts';

export type { KbSiteConfig } from './page-context.ts';

/** Where the widget's loader is published (built by the widget, not by the KB site). */
export const WIDGET_SCRIPT_URL = '/widget/kotae.js';

/** What `renderSite` reads: the build's outputs for every locale, as plain data and one loader. */
export interface RenderSiteInput {
  /** The public site config (`data/site.json`; the full `SiteConfig` works too). */
  config: KbSiteConfig;
  manifest: Manifest;
  /** `data/<locale>/catalog.json` per locale code of the manifest. */
  catalogs: ReadonlyMap<string, Catalog>;
  /** `data/<locale>/entries/<id>.json` of an entry listed in that locale's catalog; called once per entry. */
  payload: (locale: string, id: string) => EntryPayload;
}

/**
 * Which part of the site to render, so locales can be rendered in parallel (e.g. one worker thread each):
 * `locales` limits the per-locale pages to those locales; `shared` (default true) adds the files that span
 * locales (root page, `/404.html`, stylesheet, scripts, service worker, sitemap, robots.txt). Every call
 * still needs every catalog, because pages link across locales.
 */
export interface RenderSiteOptions {
  locales?: readonly string[];
  shared?: boolean;
  /**
   * Only these entries' pages (and the FAQ list pages that show one of them) are rendered; the pages listing
   * entries are rendered as always. For the live preview, which keeps the other pages from its last build.
   */
  entries?: ReadonlySet<string>;
  /** Leave out the offline service worker (default: include it); the live preview serves one that caches nothing. */
  serviceWorker?: boolean;
  /**
   * Entry pages are handed here unrendered instead of to `emit`: the live preview renders a page when it is
   * asked for, so a large site starts quickly and holds only the pages a writer opened.
   */
  deferEntryPage?: (file: string, render: () => string) => void;
}

/** The stylesheet every page links to, as shipped beside this module. */
export const SITE_CSS_FILE = new URL('./site.css', import.meta.url);

/**
 * Renders the static KB site. Returns file contents keyed by path relative to the output folder, in a
 * stable order. See `renderSiteTo`.
 */
export function renderSite(input: RenderSiteInput, options: RenderSiteOptions = {}): Map<string, string> {
  const files = new Map<string, string>();
  renderSiteTo(input, (file, content) => files.set(file, content), options);
  return files;
}

/**
 * Renders the static KB site and hands each file to `emit` as soon as it is ready (pages are never held
 * all at once; a payload is read when its page is rendered). Per locale: home (`<locale>/index.html`),
 * product and category pages (`<locale>/products/<product>/[<category>/]`), the FAQ collection by category
 * (`<locale>/faqs/…`), one page per catalog entry at its URL, search, contact, `404.html` and an Atom feed
 * (`feed.xml`). Shared: `/index.html` (language chooser), `/404.html`, `assets/site.css` and `favicon.svg` (with the
 * brand colour), the content-hashed island scripts, `sw.js`, `sitemap.xml` and `robots.txt`. Output is
 * byte-identical for identical input. Pages need no JavaScript; their only scripts are external modules,
 * the widget loader and JSON-LD data. Throws when a locale of the manifest has no catalog.
 */
export function renderSiteTo(input: RenderSiteInput, emit: (file: string, content: string) => void, options: RenderSiteOptions = {}): void {
  const { config, manifest, catalogs } = input;
  const base = config.site.baseUrl;
  const absolute = (url: string) => new URL(url.replace(/^\//, ''), base).href;
  const plans = planSite(config, manifest, catalogs);
  const islands = buildIslands();
  const assets: SiteAssets = {
    stylesheet: STYLESHEET_URL,
    themeScript: islands.themeScript,
    siteScript: islands.siteScript,
    searchScript: islands.searchScript,
    widgetScript: WIDGET_SCRIPT_URL,
  };
  const contextFor = (locale: string, dir: 'ltr' | 'rtl'): PageContext => {
    const chain = fallbackChain(config, locale);
    const strings = siteStrings(chain);
    const announcements = manifest.locales.find((l) => l.code === locale)?.announcements;
    return {
      ...(announcements !== undefined && { announcements: `/${announcements}` }),
      config,
      locale,
      dir,
      chain,
      t: strings.t,
      parts: strings.parts,
      text: (value) => localize(value, locale, chain),
      absolute,
      assets,
      logo: manifest.logo ? `/${manifest.logo}` : FAVICON_URL,
      alternates: (suffix) => alternatesOf(plans, manifest.defaultLocale, suffix, absolute),
    };
  };
  const homes: LanguageLink[] = manifest.locales.map((l) => ({ locale: l.code, name: l.name, url: localeHomeUrl(l.code), current: false }));
  const defaultLocale = manifest.locales.find((l) => l.code === manifest.defaultLocale) ?? manifest.locales[0];
  if (!defaultLocale) throw new Error('renderSite: the manifest lists no locales');

  const wanted = options.locales ? new Set(options.locales) : undefined;
  for (const locale of manifest.locales) {
    if (wanted && !wanted.has(locale.code)) continue;
    const plan = plans.get(locale.code);
    const catalog = catalogs.get(locale.code);
    if (!plan || !catalog) throw new Error(`renderSite: no catalog for locale "${locale.code}"`);
    renderLocale(input, contextFor(locale.code, locale.dir), plan, catalog, homes, emit, options);
  }

  if (options.shared === false) return;
  const rootCtx = contextFor(defaultLocale.code, defaultLocale.dir);
  const css = stylesheet(config);
  const favicon = faviconSvg(config.site.colors.primary);
  // The shared pages and files list no entries: with `entries`, only the sitemap (dates) is written again.
  if (!options.entries) {
    emit('index.html', page(<RootPage ctx={rootCtx} languages={homes} />));
    emit('404.html', page(<NotFoundPage ctx={rootCtx} homes={homes} />));
    emit(STYLESHEET_URL.slice(1), css);
    emit(FAVICON_URL.slice(1), favicon);
    for (const file of islands.files) emit(file.path, file.content);
  }
  // The live preview's edits leave the sitemap as it was: its dates may lag until the next full render.
  if (options.entries) return;
  const lastmods = new Map<string, string>();
  for (const catalog of catalogs.values()) for (const e of catalog.entries) if (!e.fallbackFrom) lastmods.set(e.url, e.updated);
  emit(
    'sitemap.xml',
    sitemapXml(plans, manifest.defaultLocale, absolute, (locale, suffix) => lastmods.get(`/${locale}/${suffix}`)),
  );
  emit('robots.txt', robotsTxt(absolute));
  if (options.serviceWorker === false) return;
  // Precached shell: one revision for the pages (content, styles, scripts and templates), hashed assets by name.
  const revision = hash([manifest.contentHash, css, ...islands.files.map((f) => f.path), templatesHash()].join('\n'));
  const precache = [
    { url: STYLESHEET_URL, revision: hash(css) },
    { url: FAVICON_URL, revision: hash(favicon) },
    ...islands.files.map((f) => ({ url: `/${f.path}`, revision: hash(f.content) })),
    ...manifest.locales.flatMap((l) =>
      [localeHomeUrl(l.code), searchUrl(l.code), ...(offersContact(config) ? [contactUrl(l.code)] : []), notFoundUrl(l.code)].map((url) => ({ url, revision })),
    ),
  ];
  const sw = buildServiceWorker(precache);
  emit(sw.path, sw.content);
}

function renderLocale(
  input: RenderSiteInput,
  ctx: PageContext,
  plan: LocalePlan,
  catalog: Catalog,
  homes: readonly LanguageLink[],
  emit: (file: string, content: string) => void,
  options: RenderSiteOptions,
): void {
  const { locale } = ctx;
  const only = options.entries;
  const languages = homes.map((h) => ({ ...h, current: h.locale === locale }));
  emit(`${locale}/index.html`, page(<HomePage ctx={ctx} plan={plan} entries={catalog.entries} languages={languages} />));
  // With `only`, a list page is rendered when it lists one of those entries.
  const lists = (group: readonly CatalogEntry[]) => !only || group.some((e) => only.has(e.id));
  for (const product of plan.products) {
    if (!product.categories.some((c) => lists(c.entries))) continue;
    emit(fileOf(productUrl(locale, product.id)), page(<ProductPage ctx={ctx} product={product} homes={homes} />));
    for (const category of product.categories)
      if (lists(category.entries))
        emit(fileOf(categoryUrl(locale, product.id, category.id)), page(<CategoryPage ctx={ctx} product={product} category={category} homes={homes} />));
  }
  if (plan.faqs.length && plan.faqs.some((c) => lists(c.entries)))
    emit(fileOf(faqIndexUrl(locale)), page(<FaqIndexPage ctx={ctx} faqs={plan.faqs} homes={homes} />));

  // Entry pages, one category at a time: the category's FAQ answers are kept only until its FAQ list
  // pages are written, so memory stays bounded by the largest category, not the site.
  const fallbacks = new Map(catalog.entries.map((e) => [e.id, e.fallbackFrom]));
  const languageOf = (id: string) => fallbacks.get(id);
  const byCategory = new Map<string, CatalogEntry[]>();
  for (const line of catalog.entries) {
    const own = byCategory.get(line.category);
    if (own) own.push(line);
    else byCategory.set(line.category, [line]);
  }
  const faqGroups = new Map(plan.faqs.map((g) => [g.id, g]));
  // The plan keeps entries of no or an unknown product under `undefined`, as the article page does.
  const productOf = (id: string | undefined) => plan.products.find((p) => p.id === id) ?? plan.products.find((p) => p.id === undefined);
  for (const [category, lines] of byCategory) {
    if (only && !lines.some((line) => only.has(line.id))) continue;
    const answers = new Map<string, string>();
    for (const line of lines) {
      if (only && !only.has(line.id) && line.type !== 'faq') continue;
      const entry = input.payload(locale, line.id);
      const render = () => page(<ArticlePage ctx={ctx} entry={entry} languageOf={languageOf} product={productOf(entry.product)} />);
      if (entry.type === 'faq') answers.set(entry.id, entry.html);
      if (only && !only.has(line.id)) continue;
      if (options.deferEntryPage) options.deferEntryPage(fileOf(entry.url), render);
      else emit(fileOf(entry.url), render());
    }
    const group = faqGroups.get(category);
    if (!group) continue;
    const pages = faqPages(group.entries.map((entry): FaqItem => ({ entry, html: answers.get(entry.id) ?? '' })));
    pages.forEach((items, i) =>
      emit(
        fileOf(faqCategoryUrl(locale, category, i + 1)),
        page(<FaqCategoryPage ctx={ctx} category={category} items={items} page={i + 1} pages={pages.length} homes={homes} />),
      ),
    );
  }

  if (only) {
    emit(fileOf(feedUrl(locale)), feedOf(ctx, catalog));
    return;
  }
  const indexUrl = `/${input.manifest.locales.find((l) => l.code === locale)?.searchIndex ?? `data/${locale}/search/manifest.json`}`;
  emit(fileOf(searchUrl(locale)), page(<SearchPage ctx={ctx} plan={plan} indexUrl={indexUrl} homes={homes} />));
  if (offersContact(ctx.config)) emit(fileOf(contactUrl(locale)), page(<ContactPage ctx={ctx} homes={homes} />));
  emit(fileOf(notFoundUrl(locale)), page(<NotFoundPage ctx={ctx} homes={homes} />));
  emit(fileOf(feedUrl(locale)), feedOf(ctx, catalog));
}

function feedOf(ctx: PageContext, catalog: Catalog): string {
  const { locale } = ctx;
  const siteName = ctx.text(ctx.config.site.name);
  return atomFeed({
    locale,
    title: ctx.t('feed.title', { site: siteName }),
    siteName,
    entries: catalog.entries,
    absolute: ctx.absolute,
    feedUrl: feedUrl(locale),
    homeUrl: localeHomeUrl(locale),
  });
}

/** site.css plus the site's brand colour, which only decorates (a bar), so any colour keeps text readable. */
function stylesheet(config: KbSiteConfig): string {
  const brand = config.site.colors.primary;
  const css = readFileSync(SITE_CSS_FILE, 'utf8');
  return /^#[0-9a-fA-F]{3,6}$/.test(brand) ? `${css}\n:root {\n  --brand: ${brand};\n}\n` : css;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

let templates: string | undefined;
/** Hash of the page templates, so a template change alone still refreshes the precached shell. */
function templatesHash(): string {
  if (templates) return templates;
  const dir = new URL('./', import.meta.url);
  const names = readdirSync(dir)
    .filter((n) => /\.tsx?$/.test(n))
    .sort();
  templates = hash(names.map((n) => readFileSync(new URL(n, dir), 'utf8')).join('\n'));
  return templates;
}

function page(vnode: VNode): string {
  return `<!doctype html>\n${renderToString(vnode)}\n`;
}

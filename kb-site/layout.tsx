import type { ComponentChildren } from 'preact';
import { localeHomeUrl } from '../content/urls.ts';
import { breadcrumbList, JsonLd, type JsonLdObject } from './json-ld.tsx';
import { offersContact, type PageContext } from './page-context.ts';
import { contactUrl, faqIndexUrl, feedUrl, searchUrl } from './site-urls.ts';

/** Root-relative URL of the one stylesheet every page links to (the renderer emits it there). */
export const STYLESHEET_URL = '/assets/site.css';

/** Root-relative URL of the site icon (the renderer emits it in the brand colour). */
export const FAVICON_URL = '/favicon.svg';

/** The site icon: a question mark in a rounded square of the brand colour. */
export function faviconSvg(brand: string): string {
  const fill = /^#[0-9a-fA-F]{3,6}$/.test(brand) ? brand : '#0b5cad';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${fill}"/><path d="M11.5 12.2a4.5 4.5 0 1 1 6.6 4c-1.3.7-2.1 1.5-2.1 3v.8" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/><circle cx="16" cy="24.5" r="1.9" fill="#fff"/></svg>\n`;
}

/** One entry of the language switcher. */
export interface LanguageLink {
  locale: string;
  /** The language's own name ("日本語", "English"). */
  name: string;
  url: string;
  current: boolean;
}

/** What a page puts in its `<head>`. */
export interface PageHead {
  title: string;
  description?: string | undefined;
  /** Absolute URL. */
  canonical?: string | undefined;
  /** `<link rel=alternate hreflang>` targets, absolute URLs. */
  hreflang?: readonly { locale: string; href: string }[];
  /** OpenGraph type: `article` for entries, `website` otherwise. */
  ogType?: 'website' | 'article';
  /** Structured data, one `<script type="application/ld+json">` each. */
  jsonLd?: readonly JsonLdObject[];
  /** Keep the page out of search engines (404 pages). */
  noindex?: boolean;
  /** Module scripts of this page's islands (root-relative URLs). */
  modules?: readonly string[];
  /** Data an island fetches first, fetched while the page still parses (root-relative URLs). */
  preloadData?: readonly string[];
}

export interface LayoutProps {
  ctx: PageContext;
  head: PageHead;
  homeUrl: string;
  languages?: readonly LanguageLink[];
  /** Whether the header carries a search box (not on the search page itself, nor the root chooser). */
  headerSearch?: boolean;
  /** Whether the page loads the widget and the site script (not the root language chooser). */
  widget?: boolean;
  /** The product's navigation (doc-nav.tsx `Sidebar`): a column at desktop widths, in the menu on phones. */
  sidebar?: ComponentChildren;
  /**
   * Whether the page shows the announcements banner: not the search page, which lists the ones a query is
   * about among its results (and where the banner would push "Didn't find your answer?" below a phone's fold).
   */
  banner?: boolean;
  /** The product the page is about: its announcements banner shows only those about it or about every product. */
  product?: string | undefined;
  children: ComponentChildren;
}

/**
 * The layout of a page every locale has at the same place under its home (product, category, FAQ, search,
 * contact pages): the language switcher leads to the same page in the locales that have it, and the canonical
 * URL and hreflang alternates are this page's. `alternates: false` leaves hreflang out (the search page).
 * `crumbs` are shown above the content and given to search engines as a BreadcrumbList (before the page's
 * own structured data); the last crumb is this page.
 */
export function LocalePageLayout({
  ctx,
  homes,
  url,
  head,
  crumbs,
  alternates = true,
  headerSearch,
  banner,
  sidebar,
  product,
  children,
}: {
  ctx: PageContext;
  homes: readonly LanguageLink[];
  /** Root-relative URL of the page in this locale. */
  url: string;
  head: Omit<PageHead, 'canonical' | 'hreflang'>;
  crumbs?: readonly Crumb[];
  alternates?: boolean;
  headerSearch?: boolean;
  banner?: boolean;
  sidebar?: ComponentChildren;
  product?: string | undefined;
  children: ComponentChildren;
}) {
  const home = localeHomeUrl(ctx.locale);
  const suffix = url.slice(home.length);
  const jsonLd = crumbs ? [breadcrumbList(crumbs.map((c) => ({ name: c.name, url: ctx.absolute(c.url ?? url) }))), ...(head.jsonLd ?? [])] : head.jsonLd;
  return (
    <Layout
      ctx={ctx}
      homeUrl={home}
      languages={pageLanguages(ctx, homes, suffix)}
      {...(headerSearch !== undefined && { headerSearch })}
      {...(banner !== undefined && { banner })}
      sidebar={sidebar}
      product={product}
      head={{ ...head, ...(jsonLd && { jsonLd }), canonical: ctx.absolute(url), ...(alternates && { hreflang: ctx.alternates(suffix) }) }}
    >
      {crumbs ? <Breadcrumbs ctx={ctx} crumbs={crumbs} /> : null}
      {children}
    </Layout>
  );
}

/** The languages a locale-level page exists in, for the switcher (the locale's home where it does not). */
function pageLanguages(ctx: PageContext, homes: readonly LanguageLink[], suffix: string): LanguageLink[] {
  const present = new Set(ctx.alternates(suffix).map((a) => a.locale));
  return homes.map((h) => ({ ...h, url: present.has(h.locale) || h.locale === ctx.locale ? `${h.url}${suffix}` : h.url, current: h.locale === ctx.locale }));
}

const ogLocales = new Map<string, string>();
/** `ja` → `ja_JP`, `en` → `en_US`: the language_TERRITORY form OpenGraph expects. */
function ogLocale(code: string): string {
  let value = ogLocales.get(code);
  if (value !== undefined) return value;
  try {
    const full = new Intl.Locale(code).maximize();
    value = full.region ? `${full.language}_${full.region}` : full.language;
  } catch {
    value = code.replace('-', '_');
  }
  ogLocales.set(code, value);
  return value;
}

/**
 * Where the islands send anonymous self-service events (the intake's `/v1/events`, from the site config's
 * `intake.url`) and whether they heed privacy signals; absent when the site turns insights off, and then
 * the islands send nothing (kb-site/islands/kb-analytics.ts).
 */
function InsightsMeta({ config }: { config: LayoutProps['ctx']['config'] }) {
  if (!config.intake || !config.insights?.enabled) return null;
  return <meta name="kotae-insights" content={config.intake.url} data-respect-privacy-signals={String(config.insights.respectPrivacySignals)} />;
}

/**
 * The document every KB page shares: head tags (canonical, hreflang, OpenGraph, feed, JSON-LD), skip link,
 * header with site name, search box and (phones) menu button, the menu (language switcher, theme switch
 * and the page's sidebar: beside the page at desktop widths, folded behind the button on phones), the
 * page's `<main>`, the "updated content" prompt (shown by the site script), and a footer. Scripts are
 * external only (strict CSP): the blocking theme script, the widget loader, the site module and the page's
 * islands; reading a page needs none of them.
 */
export function Layout({ ctx, head, homeUrl, languages = [], headerSearch = true, widget = true, banner = true, sidebar, product, children }: LayoutProps) {
  const { t, locale, dir } = ctx;
  const siteName = ctx.text(ctx.config.site.name);
  const alternates = (head.hreflang ?? []).filter((a) => a.locale !== 'x-default' && a.locale !== locale);
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.noindex ? <meta name="robots" content="noindex" /> : null}
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content={ctx.config.site.colors.primary} />
        {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
        {(head.hreflang ?? []).map((alt) => (
          <link rel="alternate" hreflang={alt.locale} href={alt.href} />
        ))}
        {widget ? <link rel="alternate" type="application/atom+xml" title={t('feed.title', { site: siteName })} href={feedUrl(locale)} /> : null}
        <link rel="icon" href={FAVICON_URL} type="image/svg+xml" />
        {(head.preloadData ?? []).map((href) => (
          <link rel="preload" href={href} as="fetch" crossorigin="anonymous" />
        ))}
        {/* Before the stylesheet, so the stored scheme is set before anything is painted (islands/theme.ts). */}
        <script src={ctx.assets.themeScript} />
        <link rel="stylesheet" href={ctx.assets.stylesheet} />
        <meta property="og:type" content={head.ogType ?? 'website'} />
        <meta property="og:site_name" content={siteName} />
        <meta property="og:title" content={head.title} />
        {head.description ? <meta property="og:description" content={head.description} /> : null}
        {head.canonical ? <meta property="og:url" content={head.canonical} /> : null}
        <meta property="og:locale" content={ogLocale(locale)} />
        {alternates.map((a) => (
          <meta property="og:locale:alternate" content={ogLocale(a.locale)} />
        ))}
        <meta name="twitter:card" content="summary" />
        {(head.jsonLd ?? []).map((data) => (
          <JsonLd data={data} />
        ))}
        {widget ? <script type="module" src={ctx.assets.siteScript} /> : null}
        {(head.modules ?? []).map((src) => (
          <script type="module" src={src} />
        ))}
        {/* The widget's loader is added by the site script once the page has loaded (see islands/site.ts). */}
        {widget ? <meta name="kotae-widget" content={ctx.assets.widgetScript} data-locale={locale} /> : null}
        <InsightsMeta config={ctx.config} />
      </head>
      <body class={sidebar ? 'has-sidebar' : undefined}>
        <a class="skip-link" href="#kb-main">
          {t('skipLink')}
        </a>
        <header class="site-header">
          <a class="site-name" href={homeUrl}>
            {siteName}
          </a>
          {headerSearch ? <SearchBox ctx={ctx} id="kb-header-q" compact /> : null}
          <MenuButton ctx={ctx} />
        </header>
        <div class="site-menu" id="kb-menu">
          <section class="site-tools" aria-label={t('nav.settings')}>
            {languages.length > 1 ? <LanguageSwitcher ctx={ctx} languages={languages} /> : null}
            <ThemeSwitch ctx={ctx} />
          </section>
          {sidebar}
        </div>
        <main id="kb-main" tabindex={-1}>
          {/* Inside <main>, above the page: the desktop grid places body's children by name. */}
          {widget && ctx.announcements ? <AnnouncementsBanner ctx={ctx} src={ctx.announcements} product={product} banner={banner} /> : null}
          {children}
        </main>
        {widget ? (
          <div class="update-prompt" id="kb-update" role="status" hidden>
            <p>{t('update.message')}</p>
            <button type="button" class="button" id="kb-update-reload">
              {t('update.reload')}
            </button>
          </div>
        ) : null}
        <footer class="site-footer">
          {widget ? (
            <nav aria-label={t('footer.label')}>
              <ul class="footer-links">
                <li>
                  <a href={homeUrl}>{t('home')}</a>
                </li>
                <li>
                  <a href={faqIndexUrl(locale)}>{t('faq.title')}</a>
                </li>
                {offersContact(ctx.config) ? (
                  <li>
                    <a href={contactUrl(locale)}>{t('contact.title')}</a>
                  </li>
                ) : null}
                <li>
                  <a href={feedUrl(locale)} type="application/atom+xml">
                    {t('feed.link')}
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}
          <p>{siteName}</p>
        </footer>
      </body>
    </html>
  );
}

/**
 * Where the site script shows the announcements that are running now (islands/announcements.ts): the
 * times are checked in the browser, so an ended one goes without a rebuild. Hidden until there is one to
 * show, and without scripts (an announcement past its end must not stay up).
 */
function AnnouncementsBanner({ ctx, src, product, banner }: { ctx: PageContext; src: string; product: string | undefined; banner: boolean }) {
  const { t } = ctx;
  return (
    <section
      class="announcements"
      id="kb-announcements"
      aria-label={t('announcements.label')}
      hidden
      data-src={src}
      data-product={product}
      data-severity={JSON.stringify({
        info: t('announcements.severity.info'),
        maintenance: t('announcements.severity.maintenance'),
        incident: t('announcements.severity.incident'),
      })}
      data-dismiss={t('announcements.dismiss')}
      // The search page: the element only tells the search island where the announcements are; it stays hidden.
      data-banner={banner ? undefined : 'off'}
    />
  );
}

/**
 * A search form that works without JavaScript: a GET to the locale's search page with `?q=`, where the
 * search island takes over.
 */
export function SearchBox({ ctx, id, compact = false, autofocus = false }: { ctx: PageContext; id: string; compact?: boolean; autofocus?: boolean }) {
  const { t, locale } = ctx;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <form role="search"> is the landmark every screen reader knows; <search> is too new
    <form class={compact ? 'search-box search-box-compact' : 'search-box'} role="search" action={searchUrl(locale)} method="get">
      <label for={id} class={compact ? 'visually-hidden' : undefined}>
        {t('search.label')}
      </label>
      <span class="search-row">
        <input
          type="search"
          id={id}
          name="q"
          enterkeyhint="search"
          autocomplete="off"
          placeholder={t('search.placeholder')}
          autofocus={autofocus || undefined}
        />
        <button type="submit" class="button">
          {t('search.submit')}
        </button>
      </span>
    </form>
  );
}

/**
 * Opens the menu on phones (islands/nav-menu.ts); hidden at desktop widths, where the menu's contents are
 * laid out beside the page, and without scripts, which it needs.
 */
function MenuButton({ ctx }: { ctx: PageContext }) {
  return (
    <button type="button" class="menu-button" id="kb-menu-button" aria-expanded="false" aria-controls="kb-menu">
      <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
        <path d="M3 6h18M3 12h18M3 18h18" stroke="currentColor" stroke-width="2" stroke-linecap="round" fill="none" />
      </svg>
      <span>{ctx.t('nav.menu')}</span>
    </button>
  );
}

/**
 * Light, dark or the system's scheme, remembered in this browser (islands/theme-switch.ts). Shown only
 * when scripts run (the theme script marks `<html data-theme>`), since it does nothing without them.
 */
function ThemeSwitch({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="theme-switch">
      <label for="kb-theme">{t('theme.label')}</label>
      <select id="kb-theme">
        <option value="auto">{t('theme.auto')}</option>
        <option value="light">{t('theme.light')}</option>
        <option value="dark">{t('theme.dark')}</option>
      </select>
    </div>
  );
}

function LanguageSwitcher({ ctx, languages }: { ctx: PageContext; languages: readonly LanguageLink[] }) {
  return (
    <nav class="language-switcher" aria-label={ctx.t('languages')}>
      <ul>
        {languages.map((l) => (
          <li>
            <a href={l.url} lang={l.locale} hreflang={l.locale} aria-current={l.current ? 'page' : undefined}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One step of a breadcrumb trail; the current page has no `url`. */
export interface Crumb {
  name: string;
  url?: string | undefined;
}

/** Breadcrumbs: every crumb but the last links somewhere; the last is the current page. */
export function Breadcrumbs({ ctx, crumbs, lang }: { ctx: PageContext; crumbs: readonly Crumb[]; lang?: string | undefined }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('breadcrumbs')}>
      <ol>
        {crumbs.map((c, i) =>
          i === crumbs.length - 1 ? (
            <li aria-current="page" lang={lang}>
              {c.name}
            </li>
          ) : (
            <li>
              <a href={c.url}>{c.name}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}

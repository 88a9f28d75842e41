import type { EntryPayload } from '../content/schema/index.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { formatDate, languageName } from './format.ts';
import { interpolateParts } from './interpolate.ts';
import { Layout, type LanguageLink } from './layout.tsx';
import { categoryAnchor, productAnchor, type PageContext } from './page-context.ts';

/** A table of contents is shown only when an entry has at least this many headings. */
export const MIN_TOC_ITEMS = 3;

/**
 * The canonical URL of an entry page: its own URL, or for a page showing an untranslated entry in a
 * fallback language, the page of the language the text is really in (so search engines index it once).
 */
export function canonicalUrl(entry: EntryPayload): string {
  if (!entry.fallbackFrom) return entry.url;
  return entry.alternates.find((a) => a.locale === entry.fallbackFrom)?.url ?? entry.url;
}

/**
 * hreflang alternates of an entry: its real translations only (a fallback page is not a translation), plus
 * `x-default` at the default locale's page when the entry is written in it.
 */
export function hreflangLinks(ctx: PageContext, entry: EntryPayload): { locale: string; href: string }[] {
  const translated = entry.alternates.filter((a) => a.translated);
  const links = translated.map((a) => ({ locale: a.locale, href: ctx.absolute(a.url) }));
  const inDefault = translated.find((a) => a.locale === ctx.config.locales.default);
  if (inDefault) links.push({ locale: 'x-default', href: ctx.absolute(inDefault.url) });
  return links;
}

/**
 * One entry's page: breadcrumbs, fallback and stale notices, title, summary, table of contents, the
 * build-sanitized body, last-updated date and related entries.
 */
export function ArticlePage({
  ctx,
  entry,
  languageOf = () => undefined,
}: {
  ctx: PageContext;
  entry: EntryPayload;
  /** The language another entry is shown in on this locale's pages, when it is not the locale's own. */
  languageOf?: (id: string) => string | undefined;
}) {
  const { config, locale, t } = ctx;
  const siteName = ctx.text(config.site.name);
  const home = localeHomeUrl(locale);
  const contentLocale = entry.fallbackFrom ?? locale;
  const contentDir = config.locales.available.find((l) => l.code === contentLocale)?.dir ?? ctx.dir;
  const nameOf = (code: string) =>
    languageName(code, locale, config.locales.available.find((l) => l.code === code)?.name ?? code);
  const product = config.products.find((p) => p.id === entry.product);
  const category = config.categories.find((c) => c.id === entry.category);
  const languages: LanguageLink[] = entry.alternates.map((a) => ({
    locale: a.locale,
    name: config.locales.available.find((l) => l.code === a.locale)?.name ?? a.locale,
    url: a.url,
    current: a.locale === locale,
  }));
  const updated = (
    <time datetime={entry.updated}>{formatDate(entry.updated, locale)}</time>
  );
  return (
    <Layout
      lang={locale}
      dir={ctx.dir}
      t={t}
      siteName={siteName}
      homeUrl={home}
      languages={languages}
      head={{
        title: `${entry.title} | ${siteName}`,
        description: entry.summary ?? entry.title,
        canonical: ctx.absolute(canonicalUrl(entry)),
        hreflang: hreflangLinks(ctx, entry),
      }}
    >
      <nav class="breadcrumbs" aria-label={t('breadcrumbs')}>
        <ol>
          <li>
            <a href={home}>{t('home')}</a>
          </li>
          <li>
            <a href={`${home}#${productAnchor(product?.id)}`}>{product ? ctx.text(product.name) : t('general')}</a>
          </li>
          <li>
            <a href={`${home}#${categoryAnchor(product?.id, entry.category)}`}>{category ? ctx.text(category.name) : entry.category}</a>
          </li>
          <li aria-current="page" lang={entry.fallbackFrom}>
            {entry.title}
          </li>
        </ol>
      </nav>
      {entry.fallbackFrom ? (
        <p class="notice notice-fallback" role="note">
          {t('fallback.notice', { language: nameOf(locale), source: nameOf(entry.fallbackFrom) })}
        </p>
      ) : null}
      {entry.stale ? (
        <p class="notice notice-stale" role="note">
          {t('stale.notice', { source: nameOf(entry.stale.sourceLocale), date: formatDate(entry.stale.sourceUpdated, locale) })}{' '}
          <a href={entry.stale.sourceUrl} hreflang={entry.stale.sourceLocale}>
            {t('stale.link', { source: nameOf(entry.stale.sourceLocale) })}
          </a>
        </p>
      ) : null}
      <article class={`entry entry-${entry.type}`} lang={contentLocale} dir={contentDir}>
        <header class="entry-header">
          <p class="entry-type" lang={locale}>
            {t(`type.${entry.type}`)}
          </p>
          <h1>{entry.title}</h1>
          {entry.summary ? <p class="summary">{entry.summary}</p> : null}
        </header>
        {entry.toc.length >= MIN_TOC_ITEMS ? (
          <nav class="toc" aria-labelledby="kb-toc-title">
            <h2 id="kb-toc-title" lang={locale}>
              {t('onThisPage')}
            </h2>
            <ol>
              {entry.toc.map((item) => (
                <li class={`toc-depth-${item.depth}`}>
                  <a href={`#${item.id}`}>{item.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div class="entry-body" dangerouslySetInnerHTML={{ __html: entry.html }} />
        <footer class="entry-footer" lang={locale}>
          <p class="updated">{interpolateParts(t('lastUpdated'), { date: updated })}</p>
        </footer>
      </article>
      {entry.related.length ? (
        <section class="related" aria-labelledby="kb-related-title">
          <h2 id="kb-related-title">{t('related')}</h2>
          <ul>
            {entry.related.map((ref) => (
              <li>
                <a href={ref.url} lang={languageOf(ref.id)}>
                  {ref.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

import type { CatalogEntry } from '../content/schema/index.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { countText, EntryList } from './entry-list.tsx';
import { organization } from './json-ld.tsx';
import { Layout, SearchBox, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import type { LocalePlan } from './site-plan.ts';
import { faqIndexUrl, productUrl } from './site-urls.ts';

/** How many entries the home page features, and how many recently updated ones it lists. */
export const FEATURED = 8;
export const RECENT = 6;

/**
 * Entries a writer put first (lowest `order`), then the most recently updated: the home page's featured
 * list. Only real translations are featured when there are enough of them.
 */
export function featuredEntries(entries: readonly CatalogEntry[], count = FEATURED): CatalogEntry[] {
  const sorted = [...entries].sort(
    (a, b) =>
      Number(Boolean(a.fallbackFrom)) - Number(Boolean(b.fallbackFrom)) ||
      (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) ||
      (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0) ||
      (a.id < b.id ? -1 : 1),
  );
  return sorted.slice(0, count);
}

/** The most recently updated entries that are real translations, newest first. */
export function recentEntries(entries: readonly CatalogEntry[], count: number): CatalogEntry[] {
  return entries
    .filter((e) => !e.fallbackFrom)
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, count);
}

/** A product's name, or "General" for entries of no product. */
export function productName(ctx: PageContext, id: string | undefined): string {
  const product = id ? ctx.config.products.find((p) => p.id === id) : undefined;
  return product ? ctx.text(product.name) : ctx.t('general');
}

/** A category's name (its id when the config does not know it). */
export function categoryName(ctx: PageContext, id: string): string {
  const category = ctx.config.categories.find((c) => c.id === id);
  return category ? ctx.text(category.name) : id;
}

/** A locale's home page: site name, tagline, search box, products, featured and recently updated entries. */
export function HomePage({
  ctx,
  plan,
  entries,
  languages,
}: {
  ctx: PageContext;
  plan: LocalePlan;
  entries: readonly CatalogEntry[];
  languages: readonly LanguageLink[];
}) {
  const { config, locale, t } = ctx;
  const siteName = ctx.text(config.site.name);
  const tagline = config.site.tagline ? ctx.text(config.site.tagline) : undefined;
  const home = localeHomeUrl(locale);
  const recent = recentEntries(entries, RECENT);
  return (
    <Layout
      ctx={ctx}
      homeUrl={home}
      languages={languages}
      headerSearch={false}
      head={{
        title: siteName,
        description: tagline ?? siteName,
        canonical: ctx.absolute(home),
        hreflang: ctx.alternates(''),
        jsonLd: [
          {
            '@type': 'WebSite',
            name: siteName,
            url: ctx.absolute(home),
            inLanguage: locale,
            potentialAction: {
              '@type': 'SearchAction',
              target: `${ctx.absolute(home)}search/?q={search_term_string}`,
              'query-input': 'required name=search_term_string',
            },
            publisher: organization(ctx, siteName, home),
          },
        ],
      }}
    >
      <div class="home-intro">
        <h1>{siteName}</h1>
        {tagline ? <p class="tagline">{tagline}</p> : null}
        <SearchBox ctx={ctx} id="kb-home-q" />
      </div>
      <section aria-labelledby="kb-products-title">
        <h2 id="kb-products-title">{t('homePage.products')}</h2>
        <ul class="card-list">
          {plan.products.map((product) => {
            const config = product.id ? ctx.config.products.find((p) => p.id === product.id) : undefined;
            return (
              <li class="card">
                <a href={productUrl(locale, product.id)}>{productName(ctx, product.id)}</a>
                {config?.description ? <p>{ctx.text(config.description)}</p> : null}
                <p class="count">{countText(ctx, 'count.entries', product.count)}</p>
              </li>
            );
          })}
          {plan.faqs.length ? (
            <li class="card">
              <a href={faqIndexUrl(locale)}>{t('faq.title')}</a>
              <p>{t('faq.description')}</p>
              <p class="count">
                {countText(
                  ctx,
                  'count.questions',
                  plan.faqs.reduce((n, c) => n + c.entries.length, 0),
                )}
              </p>
            </li>
          ) : null}
        </ul>
      </section>
      <section aria-labelledby="kb-featured-title">
        <h2 id="kb-featured-title">{t('homePage.featured')}</h2>
        <EntryList ctx={ctx} entries={featuredEntries(entries)} />
      </section>
      {recent.length ? (
        <section aria-labelledby="kb-recent-title">
          <h2 id="kb-recent-title">{t('homePage.recent')}</h2>
          <EntryList ctx={ctx} entries={recent} summaries={false} />
        </section>
      ) : null}
    </Layout>
  );
}

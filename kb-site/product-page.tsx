import { localeHomeUrl } from '../content/urls.ts';
import { categoryName, productName } from './home-page.tsx';
import { countText, EntryList } from './entry-list.tsx';
import { breadcrumbList } from './json-ld.tsx';
import { Breadcrumbs, LocalePageLayout, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import type { CategoryGroup, ProductGroup } from './site-plan.ts';
import { categoryUrl, productUrl } from './site-urls.ts';

/** How many entries of each category a product page lists before linking to the category page. */
export const PRODUCT_PAGE_PER_CATEGORY = 6;

/** A product's page: its description and each category with its first entries and a link to the rest. */
export function ProductPage({ ctx, product, homes }: { ctx: PageContext; product: ProductGroup; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  const name = productName(ctx, product.id);
  const url = productUrl(locale, product.id);
  const config = product.id ? ctx.config.products.find((p) => p.id === product.id) : undefined;
  const description = config?.description ? ctx.text(config.description) : undefined;
  const crumbs = [{ name: t('home'), url: home }, { name }];
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      head={{
        title: `${name} | ${ctx.text(ctx.config.site.name)}`,
        description: description ?? name,
        jsonLd: [breadcrumbList(crumbs.map((c) => ({ name: c.name, url: c.url ? ctx.absolute(c.url) : ctx.absolute(url) })))],
      }}
    >
      <Breadcrumbs ctx={ctx} crumbs={crumbs} />
      <h1>{name}</h1>
      {description ? <p class="summary">{description}</p> : null}
      {product.categories.map((category) => (
        <section class="category" aria-labelledby={`kb-category-${category.id}`}>
          <h2 id={`kb-category-${category.id}`}>
            <a href={categoryUrl(locale, product.id, category.id)}>{categoryName(ctx, category.id)}</a>
          </h2>
          <EntryList ctx={ctx} entries={category.entries.slice(0, PRODUCT_PAGE_PER_CATEGORY)} summaries={false} />
          {category.entries.length > PRODUCT_PAGE_PER_CATEGORY ? (
            <p class="more">
              <a href={categoryUrl(locale, product.id, category.id)}>
                {countText(ctx, 'category.all', category.entries.length)}
                <span class="visually-hidden"> ({categoryName(ctx, category.id)})</span>
              </a>
            </p>
          ) : null}
        </section>
      ))}
    </LocalePageLayout>
  );
}

/** One category of one product: every entry, with summaries. */
export function CategoryPage({ ctx, product, category, homes }: { ctx: PageContext; product: ProductGroup; category: CategoryGroup; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  const pName = productName(ctx, product.id);
  const name = categoryName(ctx, category.id);
  const url = categoryUrl(locale, product.id, category.id);
  const config = ctx.config.categories.find((c) => c.id === category.id);
  const description = config?.description ? ctx.text(config.description) : undefined;
  const crumbs = [{ name: t('home'), url: home }, { name: pName, url: productUrl(locale, product.id) }, { name }];
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      head={{
        title: `${name} – ${pName} | ${ctx.text(ctx.config.site.name)}`,
        description: description ?? `${name} – ${pName}`,
        jsonLd: [breadcrumbList(crumbs.map((c) => ({ name: c.name, url: ctx.absolute(c.url ?? url) })))],
      }}
    >
      <Breadcrumbs ctx={ctx} crumbs={crumbs} />
      <h1>{name}</h1>
      {description ? <p class="summary">{description}</p> : null}
      <p class="count">{countText(ctx, 'count.entries', category.entries.length)}</p>
      <EntryList ctx={ctx} entries={category.entries} />
    </LocalePageLayout>
  );
}

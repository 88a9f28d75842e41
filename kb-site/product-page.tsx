import { localeHomeUrl } from '../content/urls.ts';
import { categoryName, productName } from './home-page.tsx';
import { Sidebar } from './doc-nav.tsx';
import { CategorySection, countText, EntryList } from './entry-list.tsx';
import { LocalePageLayout, type LanguageLink } from './layout.tsx';
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
      crumbs={crumbs}
      product={product.id}
      head={{
        title: `${name} | ${ctx.text(ctx.config.site.name)}`,
        description: description ?? name,
      }}
      sidebar={<Sidebar ctx={ctx} product={product} place={{}} />}
    >
      <h1>{name}</h1>
      {description ? <p class="summary">{description}</p> : null}
      {product.categories.map((category) => (
        <CategorySection
          ctx={ctx}
          id={`kb-category-${category.id}`}
          name={categoryName(ctx, category.id)}
          href={categoryUrl(locale, product.id, category.id)}
          entries={category.entries}
          limit={PRODUCT_PAGE_PER_CATEGORY}
          allKey="category.all"
        />
      ))}
    </LocalePageLayout>
  );
}

/** One category of one product: every entry, with summaries. */
export function CategoryPage({
  ctx,
  product,
  category,
  homes,
}: {
  ctx: PageContext;
  product: ProductGroup;
  category: CategoryGroup;
  homes: readonly LanguageLink[];
}) {
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
      crumbs={crumbs}
      product={product.id}
      head={{
        title: `${name} – ${pName} | ${ctx.text(ctx.config.site.name)}`,
        description: description ?? `${name} – ${pName}`,
      }}
      sidebar={<Sidebar ctx={ctx} product={product} place={{ category: category.id }} />}
    >
      <h1>{name}</h1>
      {description ? <p class="summary">{description}</p> : null}
      <p class="count">{countText(ctx, 'count.entries', category.entries.length)}</p>
      <EntryList ctx={ctx} entries={category.entries} />
    </LocalePageLayout>
  );
}

import type { CatalogEntry } from '../content/schema/index.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { Layout, type LanguageLink } from './layout.tsx';
import { categoryAnchor, productAnchor, type PageContext } from './page-context.ts';

interface CategoryGroup {
  id: string;
  name: string;
  entries: CatalogEntry[];
}
interface ProductGroup {
  id: string | undefined;
  name: string;
  categories: CategoryGroup[];
}

/**
 * Groups a locale's entries by product, then category, in the order of the site config; entries of no
 * (or an unknown) product come last under "General". Entries are ordered by `order`, then title.
 */
export function groupEntries(ctx: PageContext, entries: readonly CatalogEntry[]): ProductGroup[] {
  const { config } = ctx;
  const knownProducts = new Set(config.products.map((p) => p.id));
  const products: { id: string | undefined; name: string }[] = [
    ...config.products.map((p) => ({ id: p.id as string | undefined, name: ctx.text(p.name) })),
    { id: undefined, name: ctx.t('general') },
  ];
  const categoryOrder = config.categories.map((c) => c.id);
  const collator = new Intl.Collator(ctx.locale);
  const byOrder = (a: CatalogEntry, b: CatalogEntry) =>
    (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || collator.compare(a.title, b.title);

  const groups: ProductGroup[] = [];
  for (const product of products) {
    const own = entries.filter((e) =>
      product.id === undefined ? !e.product || !knownProducts.has(e.product) : e.product === product.id,
    );
    if (!own.length) continue;
    const categoryIds = [...new Set(own.map((e) => e.category))].sort(
      (a, b) => rank(categoryOrder, a) - rank(categoryOrder, b) || (a < b ? -1 : 1),
    );
    groups.push({
      id: product.id,
      name: product.name,
      categories: categoryIds.map((id) => {
        const category = config.categories.find((c) => c.id === id);
        return { id, name: category ? ctx.text(category.name) : id, entries: own.filter((e) => e.category === id).sort(byOrder) };
      }),
    });
  }
  return groups;
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

/** A locale's home page: site name, tagline and every entry, grouped by product then category. */
export function HomePage({ ctx, entries, languages }: { ctx: PageContext; entries: readonly CatalogEntry[]; languages: readonly LanguageLink[] }) {
  const { config, locale, t } = ctx;
  const siteName = ctx.text(config.site.name);
  const tagline = config.site.tagline ? ctx.text(config.site.tagline) : undefined;
  const home = localeHomeUrl(locale);
  return (
    <Layout
      lang={locale}
      dir={ctx.dir}
      t={t}
      siteName={siteName}
      homeUrl={home}
      languages={languages}
      head={{
        title: siteName,
        description: tagline,
        canonical: ctx.absolute(home),
        // x-default: the language chooser at the root, for readers whose language is not offered.
        hreflang: [...languages.map((l) => ({ locale: l.locale, href: ctx.absolute(l.url) })), { locale: 'x-default', href: ctx.absolute('/') }],
      }}
    >
      <div class="home-intro">
        <h1>{siteName}</h1>
        {tagline ? <p class="tagline">{tagline}</p> : null}
      </div>
      {groupEntries(ctx, entries).map((product) => (
        <section class="product" id={productAnchor(product.id)} aria-labelledby={`${productAnchor(product.id)}-title`}>
          <h2 id={`${productAnchor(product.id)}-title`}>{product.name}</h2>
          {product.categories.map((category) => (
            <section class="category" id={categoryAnchor(product.id, category.id)}>
              <h3>{category.name}</h3>
              <ul class="entry-list">
                {category.entries.map((entry) => (
                  <li>
                    <a href={entry.url} lang={entry.fallbackFrom}>
                      {entry.title}
                    </a>
                    <span class="entry-type">{t(`type.${entry.type}`)}</span>
                    {entry.summary ? (
                      <p class="entry-summary" lang={entry.fallbackFrom}>
                        {entry.summary}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </Layout>
  );
}

import type { CatalogEntry } from '../content/schema/index.ts';
import { countText } from './entry-list.tsx';
import { categoryName, productName } from './home-page.tsx';
import type { PageContext } from './page-context.ts';
import type { CategoryGroup, ProductGroup } from './site-plan.ts';
import { categoryUrl, productUrl } from './site-urls.ts';

/**
 * Entries a category shows in the sidebar. Every entry page carries the sidebar, so a category of
 * thousands would make the site quadratic in size; past this, a window around the current entry and a
 * link to the category page.
 */
export const SIDEBAR_PER_CATEGORY = 25;

/** Where the reader is in a product, for the sidebar: the current category and entry, when on one. */
export interface NavPlace {
  category?: string | undefined;
  entry?: string | undefined;
}

/**
 * The product's categories and their entries, the current page marked with `aria-current="page"`. A
 * column at desktop widths, inside the menu on phones (layout.tsx). Entries shown in another language
 * (untranslated fallbacks) carry that language.
 */
export function Sidebar({ ctx, product, place }: { ctx: PageContext; product: ProductGroup; place: NavPlace }) {
  const { locale, t } = ctx;
  const name = productName(ctx, product.id);
  return (
    <nav class="sidebar" aria-label={t('nav.sidebar', { product: name })}>
      <p class="sidebar-product">
        <a href={productUrl(locale, product.id)} aria-current={place.category === undefined && place.entry === undefined ? 'page' : undefined}>
          {name}
        </a>
      </p>
      <ul class="sidebar-categories">
        {product.categories.map((category) => {
          const shown = shownEntries(category.entries, place.category === category.id ? place.entry : undefined);
          const onCategoryPage = place.category === category.id && place.entry === undefined;
          return (
            <li>
              <a class="sidebar-category" href={categoryUrl(locale, product.id, category.id)} aria-current={onCategoryPage ? 'page' : undefined}>
                {categoryName(ctx, category.id)}
              </a>
              <ul class="sidebar-entries">
                {shown.map((e) => (
                  <li>
                    <a href={e.url} lang={e.fallbackFrom} aria-current={e.id === place.entry && place.category === category.id ? 'page' : undefined}>
                      {e.title}
                    </a>
                  </li>
                ))}
                {shown.length < category.entries.length ? (
                  <li>
                    <a class="sidebar-more" href={categoryUrl(locale, product.id, category.id)}>
                      {countText(ctx, 'category.all', category.entries.length)}
                    </a>
                  </li>
                ) : null}
              </ul>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** At most `SIDEBAR_PER_CATEGORY` entries: the first ones, or those around `current` when it is further on. */
function shownEntries(entries: readonly CatalogEntry[], current: string | undefined): readonly CatalogEntry[] {
  if (entries.length <= SIDEBAR_PER_CATEGORY) return entries;
  const at = current === undefined ? -1 : entries.findIndex((e) => e.id === current);
  const start = at < SIDEBAR_PER_CATEGORY ? 0 : Math.min(at - Math.floor(SIDEBAR_PER_CATEGORY / 2), entries.length - SIDEBAR_PER_CATEGORY);
  return entries.slice(start, start + SIDEBAR_PER_CATEGORY);
}

/** The entries before and after `id` in its category's reading order (the sidebar's order). */
export function neighbours(category: CategoryGroup | undefined, id: string): { previous?: CatalogEntry | undefined; next?: CatalogEntry | undefined } {
  const entries = category?.entries ?? [];
  const at = entries.findIndex((e) => e.id === id);
  if (at === -1) return {};
  return { previous: entries[at - 1], next: entries[at + 1] };
}

/** "Previous" / "Next" within the category, below an entry. Nothing when the entry is alone in it. */
export function Pager({ ctx, previous, next }: { ctx: PageContext; previous?: CatalogEntry | undefined; next?: CatalogEntry | undefined }) {
  if (!previous && !next) return null;
  const { t } = ctx;
  return (
    <nav class="pager" aria-label={t('nav.pager')}>
      {previous ? (
        <a class="pager-link pager-previous" href={previous.url} rel="prev">
          <span class="pager-hint">{t('nav.previous')}</span>
          <span class="pager-title" lang={previous.fallbackFrom}>
            {previous.title}
          </span>
        </a>
      ) : null}
      {next ? (
        <a class="pager-link pager-next" href={next.url} rel="next">
          <span class="pager-hint">{t('nav.next')}</span>
          <span class="pager-title" lang={next.fallbackFrom}>
            {next.title}
          </span>
        </a>
      ) : null}
    </nav>
  );
}

/**
 * Where the entry written in `sourcePath` (relative to the content folder) is edited, from the site
 * config's `site.editUrl`; undefined when the site names no repository.
 */
export function editUrl(ctx: PageContext, sourcePath: string | undefined): string | undefined {
  const template = ctx.config.site.editUrl;
  if (!template || !sourcePath) return undefined;
  return template.replace('{path}', sourcePath.split('/').map(encodeURIComponent).join('/'));
}

import { localeHomeUrl } from '../content/urls.ts';

/**
 * URLs of the KB site's own pages (entry URLs come from `content/urls.ts`), root-relative and ending in `/`
 * unless they name a file. Product and category pages live under `/products/` and the FAQ collection under
 * `/faqs/`, so they can never collide with an entry URL (`/faq/<id>/`, `/articles/<id>/`).
 */

/** Path segment of the group of entries that belong to no (or an unknown) product. */
export const GENERAL = 'general';

/** `/ja/products/camera/`; entries of no product: `/ja/products/general/` (product ids cannot hold "/"). */
export function productUrl(locale: string, product: string | undefined): string {
  return `${localeHomeUrl(locale)}products/${product ?? GENERAL}/`;
}

/** `/ja/products/camera/setup/`: one category of one product. */
export function categoryUrl(locale: string, product: string | undefined, category: string): string {
  return `${productUrl(locale, product)}${category}/`;
}

/** `/ja/faqs/`: every FAQ of the locale, grouped by category. */
export function faqIndexUrl(locale: string): string {
  return `${localeHomeUrl(locale)}faqs/`;
}

/** `/ja/faqs/billing/` (page 1) or `/ja/faqs/billing/2/`. */
export function faqCategoryUrl(locale: string, category: string, page = 1): string {
  return `${faqIndexUrl(locale)}${category}/${page > 1 ? `${page}/` : ''}`;
}

/** `/ja/search/`, or with a query `/ja/search/?q=…`. */
export function searchUrl(locale: string, query?: string): string {
  return `${localeHomeUrl(locale)}search/${query ? `?q=${encodeURIComponent(query)}` : ''}`;
}

/** `/ja/contact/`: how to reach support; what "Still need help?" links to without JavaScript. */
export function contactUrl(locale: string): string {
  return `${localeHomeUrl(locale)}contact/`;
}

/** `/ja/feed.xml`: Atom feed of the locale's recently updated entries. */
export function feedUrl(locale: string): string {
  return `${localeHomeUrl(locale)}feed.xml`;
}

/** `/ja/404.html`: the locale's "page not found" page (static hosts serve it for unknown paths). */
export function notFoundUrl(locale: string): string {
  return `${localeHomeUrl(locale)}404.html`;
}

/** Output file of a page URL: `/en/faq/x/` → `en/faq/x/index.html`, `/ja/404.html` → `ja/404.html`. */
export function fileOf(url: string): string {
  const clean = url.split(/[?#]/)[0] ?? '';
  if (!clean.startsWith('/') || clean.includes('..')) throw new Error(`renderSite: unexpected page URL "${url}"`);
  return clean.endsWith('/') ? `${clean.slice(1)}index.html` : clean.slice(1);
}

import type { SiteConfig } from '../content/schema/index.ts';
import { localize } from '../content/schema/locale.ts';
import type { Translate } from './site-strings.ts';

/** The public site config the KB site needs (what `data/site.json` holds is enough). */
export type KbSiteConfig = Pick<SiteConfig, 'site' | 'locales' | 'products' | 'categories'>;

/** Everything a page of one locale needs besides its own data. */
export interface PageContext {
  config: KbSiteConfig;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The locale, its fallbacks, then the default locale. */
  chain: readonly string[];
  t: Translate;
  /** Localizes config text (product, category and site names) for this locale. */
  text: (value: Parameters<typeof localize>[0]) => string;
  /** Absolute URL of a root-relative path, against the site's `baseUrl`. */
  absolute: (url: string) => string;
}

/** Anchor on a locale's home page of a product's section (`general` for entries of no product). */
export function productAnchor(product: string | undefined): string {
  return product ? `product-${product}` : 'general';
}

/** Anchor on a locale's home page of a category inside a product's section. */
export function categoryAnchor(product: string | undefined, category: string): string {
  return `${productAnchor(product)}-category-${category}`;
}

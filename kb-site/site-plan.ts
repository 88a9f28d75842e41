import type { Catalog, CatalogEntry, Manifest } from '../content/schema/index.ts';
import type { KbSiteConfig } from './page-context.ts';
import { GENERAL } from './site-urls.ts';

/** FAQ entries per page of a FAQ category list (each shows its answer). */
export const FAQS_PER_PAGE = 50;

/** One category of one product in one locale, with its entries in reading order. */
export interface CategoryGroup {
  id: string;
  entries: CatalogEntry[];
}

/** One product (or `undefined`: entries of no or an unknown product) in one locale. */
export interface ProductGroup {
  id: string | undefined;
  categories: CategoryGroup[];
  count: number;
}

/** What one locale's pages are, computed from its catalog alone (no payloads). */
export interface LocalePlan {
  locale: string;
  products: ProductGroup[];
  /** FAQ entries per category, in the config's category order, each list in reading order. */
  faqs: CategoryGroup[];
  /** Paths after `/<locale>/` of the pages listed in the sitemap (fallback pages are not). */
  listed: Set<string>;
}

/**
 * Plans every locale's page set from the catalogs: product and category groups in the config's order
 * (entries of no or an unknown product last), entries by `order` then title, FAQ groups, and which pages
 * are real (not fallbacks) and so advertised in the sitemap and hreflang. Plain data, so a renderer for
 * one locale can still link to the others.
 */
export function planSite(config: KbSiteConfig, manifest: Manifest, catalogs: ReadonlyMap<string, Catalog>): Map<string, LocalePlan> {
  const plans = new Map<string, LocalePlan>();
  for (const locale of manifest.locales) {
    const catalog = catalogs.get(locale.code);
    if (!catalog) throw new Error(`renderSite: no catalog for locale "${locale.code}" (expected data/${locale.code}/catalog.json)`);
    plans.set(locale.code, planLocale(config, locale.code, catalog.entries));
  }
  return plans;
}

function planLocale(config: KbSiteConfig, locale: string, entries: readonly CatalogEntry[]): LocalePlan {
  const knownProducts = new Set(config.products.map((p) => p.id));
  const categoryOrder = config.categories.map((c) => c.id);
  const collator = new Intl.Collator(locale);
  const byOrder = (a: CatalogEntry, b: CatalogEntry) =>
    (a.order ?? Number.MAX_SAFE_INTEGER) - (b.order ?? Number.MAX_SAFE_INTEGER) || collator.compare(a.title, b.title) || (a.id < b.id ? -1 : 1);
  const byCategory = (a: string, b: string) => rank(categoryOrder, a) - rank(categoryOrder, b) || (a < b ? -1 : a > b ? 1 : 0);
  const groupByCategory = (list: CatalogEntry[]): CategoryGroup[] => {
    const map = new Map<string, CatalogEntry[]>();
    for (const e of list) {
      const own = map.get(e.category);
      if (own) own.push(e);
      else map.set(e.category, [e]);
    }
    return [...map.keys()].sort(byCategory).map((id) => ({ id, entries: (map.get(id) ?? []).sort(byOrder) }));
  };

  const byProduct = new Map<string | undefined, CatalogEntry[]>();
  for (const e of entries) {
    const key = e.product && knownProducts.has(e.product) ? e.product : undefined;
    const own = byProduct.get(key);
    if (own) own.push(e);
    else byProduct.set(key, [e]);
  }
  const products: ProductGroup[] = [];
  for (const id of [...config.products.map((p) => p.id as string | undefined), undefined]) {
    const own = byProduct.get(id);
    if (own?.length) products.push({ id, categories: groupByCategory(own), count: own.length });
  }
  const faqs = groupByCategory(entries.filter((e) => e.type === 'faq'));

  const listed = new Set<string>(['', 'contact/']);
  for (const product of products) {
    listed.add(`products/${product.id ?? GENERAL}/`);
    for (const c of product.categories) listed.add(`products/${product.id ?? GENERAL}/${c.id}/`);
  }
  if (faqs.length) listed.add('faqs/');
  for (const c of faqs) for (let p = 1; p <= Math.ceil(c.entries.length / FAQS_PER_PAGE); p++) listed.add(`faqs/${c.id}/${p > 1 ? `${p}/` : ''}`);
  const prefix = `/${locale}/`;
  for (const e of entries) if (!e.fallbackFrom && e.url.startsWith(prefix)) listed.add(e.url.slice(prefix.length));
  return { locale, products, faqs, listed };
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i === -1 ? order.length : i;
}

import type { CatalogEntry } from '../content/schema/index.ts';
import type { KotaeContext } from './api.ts';

/**
 * The entries shown before the customer types, for the host's context: those matching the host's page (a
 * tag or resource), resource and product first, other products' entries last, each group in the site's
 * order (`order`, then catalog order).
 */
export function startEntries(catalog: readonly CatalogEntry[], context: KotaeContext, limit: number): CatalogEntry[] {
  const { product, resource, page } = context;
  const rank = (e: CatalogEntry) =>
    (page && (e.tags.includes(page) || e.resources.includes(page)) ? -4 : 0) +
    (resource && e.resources.includes(resource) ? -2 : 0) +
    (product ? (e.product === product ? -1 : e.product ? 1 : 0) : 0);
  return [...catalog].sort((a, b) => rank(a) - rank(b) || (a.order ?? 1e9) - (b.order ?? 1e9)).slice(0, limit);
}

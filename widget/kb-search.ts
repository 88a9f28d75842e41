import type { KotaeContext } from './api.ts';
import type { SearchResult } from '../search/index.ts';
import type { DataSource } from './data-source.ts';
import { loadEngine } from './engine-loader.ts';

/** One search as the views show it. */
export interface SearchOutcome {
  query: string;
  results: SearchResult[];
  answered: boolean;
}

/**
 * Searches the knowledge base of `locale` (its index and the engine chunk, both loaded on first use) and
 * asks the engine whether the results answer the query (the "nothing answers" model of search/gate.ts).
 */
export async function searchKnowledgeBase(data: DataSource, locale: string, query: string, context: KotaeContext): Promise<SearchOutcome> {
  const [index, { search, answers }] = await Promise.all([data.index(locale), loadEngine()]);
  const results = await search(index, query, { limit: 8, context });
  return { query, results, answered: answers(results, index).answered };
}

/**
 * Starts fetching the engine and the index of a locale, so that a search does not wait for them. Failures
 * are left to the search itself.
 */
export function warmKnowledgeBase(data: DataSource, locale: Promise<string>): void {
  void loadEngine().catch(() => {});
  void locale.then((code) => data.index(code)).catch(() => {});
}

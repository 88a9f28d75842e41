/**
 * What the console shows, kept in the page's URL (`/admin/?state=waiting&q=…&inquiry=…`): a view is a link
 * to share, and the back button goes back through filters and opened inquiries. The filter parameters are
 * the API's (intake/console/filter-query.ts), so the list and export URLs are built from the same query.
 */
export const FILTER_KEYS = ['state', 'product', 'problem_type', 'severity', 'plan', 'from', 'to', 'q', 'undelivered'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface ViewState {
  filter: Partial<Record<FilterKey, string>>;
  before: string | undefined;
  inquiry: string | undefined;
  lang: string | undefined;
}

export function readState(search: string): ViewState {
  const query = new URLSearchParams(search);
  const filter: ViewState['filter'] = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key);
    if (value) filter[key] = value;
  }
  return { filter, before: query.get('before') ?? undefined, inquiry: query.get('inquiry') ?? undefined, lang: query.get('lang') ?? undefined };
}

/** The filter as a query string (no `?`), keys in a fixed order. */
export function filterQuery(filter: ViewState['filter'], extra: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key]) query.set(key, filter[key]!);
  for (const [key, value] of Object.entries(extra)) if (value) query.set(key, value);
  return query.toString();
}

/** The page URL of a view. */
export function pageUrl(state: ViewState): string {
  const query = filterQuery(state.filter, { before: state.before, inquiry: state.inquiry, lang: state.lang });
  return `/admin/${query ? `?${query}` : ''}`;
}

import type { EntryType } from './schema/entry.ts';

/**
 * URLs of KB pages, root-relative and always ending in `/` (so static hosts serve `index.html`).
 * Every place that links to a page goes through these functions, so the URL scheme lives here only.
 */
export function localeHomeUrl(locale: string): string {
  return `/${locale}/`;
}

/** `/ja/faq/reset-password/` or `/en/articles/camera-setup/#wifi` */
export function entryUrl(locale: string, type: EntryType, id: string, anchor?: string | null): string {
  const section = type === 'faq' ? 'faq' : 'articles';
  return `/${locale}/${section}/${id}/${anchor ? `#${anchor}` : ''}`;
}

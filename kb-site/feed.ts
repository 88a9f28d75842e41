import type { CatalogEntry } from '../content/schema/index.ts';

/** How many entries an Atom feed carries. */
export const FEED_SIZE = 50;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const atomDate = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);

/**
 * The Atom feed of a locale (`/<locale>/feed.xml`): its `FEED_SIZE` most recently updated entries that are
 * real translations (a fallback is not news in this language), newest first. `updated` is the newest
 * entry's date, so the feed changes only when content does.
 */
export function atomFeed(options: {
  locale: string;
  title: string;
  siteName: string;
  entries: readonly CatalogEntry[];
  absolute: (url: string) => string;
  feedUrl: string;
  homeUrl: string;
}): string {
  const { locale, absolute } = options;
  const recent = options.entries
    .filter((e) => !e.fallbackFrom)
    .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? -1 : 1))
    .slice(0, FEED_SIZE);
  const updated = atomDate(recent[0]?.updated ?? '1970-01-01');
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(locale)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<id>${escapeXml(absolute(options.feedUrl))}</id>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absolute(options.feedUrl))}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(absolute(options.homeUrl))}"/>`,
    `<updated>${updated}</updated>`,
    `<author><name>${escapeXml(options.siteName)}</name></author>`,
  ];
  for (const e of recent) {
    lines.push(
      '<entry>',
      `<title>${escapeXml(e.title)}</title>`,
      `<id>${escapeXml(absolute(e.url))}</id>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(absolute(e.url))}"/>`,
      `<updated>${atomDate(e.updated)}</updated>`,
      ...(e.summary ? [`<summary>${escapeXml(e.summary)}</summary>`] : []),
      '</entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

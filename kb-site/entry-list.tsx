import type { CatalogEntry } from '../content/schema/index.ts';
import { languageName } from './format.ts';
import type { PageContext } from './page-context.ts';

/**
 * A list of entries: title link, type badge and summary. An entry shown in a fallback language is marked
 * with that language (`lang`), so screen readers pronounce it right, and says so ("In Japanese").
 */
export function EntryList({ ctx, entries, summaries = true }: { ctx: PageContext; entries: readonly CatalogEntry[]; summaries?: boolean }) {
  return (
    <ul class="entry-list">
      {entries.map((entry) => (
        <li>
          <a href={entry.url} lang={entry.fallbackFrom}>
            {entry.title}
          </a>
          <span class="entry-type">{ctx.t(`type.${entry.type}`)}</span>
          {entry.fallbackFrom ? <FallbackLabel ctx={ctx} from={entry.fallbackFrom} /> : null}
          {summaries && entry.summary ? (
            <p class="entry-summary" lang={entry.fallbackFrom}>
              {entry.summary}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * One category on an overview page (a product's, the FAQ index): its name linking to the category's own page,
 * its first `limit` entries, and a link to all of them when there are more.
 */
export function CategorySection({
  ctx,
  id,
  name,
  href,
  entries,
  limit,
  allKey,
}: {
  ctx: PageContext;
  id: string;
  name: string;
  href: string;
  entries: readonly CatalogEntry[];
  limit: number;
  allKey: string;
}) {
  return (
    <section class="category" aria-labelledby={id}>
      <h2 id={id}>
        <a href={href}>{name}</a>
      </h2>
      <EntryList ctx={ctx} entries={entries.slice(0, limit)} summaries={false} />
      {entries.length > limit ? (
        <p class="more">
          <a href={href}>
            {countText(ctx, allKey, entries.length)}
            <span class="visually-hidden"> ({name})</span>
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** "3 entries" in the page's language: the plural form CLDR gives for `count`, the number in the page's digits. */
export function countText(ctx: PageContext, key: string, count: number): string {
  return ctx.t(key, { count });
}

/** "In Japanese": the language an untranslated entry is shown in, named in the page's language. */
export function FallbackLabel({ ctx, from }: { ctx: PageContext; from: string }) {
  const name = languageName(from, ctx.locale, ctx.config.locales.available.find((l) => l.code === from)?.name ?? from);
  return (
    <span class="entry-type entry-language" lang={ctx.locale}>
      {ctx.t('fallback.label', { language: name })}
    </span>
  );
}

import type { CatalogEntry } from '../content/schema/index.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { CategorySection, FallbackLabel } from './entry-list.tsx';
import { categoryName } from './home-page.tsx';
import { faqPage, plainText } from './json-ld.tsx';
import { LocalePageLayout, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';
import { FAQS_PER_PAGE, type CategoryGroup } from './site-plan.ts';
import { faqCategoryUrl, faqIndexUrl } from './site-urls.ts';

/** How many questions of each category the FAQ index lists. */
export const FAQ_INDEX_PER_CATEGORY = 5;

/** A question with its answer (the build's sanitized HTML), as a FAQ list page shows it. */
export interface FaqItem {
  entry: CatalogEntry;
  html: string;
}

/**
 * An answer body ready to sit beside others on one page: element ids removed, because two answers may
 * use the same heading id and ids must be unique in a document (the entry's own page keeps them).
 */
export function embeddableAnswer(html: string): string {
  return html.replace(/(<[a-zA-Z][^>]*?)\sid="[^"]*"/g, '$1');
}

/** `/<locale>/faqs/`: every FAQ category with its first questions and a link to the full list. */
export function FaqIndexPage({ ctx, faqs, homes }: { ctx: PageContext; faqs: readonly CategoryGroup[]; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  const url = faqIndexUrl(locale);
  const title = t('faq.title');
  const crumbs = [{ name: t('home'), url: home }, { name: title }];
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      crumbs={crumbs}
      head={{
        title: `${title} | ${ctx.text(ctx.config.site.name)}`,
        description: t('faq.description'),
      }}
    >
      <h1>{title}</h1>
      <p class="summary">{t('faq.description')}</p>
      {faqs.map((category) => (
        <CategorySection
          ctx={ctx}
          id={`kb-faq-${category.id}`}
          name={categoryName(ctx, category.id)}
          href={faqCategoryUrl(locale, category.id)}
          entries={category.entries}
          limit={FAQ_INDEX_PER_CATEGORY}
          allKey="faq.all"
        />
      ))}
    </LocalePageLayout>
  );
}

/**
 * One page of a FAQ category: each question as a disclosure holding its answer, a link to the question's
 * own page, `FAQPage` structured data for exactly the questions shown, and page links when the category
 * has more than `FAQS_PER_PAGE` questions.
 */
export function FaqCategoryPage({
  ctx,
  category,
  items,
  page,
  pages,
  homes,
}: {
  ctx: PageContext;
  category: string;
  items: readonly FaqItem[];
  page: number;
  pages: number;
  homes: readonly LanguageLink[];
}) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  const url = faqCategoryUrl(locale, category, page);
  const name = categoryName(ctx, category);
  const title = page > 1 ? `${name} (${t('pagination.page', { page: String(page), pages: String(pages) })})` : name;
  const crumbs = [{ name: t('home'), url: home }, { name: t('faq.title'), url: faqIndexUrl(locale) }, { name }];
  // Structured data describes the page's own language only; answers shown from a fallback are left out.
  const own = items.filter((i) => !i.entry.fallbackFrom);
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      crumbs={crumbs}
      head={{
        title: `${title} – ${t('faq.title')} | ${ctx.text(ctx.config.site.name)}`,
        description: `${t('faq.title')}: ${name}`,
        jsonLd: own.length ? [faqPage(own.map((i) => ({ question: i.entry.title, answer: plainText(i.html) })))] : [],
      }}
    >
      <h1>{title}</h1>
      <div class="faq-list">
        {items.map(({ entry, html }) => (
          <details class="faq" lang={entry.fallbackFrom}>
            <summary>
              {entry.title}
              {entry.fallbackFrom ? (
                <>
                  {' '}
                  <FallbackLabel ctx={ctx} from={entry.fallbackFrom} />
                </>
              ) : null}
            </summary>
            <div class="entry-body" dangerouslySetInnerHTML={{ __html: embeddableAnswer(html) }} />
            <p class="faq-permalink" lang={locale}>
              <a href={entry.url}>
                {t('faq.permalink')}
                <span class="visually-hidden"> ({entry.title})</span>
              </a>
            </p>
          </details>
        ))}
      </div>
      {pages > 1 ? (
        <nav class="pagination" aria-label={t('pagination.label')}>
          <ul>
            {Array.from({ length: pages }, (_, i) => i + 1).map((n) => (
              <li>
                <a href={faqCategoryUrl(locale, category, n)} aria-current={n === page ? 'page' : undefined}>
                  {String(n)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </LocalePageLayout>
  );
}

/** The pages of one FAQ category: `FAQS_PER_PAGE` questions each, in reading order. */
export function faqPages(items: readonly FaqItem[]): FaqItem[][] {
  const pages: FaqItem[][] = [];
  for (let i = 0; i < items.length; i += FAQS_PER_PAGE) pages.push(items.slice(i, i + FAQS_PER_PAGE));
  return pages;
}

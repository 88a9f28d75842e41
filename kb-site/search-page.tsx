import { bundleTranslator } from '../i18n/bundles.ts';
import { languageName } from './format.ts';
import { productName } from './home-page.tsx';
import { LocalePageLayout, SearchBox, type LanguageLink } from './layout.tsx';
import { RESULTS_SHOWN, type StatusLines } from './islands/search-status.ts';
import { offersContact, type PageContext } from './page-context.ts';
import type { LocalePlan } from './site-plan.ts';
import { contactUrl, faqIndexUrl, productUrl, searchUrl } from './site-urls.ts';

/**
 * `/<locale>/search/?q=…`: the search form, a results region the search island fills (same engine and
 * index as the widget, with passage snippets), and for readers without JavaScript a note and links to
 * browse by product. The results area is at least a screen tall, so results arriving never push visible
 * content (no layout shift). The island reads its index path and UI strings from the `data-*` attributes of
 * `#kb-search`, so it holds no text of its own.
 */
/** The status line for each count of results the island can show, cut where the query goes. */
function statusLines({ t }: PageContext): StatusLines {
  const QUERY = '\u{F0000}';
  return Array.from({ length: RESULTS_SHOWN + 1 }, (_, count) =>
    (count ? t('search.results', { count, query: QUERY }) : t('search.none', { query: QUERY })).split(QUERY),
  );
}

/** A line with the query in it, cut where the query goes (`["No good answer for “", "”."]`). */
function queryLine({ t }: PageContext, key: string): string[] {
  const QUERY = '\u{F0000}';
  return t(key, { query: QUERY }).split(QUERY);
}

/** "In Japanese" for each other locale an entry of this locale can be shown from. */
function languageLabels({ t, locale, chain, config }: PageContext): Record<string, string> {
  const name = (code: string) => languageName(code, locale, config.locales.available.find((l) => l.code === code)?.name ?? code);
  return Object.fromEntries(chain.filter((code) => code !== locale).map((code) => [code, t('fallback.label', { language: name(code) })]));
}

export function SearchPage({ ctx, plan, indexUrl, homes }: { ctx: PageContext; plan: LocalePlan; indexUrl: string; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const url = searchUrl(locale);
  const title = t('search.title');
  return (
    <LocalePageLayout
      ctx={ctx}
      homes={homes}
      url={url}
      headerSearch={false}
      banner={false}
      // One canonical search page, whatever the query, without hreflang; results are not in the sitemap.
      alternates={false}
      head={{
        title: `${title} | ${ctx.text(ctx.config.site.name)}`,
        description: t('search.description'),
        modules: [ctx.assets.searchScript],
        preloadData: [indexUrl],
      }}
    >
      <h1>{title}</h1>
      <div
        id="kb-search"
        data-index={indexUrl}
        data-locale={locale}
        data-status={JSON.stringify(statusLines(ctx))}
        data-loading={t('search.loading')}
        data-error={t('search.error')}
        data-languages={JSON.stringify(languageLabels(ctx))}
        data-contact={t('needHelp.contact')}
        data-contact-url={offersContact(ctx.config) ? contactUrl(locale) : undefined}
        data-contact-mode={ctx.config.contact?.visible ?? 'when-unanswered'}
        // The widget's list: one list per language of what asking for a person sounds like.
        data-person-phrases={bundleTranslator('widget', ctx.chain).t('contact.personPhrases')}
        data-not-answered={t('search.notAnswered')}
        data-no-answer={JSON.stringify(queryLine(ctx, 'search.noAnswer'))}
        data-no-answer-hint={t('search.noAnswerHint')}
        data-person-request={t('search.personRequest')}
        data-possibly-related={t('search.possiblyRelated')}
      >
        <SearchBox ctx={ctx} id="kb-search-q" />
        <noscript>
          <section class="browse" aria-labelledby="kb-browse-title">
            <p>{t('search.needsScript')}</p>
            <h2 id="kb-browse-title">{t('search.browse')}</h2>
            <ul>
              {plan.products.map((p) => (
                <li>
                  <a href={productUrl(locale, p.id)}>{productName(ctx, p.id)}</a>
                </li>
              ))}
              {plan.faqs.length ? (
                <li>
                  <a href={faqIndexUrl(locale)}>{t('faq.title')}</a>
                </li>
              ) : null}
            </ul>
          </section>
        </noscript>
        <p class="search-status" id="kb-search-status" role="status" aria-live="polite"></p>
        <div id="kb-search-results"></div>
      </div>
    </LocalePageLayout>
  );
}

import type { EntryPayload } from '../content/schema/index.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { formatDate, languageName } from './format.ts';
import { categoryName, productName } from './home-page.tsx';
import { editUrl, neighbours, Pager, Sidebar } from './doc-nav.tsx';
import { breadcrumbList, faqPage, imageSources, organization, plainText, type JsonLdObject } from './json-ld.tsx';
import { Breadcrumbs, Layout, type LanguageLink } from './layout.tsx';
import { offersContact, type PageContext } from './page-context.ts';
import type { ProductGroup } from './site-plan.ts';
import { categoryUrl, contactUrl, productUrl } from './site-urls.ts';

/** A table of contents is shown only when an entry has at least this many headings. */
export const MIN_TOC_ITEMS = 3;

/**
 * The canonical URL of an entry page: its own URL, or for a page showing an untranslated entry in a
 * fallback language, the page of the language the text is really in (so search engines index it once).
 */
export function canonicalUrl(entry: EntryPayload): string {
  if (!entry.fallbackFrom) return entry.url;
  return entry.alternates.find((a) => a.locale === entry.fallbackFrom)?.url ?? entry.url;
}

/**
 * hreflang alternates of an entry: its real translations only (a fallback page is not a translation), plus
 * `x-default` at the default locale's page when the entry is written in it.
 */
export function hreflangLinks(ctx: PageContext, entry: EntryPayload): { locale: string; href: string }[] {
  const translated = entry.alternates.filter((a) => a.translated);
  const links = translated.map((a) => ({ locale: a.locale, href: ctx.absolute(a.url) }));
  const inDefault = translated.find((a) => a.locale === ctx.config.locales.default);
  if (inDefault) links.push({ locale: 'x-default', href: ctx.absolute(inDefault.url) });
  return links;
}

/**
 * One entry's page: breadcrumbs, fallback and stale notices, title, summary, table of contents (when the
 * entry has `MIN_TOC_ITEMS` headings), the build-sanitized body, last-updated date, "Was this helpful?",
 * "Still need help?", previous / next in the category and related entries, the product's sidebar (when the
 * entry's product is given) and an "Edit this page" link (when the site config has `site.editUrl`);
 * `Article` or `FAQPage` and `BreadcrumbList` structured data.
 * The vote and contact controls are links that work without JavaScript (the thanks note, the contact
 * page); with the widget loaded, the site script turns them into widget commands via their `data-kotae-*`
 * attributes.
 */
export function ArticlePage({
  ctx,
  entry,
  languageOf = () => undefined,
  product: group,
}: {
  ctx: PageContext;
  entry: EntryPayload;
  /** The language another entry is shown in on this locale's pages, when it is not the locale's own. */
  languageOf?: (id: string) => string | undefined;
  /** The entry's product in this locale's plan: its categories and entries, for the sidebar and pager. */
  product?: ProductGroup | undefined;
}) {
  const { config, locale, t } = ctx;
  const siteName = ctx.text(config.site.name);
  const home = localeHomeUrl(locale);
  const contentLocale = entry.fallbackFrom ?? locale;
  const contentDir = config.locales.available.find((l) => l.code === contentLocale)?.dir ?? ctx.dir;
  const nameOf = (code: string) => languageName(code, locale, config.locales.available.find((l) => l.code === code)?.name ?? code);
  const product = entry.product && config.products.some((p) => p.id === entry.product) ? entry.product : undefined;
  const languages: LanguageLink[] = entry.alternates.map((a) => ({
    locale: a.locale,
    name: config.locales.available.find((l) => l.code === a.locale)?.name ?? a.locale,
    url: a.url,
    current: a.locale === locale,
  }));
  const updated = <time datetime={entry.updated}>{formatDate(entry.updated, locale)}</time>;
  const crumbs = [
    { name: t('home'), url: home },
    { name: productName(ctx, product), url: productUrl(locale, product) },
    { name: categoryName(ctx, entry.category), url: categoryUrl(locale, product, entry.category) },
    { name: entry.title },
  ];
  const canonical = ctx.absolute(canonicalUrl(entry));
  const jsonLd: JsonLdObject[] = [breadcrumbList(crumbs.map((c) => ({ name: c.name, url: c.url ? ctx.absolute(c.url) : canonical })))];
  const pictures = entry.type === 'article' ? imageSources(entry.html) : [];
  // A fallback page is a copy of another page; only the original describes itself to search engines.
  if (!entry.fallbackFrom)
    jsonLd.push(
      entry.type === 'faq'
        ? faqPage([{ question: entry.title, answer: plainText(entry.html) }])
        : {
            '@type': 'Article',
            headline: entry.title,
            ...(entry.summary ? { description: entry.summary } : {}),
            inLanguage: locale,
            datePublished: entry.published ?? entry.updated,
            dateModified: entry.updated,
            mainEntityOfPage: canonical,
            url: canonical,
            // The article's own pictures; without any, the site's logo stands for it (Google wants an image).
            image: (pictures.length ? pictures : [ctx.logo]).map(ctx.absolute),
            author: { '@type': 'Organization', name: siteName, url: ctx.absolute(home) },
            publisher: organization(ctx, siteName, home),
          },
    );
  const { previous, next } = neighbours(
    group?.categories.find((c) => c.id === entry.category),
    entry.id,
  );
  const edit = editUrl(ctx, entry.sourcePath);
  const hasToc = entry.toc.length >= MIN_TOC_ITEMS;
  const context = { 'data-kotae-entry': entry.id, 'data-kotae-product': product, 'data-kotae-category': entry.category };
  return (
    <Layout
      ctx={ctx}
      homeUrl={home}
      languages={languages}
      product={product}
      head={{
        title: `${entry.title} | ${siteName}`,
        description: entry.summary ?? entry.title,
        canonical,
        hreflang: hreflangLinks(ctx, entry),
        ogType: 'article',
        jsonLd,
      }}
      sidebar={group ? <Sidebar ctx={ctx} product={group} place={{ category: entry.category, entry: entry.id }} /> : undefined}
    >
      <Breadcrumbs ctx={ctx} crumbs={crumbs} lang={entry.fallbackFrom} />
      {entry.fallbackFrom ? (
        <p class="notice notice-fallback" role="note">
          {t('fallback.notice', { language: nameOf(locale), source: nameOf(entry.fallbackFrom) })}
        </p>
      ) : null}
      {entry.stale ? (
        <p class="notice notice-stale" role="note">
          {t('stale.notice', { source: nameOf(entry.stale.sourceLocale), date: formatDate(entry.stale.sourceUpdated, locale) })}{' '}
          <a href={entry.stale.sourceUrl} hreflang={entry.stale.sourceLocale}>
            {t('stale.link', { source: nameOf(entry.stale.sourceLocale) })}
          </a>
        </p>
      ) : null}
      <article class={`entry entry-${entry.type}${hasToc ? ' has-toc' : ''}`} lang={contentLocale} dir={contentDir}>
        <header class="entry-header">
          <p class="entry-type" lang={locale}>
            {t(`type.${entry.type}`)}
          </p>
          <h1>{entry.title}</h1>
          {entry.summary ? <p class="summary">{entry.summary}</p> : null}
        </header>
        {hasToc ? (
          <nav class="toc" aria-labelledby="kb-toc-title">
            <h2 id="kb-toc-title" lang={locale}>
              {t('onThisPage')}
            </h2>
            <ol>
              {entry.toc.map((item) => (
                <li class={`toc-depth-${item.depth}`}>
                  <a href={`#${item.id}`}>{item.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div class="entry-body" dangerouslySetInnerHTML={{ __html: entry.html }} />
        <footer class="entry-footer" lang={locale}>
          <p class="updated">{ctx.parts('lastUpdated', { date: updated })}</p>
          {edit ? (
            <p class="edit-link">
              <a href={edit}>{t('nav.edit')}</a>
            </p>
          ) : null}
        </footer>
      </article>
      <section class="feedback" aria-labelledby="kb-feedback-title">
        <h2 id="kb-feedback-title">{t('feedback.question')}</h2>
        <p class="vote">
          <a class="button" href="#kb-vote-thanks" data-kotae-vote="yes" {...context}>
            {t('feedback.yes')}
          </a>
          <a class="button" href={offersContact(ctx.config) ? contactUrl(locale) : '#kb-vote-thanks'} data-kotae-vote="no" {...context}>
            {t('feedback.no')}
          </a>
        </p>
        <p class="vote-thanks" id="kb-vote-thanks" tabindex={-1}>
          {t('feedback.thanks')}
        </p>
        <VoteReasons ctx={ctx} />
      </section>
      {offersContact(ctx.config) ? (
        <section class="need-help" aria-labelledby="kb-need-help-title">
          <h2 id="kb-need-help-title">{t('needHelp.title')}</h2>
          <p>{t('needHelp.text')}</p>
          <p>
            <a class="button button-primary" href={contactUrl(locale)} data-kotae-open="inquiry" {...context}>
              {t('needHelp.contact')}
            </a>
          </p>
        </section>
      ) : null}
      <Pager ctx={ctx} previous={previous} next={next} />
      {entry.related.length ? (
        <section class="related" aria-labelledby="kb-related-title">
          <h2 id="kb-related-title">{t('related')}</h2>
          <ul>
            {entry.related.map((ref) => (
              <li>
                <a href={ref.url} lang={languageOf(ref.id)}>
                  {ref.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/**
 * "What was missing?" after "No": the site's vote reasons (a radio group in a fieldset with its legend)
 * and an optional text. Hidden in the page; the site island shows it when "No" is pressed and insights are
 * collected, and sends the answer with the vote. Without JavaScript "No" stays a link to the contact page.
 */
function VoteReasons({ ctx }: { ctx: PageContext }) {
  const reasons = ctx.config.insights?.enabled ? ctx.config.insights.voteReasons : [];
  if (!reasons.length) return null;
  const { t } = ctx;
  return (
    <form class="vote-reasons" id="kb-vote-reasons" hidden>
      <fieldset>
        <legend>{t('feedback.missing')}</legend>
        {reasons.map((reason) => (
          <label class="vote-reason">
            <input type="radio" name="reason" value={reason.id} /> {reason.name ? ctx.text(reason.name) : t(`feedback.reason.${reason.id}`)}
          </label>
        ))}
      </fieldset>
      <label for="kb-vote-text">{t('feedback.text')}</label>
      <textarea id="kb-vote-text" name="text" rows={3} maxlength={500} aria-describedby="kb-vote-text-hint" />
      <p class="vote-reasons-hint" id="kb-vote-text-hint">
        {t('feedback.textHint')}
      </p>
      <p class="vote">
        <button class="button button-primary" type="submit" data-kb-explain="send">
          {t('feedback.send')}
        </button>
        <button class="button" type="button" data-kb-explain="skip">
          {t('feedback.skip')}
        </button>
      </p>
    </form>
  );
}

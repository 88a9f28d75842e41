import { localeHomeUrl } from '../content/urls.ts';
import { Layout, SearchBox, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/**
 * A locale's "page not found" page (`/<locale>/404.html`; `/404.html` is the default locale's, with links to
 * every locale): a search box, the home link and the other languages. Not indexed. All links are
 * root-relative, since a host serves it at whatever URL was not found.
 */
export function NotFoundPage({ ctx, homes }: { ctx: PageContext; homes: readonly LanguageLink[] }) {
  const { locale, t } = ctx;
  const home = localeHomeUrl(locale);
  return (
    <Layout
      ctx={ctx}
      homeUrl={home}
      languages={homes.map((h) => ({ ...h, current: h.locale === locale }))}
      headerSearch={false}
      head={{ title: `${t('notFound.title')} | ${ctx.text(ctx.config.site.name)}`, description: t('notFound.text'), noindex: true }}
    >
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <SearchBox ctx={ctx} id="kb-404-q" />
      <p>
        <a href={home}>{t('notFound.home')}</a>
      </p>
    </Layout>
  );
}

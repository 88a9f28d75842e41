import { Layout, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/**
 * `/index.html`: plain links to every locale's home, in the default locale's language. The site script
 * sends a reader on to the locale their browser prefers (or the one they chose before); without
 * JavaScript the links are the page.
 */
export function RootPage({ ctx, languages }: { ctx: PageContext; languages: readonly LanguageLink[] }) {
  const siteName = ctx.text(ctx.config.site.name);
  return (
    <Layout
      ctx={ctx}
      homeUrl="/"
      headerSearch={false}
      widget={false}
      head={{
        title: siteName,
        description: ctx.config.site.tagline ? ctx.text(ctx.config.site.tagline) : siteName,
        canonical: ctx.absolute('/'),
        // x-default: the language chooser at the root, for readers whose language is not offered.
        hreflang: [...languages.map((l) => ({ locale: l.locale, href: ctx.absolute(l.url) })), { locale: 'x-default', href: ctx.absolute('/') }],
        modules: [ctx.assets.siteScript],
      }}
    >
      <h1>{siteName}</h1>
      <nav class="locale-list" aria-labelledby="kb-choose-language" data-kb-locales={languages.map((l) => l.locale).join(' ')}>
        <h2 id="kb-choose-language">{ctx.t('chooseLanguage')}</h2>
        <ul>
          {languages.map((l) => (
            <li>
              <a href={l.url} lang={l.locale} hreflang={l.locale}>
                {l.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </Layout>
  );
}

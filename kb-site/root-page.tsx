import { Layout, type LanguageLink } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** `/index.html`: plain links to every locale's home, in the default locale's language (no script needed). */
export function RootPage({ ctx, languages }: { ctx: PageContext; languages: readonly LanguageLink[] }) {
  const siteName = ctx.text(ctx.config.site.name);
  return (
    <Layout
      lang={ctx.locale}
      dir={ctx.dir}
      t={ctx.t}
      siteName={siteName}
      homeUrl="/"
      head={{
        title: siteName,
        description: ctx.config.site.tagline ? ctx.text(ctx.config.site.tagline) : undefined,
        canonical: ctx.absolute('/'),
        // x-default: the language chooser at the root, for readers whose language is not offered.
        hreflang: [...languages.map((l) => ({ locale: l.locale, href: ctx.absolute(l.url) })), { locale: 'x-default', href: ctx.absolute('/') }],
      }}
    >
      <h1>{siteName}</h1>
      <nav class="locale-list" aria-labelledby="kb-choose-language">
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

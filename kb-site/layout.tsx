import type { ComponentChildren } from 'preact';
import type { Translate } from './site-strings.ts';

/** Root-relative URL of the one stylesheet every page links to (the renderer emits it there). */
export const STYLESHEET_URL = '/assets/site.css';

/** One entry of the language switcher. */
export interface LanguageLink {
  locale: string;
  /** The language's own name ("日本語", "English"). */
  name: string;
  url: string;
  current: boolean;
}

/** What a page puts in its `<head>`. */
export interface PageHead {
  title: string;
  description?: string | undefined;
  /** Absolute URL. */
  canonical?: string | undefined;
  /** `<link rel=alternate hreflang>` targets, absolute URLs. */
  hreflang?: readonly { locale: string; href: string }[];
}

export interface LayoutProps {
  lang: string;
  dir: 'ltr' | 'rtl';
  head: PageHead;
  t: Translate;
  siteName: string;
  homeUrl: string;
  languages?: readonly LanguageLink[];
  children: ComponentChildren;
}

/**
 * The document every KB page shares: head tags, skip link, header with the site name and language switcher,
 * the page's `<main>`, and a footer. Renders no script and no inline style (strict CSP).
 */
export function Layout({ lang, dir, head, t, siteName, homeUrl, languages = [], children }: LayoutProps) {
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{head.title}</title>
        {head.description ? <meta name="description" content={head.description} /> : null}
        {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
        {(head.hreflang ?? []).map((alt) => (
          <link rel="alternate" hreflang={alt.locale} href={alt.href} />
        ))}
        <link rel="stylesheet" href={STYLESHEET_URL} />
      </head>
      <body>
        <a class="skip-link" href="#kb-main">
          {t('skipLink')}
        </a>
        <header class="site-header">
          <a class="site-name" href={homeUrl}>
            {siteName}
          </a>
          {languages.length > 1 ? <LanguageSwitcher t={t} languages={languages} /> : null}
        </header>
        <main id="kb-main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{siteName}</p>
        </footer>
      </body>
    </html>
  );
}

function LanguageSwitcher({ t, languages }: { t: Translate; languages: readonly LanguageLink[] }) {
  return (
    <nav class="language-switcher" aria-label={t('languages')}>
      <ul>
        {languages.map((l) => (
          <li>
            <a href={l.url} lang={l.locale} hreflang={l.locale} aria-current={l.current ? 'page' : undefined}>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

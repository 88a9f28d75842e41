import { readFileSync } from 'node:fs';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { fallbackChain, type Catalog, type EntryPayload, type Manifest } from '../content/schema/index.ts';
import { localize } from '../content/schema/locale.ts';
import { localeHomeUrl } from '../content/urls.ts';
import { ArticlePage } from './article-page.tsx';
import { HomePage } from './home-page.tsx';
import { STYLESHEET_URL, type LanguageLink } from './layout.tsx';
import { type KbSiteConfig, type PageContext } from './page-context.ts';
import { RootPage } from './root-page.tsx';
import { siteStrings } from './site-strings.ts';

export type { KbSiteConfig } from './page-context.ts';

/** What `renderSite` reads: the build's outputs for every locale, already in memory. */
export interface RenderSiteInput {
  /** The public site config (`data/site.json`; the full `SiteConfig` works too). */
  config: KbSiteConfig;
  manifest: Manifest;
  /** `data/<locale>/catalog.json` per locale code of the manifest. */
  catalogs: ReadonlyMap<string, Catalog>;
  /** `data/<locale>/entries/<id>.json` of an entry listed in that locale's catalog. */
  payload: (locale: string, id: string) => EntryPayload;
}

/** The stylesheet every page links to, as shipped beside this module. */
export const SITE_CSS_FILE = new URL('./site.css', import.meta.url);

/**
 * Renders the static KB site: `/index.html` (links to each locale), per locale a home page
 * (`<locale>/index.html`) and one page per catalog entry at its URL (`<locale>/faq/<id>/index.html`), plus
 * the stylesheet at `assets/site.css` (with the configured brand colour). Returns file contents keyed by
 * path relative to the output folder, in a stable order. Pages need no JavaScript and contain no script or
 * inline style; the only raw HTML is each entry's body, which the build has already sanitized. Throws when
 * a locale of the manifest has no catalog.
 */
export function renderSite(input: RenderSiteInput): Map<string, string> {
  const files = new Map<string, string>();
  renderSiteTo(input, (file, content) => files.set(file, content));
  return files;
}

/**
 * `renderSite`, handing each file to `emit` as soon as it is rendered instead of holding the whole site in
 * memory (at 10,000 entries × several locales the pages add up to tens of megabytes).
 */
export function renderSiteTo(input: RenderSiteInput, emit: (file: string, content: string) => void): void {
  const { config, manifest, catalogs } = input;
  const base = config.site.baseUrl;
  const contextFor = (locale: string, dir: 'ltr' | 'rtl'): PageContext => {
    const chain = fallbackChain(config, locale);
    return {
      config,
      locale,
      dir,
      chain,
      t: siteStrings(chain),
      text: (value) => localize(value, locale, chain),
      absolute: (url) => new URL(url.replace(/^\//, ''), base).href,
    };
  };
  const homes: LanguageLink[] = manifest.locales.map((l) => ({ locale: l.code, name: l.name, url: localeHomeUrl(l.code), current: false }));

  const defaultLocale = manifest.locales.find((l) => l.code === manifest.defaultLocale) ?? manifest.locales[0];
  if (!defaultLocale) throw new Error('renderSite: the manifest lists no locales');
  emit('index.html', page(<RootPage ctx={contextFor(defaultLocale.code, defaultLocale.dir)} languages={homes} />));

  for (const locale of manifest.locales) {
    const catalog = catalogs.get(locale.code);
    if (!catalog) throw new Error(`renderSite: no catalog for locale "${locale.code}" (expected data/${locale.code}/catalog.json)`);
    const ctx = contextFor(locale.code, locale.dir);
    const languages = homes.map((h) => ({ ...h, current: h.locale === locale.code }));
    emit(`${locale.code}/index.html`, page(<HomePage ctx={ctx} entries={catalog.entries} languages={languages} />));
    const fallbacks = new Map(catalog.entries.map((e) => [e.id, e.fallbackFrom]));
    const languageOf = (id: string) => fallbacks.get(id);
    for (const line of catalog.entries) {
      const entry = input.payload(locale.code, line.id);
      emit(pathOf(entry.url), page(<ArticlePage ctx={ctx} entry={entry} languageOf={languageOf} />));
    }
  }
  emit(STYLESHEET_URL.slice(1), stylesheet(config));
}

/** site.css plus the site's brand colour, which only decorates (a bar), so any colour keeps text readable. */
function stylesheet(config: KbSiteConfig): string {
  const brand = config.site.colors.primary;
  const css = readFileSync(SITE_CSS_FILE, 'utf8');
  return /^#[0-9a-fA-F]{3,6}$/.test(brand) ? `${css}\n:root {\n  --brand: ${brand};\n}\n` : css;
}

/** `/en/faq/x/` → `en/faq/x/index.html` */
function pathOf(url: string): string {
  const clean = url.split('#')[0] ?? '';
  if (!clean.startsWith('/') || !clean.endsWith('/') || clean.includes('..')) throw new Error(`renderSite: unexpected page URL "${url}"`);
  return `${clean.slice(1)}index.html`;
}

function page(vnode: VNode): string {
  return `<!doctype html>\n${renderToString(vnode)}\n`;
}

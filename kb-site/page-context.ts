import type { SiteConfig } from '../content/schema/index.ts';
import type { localize } from '../content/schema/locale.ts';
import type { Translate, Translator } from '../i18n/runtime/translator.ts';

/**
 * The public site config the KB site needs (what `data/site.json` holds is enough). Without `intake` and
 * `insights` the pages send no self-service events.
 */
export type KbSiteConfig = Pick<SiteConfig, 'site' | 'locales' | 'products' | 'categories'> &
  Partial<Pick<SiteConfig, 'contactMethods' | 'intake' | 'insights' | 'contact'>>;

/** Whether the site offers contact at all: `contact.visible: never` leaves out the contact page and every link to it. */
export function offersContact(config: KbSiteConfig): boolean {
  return config.contact?.visible !== 'never';
}

/** Root-relative URLs of the files every page may load (content-hashed where they are scripts). */
export interface SiteAssets {
  stylesheet: string;
  /** The blocking `<head>` script that applies the reader's colour scheme before the first paint. */
  themeScript: string;
  /** The site's small module: service worker registration, update prompt, widget buttons. */
  siteScript: string;
  /** The search page's island. */
  searchScript: string;
  /** The widget's loader (built by the widget, not by the KB site). */
  widgetScript: string;
}

/** Everything a page of one locale needs besides its own data. */
export interface PageContext {
  config: KbSiteConfig;
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The locale, its fallbacks, then the default locale. */
  chain: readonly string[];
  t: Translate;
  /** Like `t`, with values that are elements (a `<time>`): the string's parts in order, ready as children. */
  parts: Translator['parts'];
  /** Localizes config text (product, category and site names) for this locale. */
  text: (value: Parameters<typeof localize>[0]) => string;
  /** Absolute URL of a root-relative path, against the site's `baseUrl`. */
  absolute: (url: string) => string;
  assets: SiteAssets;
  /** Root-relative URL of the site's logo: the configured one, else the favicon with the brand colour. */
  logo: string;
  /**
   * hreflang alternates of a locale-level page (home, product, category, FAQ list) given its path after
   * the locale (`products/camera/`): the locales that have that page, plus `x-default`. Empty when the
   * page exists in one locale only.
   */
  alternates: (suffix: string) => { locale: string; href: string }[];
  /** Root-relative URL of the locale's announcements (`data/<locale>/announcements.json`); absent when it has none. */
  announcements?: string;
}

import i18next, { type i18n, type TFunction } from 'i18next';
import { HOUSE_OPTIONS } from '../i18n/runtime/translator.ts';
import { cachedFetch } from './offline-cache.ts';

type Bundle = { [key: string]: string | Bundle };

/** Content-hashed bundle file per locale (`{ja: 'i18n/ja.1a2b3c4d.json'}`), relative to the app chunk; set by scripts/pipeline/widget-bundle.ts. */
declare const __KOTAE_BUNDLES__: Record<string, string>;

/**
 * The widget's strings through i18next (the house options of i18n/runtime/translator.ts), `widget` namespace, with `en` as the fallback for missing keys.
 * `use(locale)` fetches that locale's bundle on demand (kept for offline use) and switches to it.
 */
export class WidgetI18n {
  private readonly instance: i18n = i18next.createInstance();
  private ready: Promise<unknown> | undefined;
  t: TFunction = ((key: string) => key) as unknown as TFunction;
  locale = 'en';

  async use(locale: string): Promise<void> {
    const code = __KOTAE_BUNDLES__[locale] ? locale : 'en';
    this.ready ??= this.instance.init({
      // lit escapes every interpolated value when it renders text.
      ...HOUSE_OPTIONS,
      lng: code,
      fallbackLng: 'en',
      ns: ['widget'],
      defaultNS: 'widget',
      resources: {},
    });
    await this.ready;
    await Promise.all(
      [...new Set([code, 'en'])].map(async (need) => {
        if (this.instance.hasResourceBundle(need, 'widget')) return;
        const response = await cachedFetch(new URL(__KOTAE_BUNDLES__[need]!, import.meta.url).href);
        this.instance.addResourceBundle(need, 'widget', (await response.json()) as Bundle);
      }),
    );
    await this.instance.changeLanguage(code);
    this.locale = locale;
    this.t = this.instance.t.bind(this.instance) as TFunction;
  }
}

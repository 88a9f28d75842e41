import type { Resource } from 'i18next';
import en from '../../../i18n/en/console.json' with { type: 'json' };
import ja from '../../../i18n/ja/console.json' with { type: 'json' };
import { createTranslator, type Translate } from '../../../i18n/runtime/translator.ts';

/**
 * The console's strings (i18n/<locale>/console.json, both languages bundled: the console is one small app)
 * and how it writes dates, sizes and names of things that are not config items.
 */
export interface Strings {
  locale: string;
  t: Translate;
  /** A date and time in the business time zone, in the console's language. */
  dateTime(iso: string | null): string;
  size(bytes: number): string;
  destination(adapter: string): string;
}

const resources: Resource = { en: { console: en }, ja: { console: ja } };

export function consoleStrings(locale: string, timeZone: string): Strings {
  const { t, has } = createTranslator({ locale, fallbacks: ['en'], namespace: 'console', resources });
  // With the zone's short name: the team may sit in another zone than the business hours' one.
  const format = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone,
  });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return {
    locale,
    t,
    dateTime: (iso) => (iso ? format.format(new Date(iso)) : t('none')),
    size: (bytes) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${number.format(bytes / 1024)} KB` : `${number.format(bytes / 1024 / 1024)} MB`),
    destination: (adapter) => (has(`destination.${adapter}`) ? t(`destination.${adapter}`) : adapter),
  };
}

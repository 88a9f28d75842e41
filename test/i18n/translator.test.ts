import { describe, expect, it } from 'vitest';
import { bundleTranslator } from '../../i18n/bundles.ts';
import { createTranslator } from '../../i18n/runtime/translator.ts';

// The one translation runtime (i18next with the house conventions) that the KB pages, the widget, the
// intake and the command-line tools share.
const resources = {
  en: {
    site: {
      count: { entries_one: '{{count, number}} article', entries_other: '{{count, number}} articles' },
      updated: 'Last updated: {{date}}',
      greeting: 'Hello {{name}}',
      only: { en: 'English only' },
      url: 'See https://example.com/a:b',
    },
  },
  ja: { site: { count: { entries_other: '{{count, number}} 件の記事' }, updated: '最終更新: {{date}}', only: { en: '' } } },
};

describe('the translation runtime', () => {
  it('picks the CLDR plural form and writes the count in the reader’s digits', () => {
    const en = createTranslator({ locale: 'en', fallbacks: [], namespace: 'site', resources });
    expect(en.t('count.entries', { count: 1 })).toBe('1 article');
    expect(en.t('count.entries', { count: 12345 })).toBe('12,345 articles');
    const ja = createTranslator({ locale: 'ja', fallbacks: ['en'], namespace: 'site', resources });
    expect(ja.t('count.entries', { count: 1 })).toBe('1 件の記事');
    expect(ja.t('count.entries', { count: 12345 })).toBe('12,345 件の記事');
  });

  it('takes an untranslated ("") or missing string from the fallback, and shows an unknown key as itself', () => {
    const ja = createTranslator({ locale: 'ja', fallbacks: ['en'], namespace: 'site', resources });
    expect(ja.t('only.en')).toBe('English only');
    expect(ja.t('greeting', { name: 'Aki' })).toBe('Hello Aki');
    expect(ja.t('no.such.key')).toBe('no.such.key');
    expect(ja.has('greeting')).toBe(true);
    expect(ja.has('no.such.key')).toBe(false);
  });

  it('inserts values as given (the caller escapes for its medium) and leaves a placeholder without a value visible', () => {
    const en = createTranslator({ locale: 'en', fallbacks: [], namespace: 'site', resources });
    expect(en.t('greeting', { name: '<b>&' })).toBe('Hello <b>&');
    expect(en.t('greeting', {})).toBe('Hello {{name}}');
    expect(en.t('url')).toBe('See https://example.com/a:b');
  });

  it('returns the parts of a string around values that are not text, in order', () => {
    const ja = createTranslator({ locale: 'ja', fallbacks: ['en'], namespace: 'site', resources });
    const time = { tag: 'time' };
    expect(ja.parts('updated', { date: time })).toEqual(['最終更新: ', time]);
    expect(ja.parts('greeting', { name: 'Aki' })).toEqual(['Hello Aki']);
  });

  it('reads the site bundles from disk with a regional locale falling back to its language', () => {
    const { t } = bundleTranslator('site', ['ja-JP', 'ja']);
    expect(t('search.results', { count: 3, query: 'wifi' })).toBe('「wifi」の検索結果: 3 件');
    expect(bundleTranslator('site', ['fr']).t('search.results', { count: 1, query: 'wifi' })).toBe('1 result for “wifi”');
  });
});

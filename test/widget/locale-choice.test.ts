import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../content/schema/index.ts';
import { chooseLocale } from '../../widget/locale-choice.ts';

const manifest = { defaultLocale: 'ja', locales: [{ code: 'ja' }, { code: 'en' }] } as unknown as Manifest;

describe('the locale the widget starts in', () => {
  it('is the one the host forces, else the first of the browser languages the site has, in the customer order', () => {
    expect(chooseLocale(manifest, 'en', ['ja-JP'])).toBe('en');
    expect(chooseLocale(manifest, undefined, ['ja-JP', 'en-US'])).toBe('ja');
    // English first: its base language wins over a later exact match.
    expect(chooseLocale(manifest, undefined, ['en-US', 'ja'])).toBe('en');
    expect(chooseLocale(manifest, undefined, ['de-CH', 'de', 'en-GB'])).toBe('en');
    expect(chooseLocale(manifest, undefined, ['fr'])).toBe('ja');
    expect(chooseLocale(manifest, 'fr', [])).toBe('ja');
  });
});

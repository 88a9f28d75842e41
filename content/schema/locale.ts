import { z } from 'zod';

/**
 * A BCP 47 language tag as Kotae uses it: language, optional script or region
 * (`ja`, `en`, `pt-BR`, `zh-Hant`), including the pseudo-locales `en-XA` and `ar-XB`.
 */
export const LocaleCode = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/, 'a language tag such as "ja", "en" or "pt-BR"');
export type LocaleCode = z.infer<typeof LocaleCode>;

/**
 * Text shown to people, either one string for every locale or one per locale.
 * `{ ja: "請求", en: "Billing" }`. Missing locales fall back along the locale's fallback chain.
 */
export const LocalizedText = z.union([z.string().min(1), z.record(LocaleCode, z.string().min(1))]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the text for `locale`, walking `chain` (the locale's fallbacks, then the default). */
export function localize(text: LocalizedText, locale: string, chain: readonly string[] = []): string {
  if (typeof text === 'string') return text;
  for (const code of [locale, ...chain]) {
    const value = text[code];
    if (value !== undefined) return value;
  }
  const first = Object.values(text)[0];
  return first ?? '';
}

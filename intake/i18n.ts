import { readFileSync } from 'node:fs';
import type { InquiryFieldError, SiteConfig } from '../content/schema/index.ts';
import { createTranslator, type Translate } from '../i18n/runtime/translator.ts';

/**
 * The intake's customer-facing strings: `intake/messages/<locale>.json` (i18next JSON v4, namespace
 * `intake`). Every error the API returns carries a `message` in the request's language.
 */
export const MESSAGE_LOCALES = ['ja', 'en'] as const;

const bundles = Object.fromEntries(
  MESSAGE_LOCALES.map((locale) => [
    locale,
    { intake: JSON.parse(readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown> },
  ]),
);

/** A field error with its label and message in one language, as `POST /v1/inquiries` returns it. */
export interface LocalizedFieldError extends InquiryFieldError {
  label: string;
  message: string;
}

export interface Messages {
  locale: string;
  t: Translate;
  /** Label of a dotted field path: array indices are dropped (`diagnostics.2.name` → "Diagnostic item name"). */
  label(field: string): string;
  /**
   * Field errors translated. `subject` is what the body is: a message may have a variant for it
   * (`fieldError.unknown_field_events`: "… is not a field of an event"), else the plain one is used.
   */
  fieldErrors(errors: readonly InquiryFieldError[], subject?: 'inquiry' | 'events'): LocalizedFieldError[];
}

/** Builds the translator for one site: its locales, with the site's default locale as the fallback. */
export function createMessages(config: SiteConfig): (locale: string) => Messages {
  const fallback = MESSAGE_LOCALES.includes(config.locales.default as 'ja') ? config.locales.default : 'en';
  const cache = new Map<string, Messages>();
  return (locale) => {
    const lng = MESSAGE_LOCALES.includes(locale as 'ja') ? locale : fallback;
    let messages = cache.get(lng);
    if (!messages) {
      const { t, has } = createTranslator({ locale: lng, fallbacks: [fallback, 'en'], namespace: 'intake', resources: bundles });
      const label = (field: string) => {
        const key = `field.${
          field
            .split('.')
            .filter((part) => !/^\d+$/.test(part))
            .join('_') || 'body'
        }`;
        return has(key) ? t(key) : field;
      };
      messages = {
        locale: lng,
        t,
        label,
        fieldErrors: (errors, subject = 'inquiry') =>
          errors.map((e) => {
            const count = e.params.maximum ?? e.params.minimum;
            const values = { ...e.params, field: label(e.field), ...(count !== undefined ? { count } : {}) };
            const variant = `fieldError.${e.code}_${subject}`;
            const message = t(has(variant, values) ? variant : `fieldError.${e.code}`, values);
            return { ...e, label: label(e.field), message };
          }),
      };
      cache.set(lng, messages);
    }
    return messages;
  };
}

/**
 * The language to answer in: the locale named in the body when the site has it, else the best match of
 * `Accept-Language`, else the site's default locale.
 */
export function negotiateLocale(config: SiteConfig, bodyLocale: unknown, acceptLanguage: string | undefined): string {
  const available = config.locales.available.map((l) => l.code);
  if (typeof bodyLocale === 'string' && available.includes(bodyLocale)) return bodyLocale;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const exact = available.find((code) => code.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const primary = available.find((code) => code.split('-')[0] === tag.split('-')[0]!.toLowerCase());
    if (primary) return primary;
  }
  return config.locales.default;
}

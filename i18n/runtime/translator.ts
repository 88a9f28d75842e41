/**
 * Kotae's one translation runtime: i18next with the house conventions, for every place that shows text —
 * the KB pages (at build time), the widget, the intake's messages and the command-line tools.
 *
 * House conventions (i18next JSON v4): `{{name}}` placeholders, `{{count, number}}` for a number in the
 * reader's digits, plural forms as `key_one` / `key_other` (CLDR categories of each language), an empty
 * string is a string not translated yet and shows the fallback language, and a missing key shows the key
 * itself, so a gap is visible and never blank. Values are inserted as they are: each caller escapes for
 * its medium (preact and lit escape text; the intake's HTML escapes its own).
 *
 * Pure ES: no DOM, no Node. Loading bundles from disk is `i18n/bundles.ts`'s job (Node), over the network
 * the widget's (`widget/i18n.ts`).
 */
import i18next, { type InitOptions, type Resource } from 'i18next';

/** Values a string's placeholders take; `count` also picks the plural form. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Looks up a string by its dotted key and fills its placeholders. */
export type Translate = (key: string, values?: MessageValues) => string;

export interface Translator {
  /** The language strings are looked up in first. */
  readonly locale: string;
  readonly t: Translate;
  /** True when `key` has a string in the locale or one of its fallbacks (plural keys count by their base). */
  has(key: string, values?: MessageValues): boolean;
  /**
   * Like `t`, but values may be anything (e.g. a `<time>` element) and the result is the list of text and
   * value parts in order, ready to be children of an element.
   */
  parts<T>(key: string, values: Readonly<Record<string, T | string | number>>): (T | string)[];
}

/** The options every i18next instance in Kotae shares; `createTranslator` and the widget both start from them. */
export const HOUSE_OPTIONS = {
  // Values are not HTML-escaped here: preact, lit and the intake's templates escape for their medium.
  interpolation: { escapeValue: false },
  // `i18n:add` scaffolds untranslated strings as "": the fallback language shows instead of a blank.
  returnEmptyString: false,
  returnNull: false,
  // Keys are dotted paths into nested bundles; a key is never split at ':' (URLs and times hold colons).
  nsSeparator: false,
} as const satisfies InitOptions;

export interface TranslatorOptions {
  /** The language to show, e.g. `ja`. */
  locale: string;
  /** Languages to take a missing string from, in order (the base language, the site's default, `en`). */
  fallbacks: readonly string[];
  /** The bundle namespace (`site`, `tools`, `intake`, `widget`). */
  namespace: string;
  /** The strings: `{ [locale]: { [namespace]: bundle } }`. */
  resources: Resource;
}

/** A translator that is ready at once (the bundles are given, nothing loads). */
export function createTranslator({ locale, fallbacks, namespace, resources }: TranslatorOptions): Translator {
  const instance = i18next.createInstance();
  const chain = [...new Set(fallbacks.filter((code) => code !== locale))];
  void instance.init({
    ...HOUSE_OPTIONS,
    resources,
    lng: locale,
    fallbackLng: chain.length ? chain : false,
    ns: [namespace],
    defaultNS: namespace,
    // Every bundle is in `resources`: initialise synchronously, so `t` works on the next line.
    initAsync: false,
  });
  const fixed = instance.getFixedT(locale, namespace);
  const t: Translate = (key, values) => (values ? fixed(key, values as Record<string, unknown>) : fixed(key)) as string;
  return {
    locale,
    t,
    has: (key, values) => instance.exists(key, { lng: locale, ns: namespace, ...values }),
    parts<T>(key: string, values: Readonly<Record<string, T | string | number>>): (T | string)[] {
      // Each non-text value is stood in for by a marker no string contains, then the text is cut at the markers.
      const slots = new Map<string, T>();
      const text: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string' || typeof value === 'number') text[name] = value;
        else {
          const marker = `\u{F0000}${slots.size}\u{F0001}`;
          slots.set(marker, value as T);
          text[name] = marker;
        }
      }
      const out: (T | string)[] = [];
      for (const piece of t(key, text).split(/(\u{F0000}\d+\u{F0001})/u)) {
        const slot = slots.get(piece);
        if (slot !== undefined) out.push(slot);
        else if (piece) out.push(piece);
      }
      return out;
    },
  };
}

import { bundleTranslator } from '../i18n/bundles.ts';
import type { Translator } from '../i18n/runtime/translator.ts';

export type { Translate } from '../i18n/runtime/translator.ts';

/**
 * The KB site's UI strings (`i18n/<locale>/site.json`) for the first locale of `chain` that has each one.
 * Build-time only: reads the bundles from disk.
 */
export function siteStrings(chain: readonly string[]): Translator {
  const key = chain.join('\0');
  let strings = made.get(key);
  if (!strings) made.set(key, (strings = makeSiteStrings(chain)));
  return strings;
}

// A translator per locale chain for the whole process: the live preview renders pages on every save.
const made = new Map<string, Translator>();

function makeSiteStrings(chain: readonly string[]): Translator {
  const translator = bundleTranslator('site', chain);
  // Most strings have no placeholders and are asked for on every page of a large site: look each up once.
  const plain = new Map<string, string>();
  return {
    ...translator,
    t: (key, values) => {
      if (values) return translator.t(key, values);
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = translator.t(key)));
      return text;
    },
  };
}

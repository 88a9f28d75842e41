import { isMap, isScalar, isSeq, parseDocument, visit, type Pair, type Scalar } from 'yaml';
import { yamlScalar } from './markdown-segments.ts';

/** A new entry of `locales.available`. */
export interface NewLocale {
  code: string;
  name: string;
  dir?: 'ltr' | 'rtl' | undefined;
  fallback?: readonly string[] | undefined;
}

/** A config file that cannot be edited safely; the message says why. */
export class ConfigEditError extends Error {}

/**
 * Adds a locale to the site config's `locales.available`, changing nothing else: comments, order, quoting
 * and spacing stay as written. YAML gets one new line after the last locale, in the style of the lines
 * around it (`- { code: …, name: … }`); JSON is rewritten with 2-space indentation.
 */
export function addLocaleToConfig(text: string, format: 'yaml' | 'json', locale: NewLocale): string {
  if (format === 'json') {
    const data = JSON.parse(text) as { locales?: { available?: unknown[] } };
    if (!Array.isArray(data.locales?.available)) throw new ConfigEditError('the config has no locales.available list');
    data.locales.available.push(localeObject(locale));
    return `${JSON.stringify(data, null, 2)}\n`;
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new ConfigEditError(`the config is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const available = doc.getIn(['locales', 'available'], true);
  if (!isSeq(available) || !available.range) throw new ConfigEditError('the config has no locales.available list');
  const items = available.items;
  if ((available as { flow?: boolean }).flow || !items.length) {
    doc.addIn(['locales', 'available'], doc.createNode(localeObject(locale), { flow: true }));
    return doc.toString();
  }
  const lastItem = items[items.length - 1] as { range?: [number, number, number] };
  const lineStart = text.lastIndexOf('\n', lastItem.range![0]) + 1;
  const indent = text.slice(lineStart, lastItem.range![0]);
  const lineEnd = text.indexOf('\n', lastItem.range![1] - 1);
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  const fields = [`code: ${locale.code}`, `name: ${yamlScalar(locale.name, true)}`];
  if (locale.dir === 'rtl') fields.push('dir: rtl');
  if (locale.fallback?.length) fields.push(`fallback: [${locale.fallback.join(', ')}]`);
  const line = `${indent}{ ${fields.join(', ')} }\n`;
  return `${text.slice(0, at)}${at > text.length - 1 && !text.endsWith('\n') ? '\n' : ''}${line}${text.slice(at)}`;
}

function localeObject(locale: NewLocale): Record<string, unknown> {
  return {
    code: locale.code,
    name: locale.name,
    ...(locale.dir === 'rtl' ? { dir: 'rtl' } : {}),
    ...(locale.fallback?.length ? { fallback: [...locale.fallback] } : {}),
  };
}

/**
 * Gives every localized text of the config (`{ ja: …, en: … }`) values for more locales, computed from the
 * English one, and returns the new YAML. Used for pseudo-locales, whose config is generated, so the
 * document may be re-serialized.
 */
export function addLocalizedValues(text: string, values: (english: string) => Record<string, string>): string {
  const doc = parseDocument(text);
  visit(doc, {
    Map(_, map) {
      const en = map.items.find((p: Pair) => isScalar(p.key) && p.key.value === 'en');
      const localized = map.items.every((p: Pair) => isScalar(p.key) && /^[a-z]{2,3}(-[A-Z][A-Za-z0-9]+)?$/.test(String(p.key.value)) && isScalar(p.value));
      if (!en || !localized || typeof (en.value as Scalar).value !== 'string') return;
      for (const [code, value] of Object.entries(values((en.value as Scalar<string>).value))) if (!map.has(code)) map.set(code, value);
    },
  });
  if (!isMap(doc.contents)) throw new ConfigEditError('the config is not a YAML mapping');
  return doc.toString({ lineWidth: 0 });
}

import { partsText, tokenizeInline, visibleText, type InlineMode, type Part } from './inline-codes.ts';

/** The pseudo-locales Kotae generates from English, as Android and Chromium name them; their names are pseudo text too. */
export const PSEUDO_LOCALES = {
  'en-XA': { name: '[Éñĝļîšĥ (XA)]', dir: 'ltr' as const },
  'ar-XB': { name: '\u202EEnglish (XB)\u202C', dir: 'rtl' as const },
};
export type PseudoLocale = keyof typeof PSEUDO_LOCALES;

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);
const FILLER = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** Marks that start and end every pseudo-translated string: a test finds untranslated text by their absence. */
export const XA_OPEN = '[';
export const XA_CLOSE = ']';
/** RIGHT-TO-LEFT OVERRIDE … POP DIRECTIONAL FORMATTING: ar-XB text reads mirrored, like a real RTL script. */
export const XB_OPEN = '\u202E';
export const XB_CLOSE = '\u202C';

/**
 * en-XA: every letter accented, about 35% longer (filler words, so line breaks still happen between words),
 * inside brackets. Only text is changed: inline codes (links' targets, code, variables, tags) stay as written.
 *
 * @example pseudoXA('Search help articles') // '[Šéåŕçĥ ĥéļþ åŕţîçļéš one two]'
 */
export function pseudoXA(text: string, mode: InlineMode = 'markdown'): string {
  const parts = tokenizeInline(text, mode);
  // An image alone in its block: the brackets and padding go into its alt text, not around the image.
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'pc' && only.role === 'image') return `${only.start}${pseudoXA(partsText(only.children), 'plain')}${only.end}`;
  const shown = [...visibleText(parts)].length;
  mapText(parts, (s) => [...s].map((c) => ACCENTED[c] ?? c).join(''));
  const target = Math.ceil(shown * 0.35);
  let pad = '';
  for (let i = 0; pad.length < target; i++) pad += ` ${FILLER[i % FILLER.length]}`;
  pad = pad.slice(0, target).trimEnd();
  // A heading id must stay last on its line: `## [Ƥåŕţš one] {#parts}`.
  const last = parts[parts.length - 1];
  const anchor = last?.kind === 'ph' && last.role === 'anchor' ? parts.pop()! : undefined;
  const body = partsText(parts);
  if (anchor) return `${XA_OPEN}${body.trimEnd()}${pad}${XA_CLOSE} ${partsText([anchor])}`;
  return `${XA_OPEN}${body}${pad}${XA_CLOSE}`;
}

/**
 * ar-XB: English words shown right to left (each text run wrapped in RLO … PDF), so a right-to-left layout
 * can be checked by someone who reads neither Arabic nor Hebrew. Codes stay as written.
 */
export function pseudoXB(text: string, mode: InlineMode = 'markdown'): string {
  const parts = tokenizeInline(text, mode);
  mapText(parts, (s) => (s.trim() ? s.replace(/^(\s*)([\s\S]*?)(\s*)$/, `$1${XB_OPEN}$2${XB_CLOSE}$3`) : s));
  return partsText(parts);
}

/** The pseudo text of `locale` for an English string. */
export function pseudoText(locale: PseudoLocale, text: string, mode: InlineMode = 'markdown'): string {
  return locale === 'en-XA' ? pseudoXA(text, mode) : pseudoXB(text, mode);
}

function mapText(parts: Part[], f: (s: string) => string): void {
  for (const p of parts) {
    if (p.kind === 'text') p.text = f(p.text);
    else if (p.kind === 'pc') mapText(p.children, f);
  }
}

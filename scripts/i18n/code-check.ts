import { codesOf, tokenizeInline, type Code, type Part } from './inline-codes.ts';

/** Codes whose absence or addition is a matter of language, not a mistake: line breaks and escapes. */
const LOOSE_ROLES = new Set(['break', 'escape']);

/** What a translation did to the source's codes: those it lost and those it added (numbers the source does not define). */
export interface CodeMismatch {
  lost: Code[];
  added: Code[];
}

/**
 * The codes of a translated segment against its source's, both numbered alike (`alignCodes`): a code the
 * source defines and the translation lacks is lost; a code numbered past the source's, or of another kind than
 * the source's code of that number, is added. Line breaks and escapes are left out. `i18n:qa` reports each, and
 * the export marks the unit for review, so a placeholder a translator cannot map to the source is never final.
 */
export function segmentCodeMismatch(source: readonly Part[], target: readonly Part[]): CodeMismatch {
  const sCodes = codesOf(source).filter((c) => !LOOSE_ROLES.has(c.role));
  const tCodes = codesOf(target).filter((c) => !LOOSE_ROLES.has(c.role));
  const key = (c: Code) => `${c.kind}:${c.id}`;
  const tKeys = new Set(tCodes.map(key));
  const sKeys = new Set(sCodes.map(key));
  return { lost: sCodes.filter((c) => !tKeys.has(key(c))), added: tCodes.filter((c) => !sKeys.has(key(c))) };
}

/**
 * The `{{variables}}` and tags of a UI string against its reference's, compared by name (`{{count}}` and
 * `{{count, number}}` are one value, formatted). A one-form plural (`_one`) may leave out `{{count}}`, as i18next
 * allows.
 */
export function uiCodeMismatch(sourceText: string, targetText: string, optionalCount: boolean): { lost: string[]; added: string[] } {
  const name = (c: Code) => (c as Extract<Code, { kind: 'ph' }>).data.replace(/^\{\{\s*([^,}]+?)\s*(,[^}]*)?\}\}$/, '{{$1}}');
  const sCodes = codesOf(tokenizeInline(sourceText, 'ui')).map(name);
  const tCodes = codesOf(tokenizeInline(targetText, 'ui')).map(name);
  return { lost: missingFrom(sCodes, tCodes).filter((c) => !(optionalCount && c === '{{count}}')), added: missingFrom(tCodes, sCodes) };
}

/** Items of `a` not in `b`, counting repeats. */
export function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  const rest = [...b];
  const out: string[] = [];
  for (const x of a) {
    const i = rest.indexOf(x);
    if (i >= 0) rest.splice(i, 1);
    else out.push(x);
  }
  return out;
}

/**
 * Whether a query asks for a person rather than an answer ("talk to a human", 担当者と話したい). The phrases
 * are data, one list per language: the UI string `contact.personPhrases` of `i18n/<locale>/widget.json`,
 * phrases separated by `|`, so translators keep them with the other strings. Used by the widget and the KB
 * search page alike.
 */
export function personPhrases(text: string): string[] {
  return text
    .split('|')
    .map(fold)
    .filter((p) => p !== '');
}

/**
 * True when `query` contains one of `phrases` ({@link personPhrases}): a phrase of words (Latin and other
 * spaced scripts) must match whole words; a phrase without spaces in a script written without them
 * (Japanese) may sit anywhere, since such queries have no word boundaries to match.
 */
export function asksForPerson(query: string, phrases: readonly string[]): boolean {
  const folded = fold(query);
  if (!folded) return false;
  const spaced = ` ${folded} `;
  const unspaced = folded.replaceAll(' ', '');
  return phrases.some((p) => (UNSPACED_SCRIPT.test(p) ? unspaced.includes(p.replaceAll(' ', '')) : spaced.includes(` ${p} `)));
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/** NFKC, lower case, punctuation to single spaces: "Talk to a HUMAN!" and "talk to a human" are one. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

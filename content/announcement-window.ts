/**
 * When and where an announcement shows: the same rule for the build (which drops the ended ones), the KB
 * banner and the widget (which check the time again in the browser, so an ended one goes without a rebuild).
 * No imports: it is bundled into both browser scripts.
 */
interface Timed {
  starts: string;
  ends: string;
  products: readonly string[];
}

/** Not yet ended at `now` (ms since the epoch): what a build publishes. */
export function notEnded<T extends Timed>(list: readonly T[], now: number): T[] {
  return list.filter((a) => Date.parse(a.ends) > now);
}

/**
 * Showing at `now` for the product the host named: started, not ended, and about that product (or about
 * every product). With no product named, every announcement of the window shows.
 */
export function showing<T extends Timed>(list: readonly T[], now: number, product?: string): T[] {
  return list.filter(
    (a) => Date.parse(a.starts) <= now && now < Date.parse(a.ends) && (product === undefined || a.products.length === 0 || a.products.includes(product)),
  );
}

/** Words of a query that say nothing about what it is about ("how do I get a refund for my order"). */
const FUNCTION_WORDS = new Set(
  'the and for you your are was were not but how what when where why who can could does did get got has have had this that with from into our out all any its'.split(
    ' ',
  ),
);

/**
 * Whether a query is about an announcement: one of its words (three letters or more, not a function word)
 * begins a word of the announcement's title or text or names one of its products. Japanese is written
 * without spaces, so a run of it (two characters or more) matches anywhere in the text. Loose on purpose: a
 * customer searching during an incident should see it.
 */
export function relatedTo(query: string, title: string, text: string, products: readonly string[]): boolean {
  const words = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .split(/[\s\p{P}\p{S}]+/u)
      .filter(Boolean);
  const own = words(`${title} ${text} ${products.join(' ')}`);
  const joined = own.join(' ');
  return words(query).some((word) =>
    /^[\p{Script=Latin}\d]+$/u.test(word)
      ? word.length >= 3 && !FUNCTION_WORDS.has(word) && own.some((w) => w.startsWith(word))
      : word.length >= 2 && joined.includes(word),
  );
}

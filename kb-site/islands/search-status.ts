/**
 * The search page's status line ("3 results for “wifi”") without a translation runtime in the browser:
 * the page renders, through i18n/runtime/translator.ts, the line for every count the island can show, cut
 * where the query goes; the island picks the line for its count and puts the query in. Plural forms,
 * digits and word order are thus all decided at build time, in the one place that decides them.
 */

/** Results shown per query: each needs its section text, so more results cost more downloads. */
export const RESULTS_SHOWN = 10;

/** For each count 0‥RESULTS_SHOWN, the status line's text around the query (`["3 results for “", "”"]`). */
export type StatusLines = readonly (readonly string[])[];

/** The status line for `count` results of `query`. */
export function statusLine(lines: StatusLines, count: number, query: string): string {
  return (lines[Math.min(count, lines.length - 1)] ?? []).join(query);
}

/**
 * Heading ids are URL fragments (`/ja/articles/x/#connect-wifi`), so they must not change between builds
 * or between languages: a link to a section in Japanese must land on the same section in English.
 *
 * The id of a heading is, in order of preference:
 * 1. the writer's explicit id: `## Wi-Fi に接続する {#connect-wifi}`;
 * 2. for a translation whose outline matches its source, the id of the source's heading at the same place;
 * 3. a slug of the heading text.
 * Duplicates within one entry get `-2`, `-3`… in document order.
 */

const EXPLICIT_ID = /\s*\{#([^}\s]*)\}\s*$/;
export const VALID_ID = /^[a-z0-9][a-z0-9_-]*$/;

/** Splits `Title {#id}` into the visible text and the explicit id, if any. */
export function splitExplicitId(text: string): { text: string; id: string | undefined } {
  const match = EXPLICIT_ID.exec(text);
  if (!match) return { text, id: undefined };
  return { text: text.slice(0, match.index), id: match[1] };
}

/** `Wi-Fi に接続する` → `wi-fi-に接続する`: letters and digits of any script, words joined by `-`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .trim()
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

export interface OutlineHeading {
  depth: number;
  id: string;
}

/** True when two outlines have the same number of headings at the same depths. */
export function sameShape(a: readonly OutlineHeading[], b: readonly { depth: number }[]): boolean {
  return a.length === b.length && a.every((h, i) => h.depth === b[i]!.depth);
}

/** Makes ids unique within one entry, keeping the first occurrence unchanged. */
export function dedupe(ids: string[]): string[] {
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const base = id || 'section';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

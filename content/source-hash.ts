import { createHash } from 'node:crypto';

/** The parts of an entry a translation is made from; a change to any of them makes translations stale. */
export interface TranslatableSource {
  title: string;
  summary?: string | undefined;
  aliases: readonly string[];
  body: string;
}

/**
 * Normalizes text so that edits a translator would not care about (line endings, trailing spaces, extra
 * blank lines, Unicode composition) do not mark translations stale.
 */
export function normalizeSourceText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The 16-hex-digit hash recorded in a translation's `source.hash`. Stable across platforms and builds.
 *
 * @example sourceHash({ title: 'パスワード', aliases: [], body: '本文' }) // → 'a3f0…' (16 hex digits)
 */
export function sourceHash(source: TranslatableSource): string {
  const canonical = JSON.stringify([
    normalizeSourceText(source.title),
    normalizeSourceText(source.summary ?? ''),
    source.aliases.map(normalizeSourceText),
    normalizeSourceText(source.body),
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}

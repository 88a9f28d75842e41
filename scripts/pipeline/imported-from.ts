import path from 'node:path';
import type { Problems } from '../../content/problems.ts';
import { fieldAt, type EntryHeader } from './load.ts';

/**
 * Two entries of one locale imported from the same article: a second import wrote a copy instead of updating
 * (an id or file changed by hand), and the old help center's URLs and links would be split between them.
 */
export function checkImportedFrom(entries: readonly EntryHeader[], contentDir: string, problems: Problems): void {
  const seen = new Map<string, EntryHeader>();
  for (const entry of [...entries].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const from = entry.meta.importedFrom;
    if (!from) continue;
    const key = `${entry.locale}\0${from}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, entry);
      continue;
    }
    const at = fieldAt(entry, ['importedFrom']);
    problems.error(
      entry.file,
      at.line,
      at.col,
      `imported from ${from} like ${path.relative(contentDir, first.file)} ("${first.meta.id}")`,
      'keep one of the two: merge them, then delete the other (its URLs go to previousUrls of the one you keep)',
    );
  }
}

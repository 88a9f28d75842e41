import { parse } from 'yaml';
import type { CorpusFile } from '../../scripts/corpus/corpus.ts';

/** A corpus file split the way the build reads it: YAML frontmatter, and the body after the closing `---` line. */
export interface SplitEntry {
  path: string;
  locale: string;
  frontmatter: unknown;
  body: string;
}

/** Splits an entry file at its frontmatter fences; throws if the file does not start with one. */
export function splitEntry(file: CorpusFile): SplitEntry {
  if (!file.content.startsWith('---\n')) throw new Error(`${file.path}: no frontmatter`);
  const end = file.content.indexOf('\n---\n', 3);
  if (end < 0) throw new Error(`${file.path}: frontmatter is not closed`);
  return {
    path: file.path,
    locale: file.path.split('/')[0]!,
    frontmatter: parse(file.content.slice(4, end + 1)),
    body: file.content.slice(end + '\n---\n'.length),
  };
}

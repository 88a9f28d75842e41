import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EntryFrontmatter, type SiteConfig } from '../../content/schema/index.ts';
import { humanizeIssues } from './human-errors.ts';
import type { Problems } from './problems.ts';
import { parseYamlSource, type YamlSource } from './yaml-source.ts';

/** One Markdown file as written: its validated frontmatter and its body, with positions for errors. */
export interface SourceEntry {
  file: string;
  locale: string;
  /** Path inside the locale folder, with `/` separators: `billing/invoices.md`. */
  relPath: string;
  meta: EntryFrontmatter;
  body: string;
  /** Line of the file on which the body starts (1-based). */
  bodyLine: number;
  yaml: YamlSource;
}

const KNOWN_KEYS = Object.keys(EntryFrontmatter.shape);

/**
 * Reads every `content/<locale>/**.md` for the configured locales. Files with errors are reported to
 * `problems` and left out, so the rest can still be checked.
 */
export function loadEntries(contentDir: string, config: SiteConfig, problems: Problems): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const configured = new Set(config.locales.available.map((l) => l.code));
  for (const dirent of readdirSync(contentDir, { withFileTypes: true })) {
    if (!dirent.isDirectory() || configured.has(dirent.name)) continue;
    if (/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(dirent.name) && markdownFiles(path.join(contentDir, dirent.name)).length)
      problems.warning(path.resolve(contentDir, dirent.name), 1, 1, `folder "${dirent.name}" looks like a locale but is not in the site config`, `add it to locales.available in the site config, or rename the folder`);
  }
  for (const locale of [...configured].sort()) {
    const root = path.resolve(contentDir, locale);
    for (const file of markdownFiles(root)) {
      const entry = parseEntryFile(file, readFileSync(file, 'utf8'), locale, path.relative(root, file).split(path.sep).join('/'), problems);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

function markdownFiles(dir: string): string[] {
  let found: string[] = [];
  let dirents;
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const d of dirents) {
    if (d.name.startsWith('.')) continue;
    const full = path.join(dir, d.name);
    if (d.isDirectory()) found = found.concat(markdownFiles(full));
    else if (d.isFile() && d.name.endsWith('.md')) found.push(full);
  }
  return found.sort();
}

/**
 * Splits a Markdown file into frontmatter and body and validates the frontmatter.
 * Returns undefined (with problems reported) when the file cannot be used.
 */
export function parseEntryFile(file: string, raw: string, locale: string, relPath: string, problems: Problems): SourceEntry | undefined {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) {
    problems.error(file, 1, 1, 'the file does not start with frontmatter', 'begin the file with a line `---`, the YAML fields (id, type, title, category, updated), then a line `---`');
    return undefined;
  }
  const close = text.indexOf('\n---', 3);
  const closeEnd = close < 0 ? -1 : close + 4;
  if (close < 0 || (closeEnd < text.length && text[closeEnd] !== '\n')) {
    problems.error(file, 1, 1, 'the frontmatter is not closed', 'add a line containing only `---` after the last frontmatter field');
    return undefined;
  }
  const yamlText = text.slice(4, close + 1);
  const yaml = parseYamlSource(yamlText, 1);
  for (const e of yaml.errors) problems.error(file, e.line, e.col, `invalid YAML in frontmatter: ${e.message}`, 'fix the YAML syntax (quote values containing ":" or "#")');
  if (yaml.errors.length) return undefined;
  const parsed = EntryFrontmatter.safeParse(yaml.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    for (const issue of humanizeIssues(parsed.error.issues, KNOWN_KEYS)) {
      const at = yaml.locate(issue.path, issue.message.startsWith('unknown field') ? 'key' : 'value');
      problems.error(file, at.line, at.col, issue.message, issue.fix);
    }
    return undefined;
  }
  const body = closeEnd >= text.length ? '' : text.slice(closeEnd + 1);
  const bodyLine = text.slice(0, closeEnd + 1).split('\n').length;
  if (!body.trim()) {
    problems.error(file, bodyLine, 1, 'the entry has no text', 'write the answer below the closing `---`');
    return undefined;
  }
  return { file, locale, relPath, meta: parsed.data, body, bodyLine, yaml };
}

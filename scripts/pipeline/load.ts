import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EntryFrontmatter, type SiteConfig } from '../../content/schema/index.ts';
import { sourceHash } from '../../content/source-hash.ts';
import { humanizeIssues } from '../../content/human-errors.ts';
import type { Problems } from '../../content/problems.ts';
import { parsePlainYaml } from './plain-yaml.ts';
import { locateField, parseYamlSource, type FieldPositions } from '../../content/yaml-source.ts';

/**
 * What is known about a Markdown file without holding its text: enough to validate the whole site and to
 * plan a build. Plain data, so it can be passed between worker threads.
 */
export interface EntryHeader {
  file: string;
  locale: string;
  /** Path inside the locale folder, with `/` separators: `billing/invoices.md`. */
  relPath: string;
  meta: EntryFrontmatter;
  /** Line of the file on which the body starts (1-based). */
  bodyLine: number;
  /** Where the body starts in the file's text after BOM removal and line-ending normalization. */
  bodyStart: number;
  /** Where each frontmatter field is written, for errors found after parsing. */
  fields: FieldPositions;
  /** `sourceHash` of this entry's own text: what a translation made from it records. */
  textHash: string;
  /** Digest of the whole file (frontmatter and body), for the build's content hash. */
  digest: string;
}

/** One Markdown file as written: its header and its body. */
export interface SourceEntry extends EntryHeader {
  body: string;
}

/** Position of a frontmatter field of an entry (or of its nearest written ancestor). */
export function fieldAt(entry: EntryHeader, fieldPath: readonly (string | number)[]): { line: number; col: number } {
  return locateField(entry.fields, fieldPath);
}

/** The entry without its text. */
export function headerOf(entry: SourceEntry): EntryHeader {
  const { body: _body, ...header } = entry;
  return header;
}

/** Reads the body of an entry loaded earlier (by this or another thread), as `parseEntryFile` split it. */
export function readBody(entry: EntryHeader): string {
  return normalizeFile(readFileSync(entry.file, 'utf8')).slice(entry.bodyStart);
}

function normalizeFile(raw: string): string {
  return raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const KNOWN_KEYS = Object.keys(EntryFrontmatter.shape);

/**
 * Reads every `content/<locale>/**.md` for the configured locales. Files with errors are reported to
 * `problems` and left out, so the rest can still be checked.
 */
export function loadEntries(contentDir: string, config: SiteConfig, problems: Problems): SourceEntry[] {
  checkLocaleFolders(contentDir, config, problems);
  return configuredLocales(config).flatMap((locale) => loadLocale(contentDir, locale, problems));
}

/** The configured locale codes in the order entries are loaded. */
export function configuredLocales(config: SiteConfig): string[] {
  return config.locales.available.map((l) => l.code).sort();
}

/** Warns about folders that look like a locale the site config does not list (their files would be ignored). */
export function checkLocaleFolders(contentDir: string, config: SiteConfig, problems: Problems): void {
  const configured = new Set(configuredLocales(config));
  for (const dirent of readdirSync(contentDir, { withFileTypes: true })) {
    if (!dirent.isDirectory() || configured.has(dirent.name)) continue;
    if (/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(dirent.name) && markdownFiles(path.join(contentDir, dirent.name)).length)
      problems.warning(
        path.resolve(contentDir, dirent.name),
        1,
        1,
        `folder "${dirent.name}" looks like a locale but is not in the site config`,
        `add it to locales.available in the site config, or rename the folder`,
      );
  }
}

/** Reads every `content/<locale>/**.md` of one locale, in path order. */
export function loadLocale(contentDir: string, locale: string, problems: Problems): SourceEntry[] {
  const entries: SourceEntry[] = [];
  const root = path.resolve(contentDir, locale);
  for (const file of markdownFiles(root)) {
    const entry = parseEntryFile(file, readFileSync(file, 'utf8'), locale, path.relative(root, file).split(path.sep).join('/'), problems);
    if (entry) entries.push(entry);
  }
  return entries;
}

function markdownFiles(dir: string): string[] {
  let found: string[] = [];
  let dirents: Dirent[];
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
  const text = normalizeFile(raw);
  if (!text.startsWith('---\n')) {
    problems.error(
      file,
      1,
      1,
      'the file does not start with frontmatter',
      'begin the file with a line `---`, the YAML fields (id, type, title, category, updated), then a line `---`',
    );
    return undefined;
  }
  const close = text.indexOf('\n---', 3);
  const closeEnd = close < 0 ? -1 : close + 4;
  if (close < 0 || (closeEnd < text.length && text[closeEnd] !== '\n')) {
    problems.error(file, 1, 1, 'the frontmatter is not closed', 'add a line containing only `---` after the last frontmatter field');
    return undefined;
  }
  const yamlText = text.slice(4, close + 1);
  // Most frontmatter is plain enough for the fast reader; the full parser handles the rest and locates errors.
  const plain = parsePlainYaml(yamlText, 1);
  const quick = plain && EntryFrontmatter.safeParse(plain.data);
  if (plain && quick?.success) return entryFrom(file, locale, relPath, text, closeEnd, quick.data, plain.fields, problems);
  const yaml = parseYamlSource(yamlText, 1);
  for (const e of yaml.errors) problems.error(file, e.line, e.col, `invalid YAML in frontmatter: ${e.message}`, e.fix);
  if (yaml.errors.length) return undefined;
  const parsed = EntryFrontmatter.safeParse(yaml.data ?? {}, { reportInput: true });
  if (!parsed.success) {
    for (const issue of humanizeIssues(parsed.error.issues, KNOWN_KEYS)) {
      const at = yaml.locate(issue.path, issue.message.startsWith('unknown field') ? 'key' : 'value');
      problems.error(file, at.line, at.col, issue.message, issue.fix);
    }
    return undefined;
  }
  return entryFrom(file, locale, relPath, text, closeEnd, parsed.data, yaml.fields(), problems);
}

function entryFrom(
  file: string,
  locale: string,
  relPath: string,
  text: string,
  closeEnd: number,
  meta: EntryFrontmatter,
  fields: FieldPositions,
  problems: Problems,
): SourceEntry | undefined {
  const body = closeEnd >= text.length ? '' : text.slice(closeEnd + 1);
  const bodyLine = text.slice(0, closeEnd + 1).split('\n').length;
  if (!body.trim()) {
    problems.error(file, bodyLine, 1, 'the entry has no text', 'write the answer below the closing `---`');
    return undefined;
  }
  return {
    file,
    locale,
    relPath,
    // Parsed strings are slices of the file's text and would keep all of it alive for as long as the
    // header lives; a JSON round trip gives the frontmatter its own small strings.
    meta: JSON.parse(JSON.stringify(meta)) as EntryFrontmatter,
    body,
    bodyLine,
    bodyStart: text.length - body.length,
    fields,
    textHash: sourceHash({ title: meta.title, summary: meta.summary, aliases: meta.aliases, body }),
    digest: createHash('sha256').update(text).digest('hex'),
  };
}

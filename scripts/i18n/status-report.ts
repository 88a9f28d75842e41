import path from 'node:path';
import type { LocaleContentStatus } from './content-status.ts';
import type { LocaleUiStatus } from './ui-status.ts';

/** Everything `i18n:status` knows about one locale. */
export interface LocaleStatus {
  code: string;
  name: string;
  content: LocaleContentStatus;
  ui: LocaleUiStatus;
}

/** The counts of the `--json` line, keyed by locale, fields exactly as the issue names them. */
export function statusJson(locales: readonly LocaleStatus[]): string {
  const out: Record<string, { translated: number; missing: number; stale: number; orphaned: number; ui_missing: number }> = {};
  for (const l of locales)
    out[l.code] = { translated: l.content.translated.length, missing: l.content.missing.length, stale: l.content.stale.length, orphaned: l.content.orphaned.length, ui_missing: l.ui.missing.length };
  return JSON.stringify({ locales: out });
}

/** True when a locale has work a content repository's CI should stop on: missing or stale entries, missing UI strings. */
export function needsWork(l: LocaleStatus): boolean {
  return l.content.missing.length > 0 || l.content.stale.length > 0 || l.ui.missing.length > 0;
}

/**
 * The report for translators: per locale a table of counts, then each list with the files to open and
 * what to do, in plain words. Paths are relative to `cwd` so they can be opened from the terminal.
 */
export function statusText(locales: readonly LocaleStatus[], sourceLocale: string, cwd = process.cwd()): string {
  const rel = (file: string) => path.relative(cwd, file) || file;
  const lines: string[] = [];
  for (const l of locales) {
    const c = l.content;
    lines.push(`== ${l.name} (${l.code}) ==`);
    lines.push(
      ...table([
        ['translated', c.translated.length, 'translations up to date with their source'],
        ['missing', c.missing.length, 'entries not translated yet'],
        ['stale', c.stale.length, 'translations whose source changed since'],
        ['orphaned', c.orphaned.length, 'translations whose source is gone'],
        ['UI missing', l.ui.missing.length, 'interface strings not translated yet'],
        ['UI unused', l.ui.unused.length, 'interface strings no longer needed'],
      ]),
    );
    if (c.missing.length) {
      lines.push('', '  Missing: translate the source file and save the translation at the path shown.');
      lines.push('  Keep the same id and type, and add the `source:` line shown to its frontmatter.');
      for (const m of c.missing)
        lines.push(`    ${m.id}`, `      source file: ${rel(m.sourceFile)}`, `      create:      ${rel(m.expectedFile)}`, `      add:         source: { locale: ${m.sourceLocale}, hash: "${m.sourceHash}" }`);
    }
    if (c.stale.length) {
      lines.push('', '  Stale: the source changed after this translation was made. Update the text from the source,');
      lines.push('  then replace source.hash in the translation with the new hash shown.');
      for (const s of c.stale)
        lines.push(`    ${s.id}`, `      translation: ${rel(s.file)}`, `      source:      ${rel(s.sourceFile)}`, `      source.hash: ${s.recordedHash || '(none)'}  ->  ${s.currentHash}`);
    }
    if (c.orphaned.length) {
      lines.push('', '  Orphaned: no source entry with this id exists any more. Delete the file, or fix its id or source.locale.');
      for (const o of c.orphaned) lines.push(`    ${o.id}`, `      translation: ${rel(o.file)}  (source.locale: ${o.sourceLocale})`);
    }
    if (l.ui.missing.length) {
      lines.push('', `  UI strings missing: add these keys (namespace:key) to i18n/${l.code}/<namespace>.json, translated from the ${sourceLocale} bundle.`);
      for (const file of l.ui.missingFiles) lines.push(`    (file does not exist yet: ${rel(file)})`);
      for (const key of l.ui.missing) lines.push(`    ${key}`);
    }
    if (l.ui.unused.length) {
      lines.push('', '  UI strings unused: these keys are not in the reference bundle; they can be deleted.');
      for (const key of l.ui.unused) lines.push(`    ${key}`);
    }
    if (!needsWork(l) && !c.orphaned.length && !l.ui.unused.length) lines.push('', '  Nothing to do.');
    lines.push('');
  }
  return lines.join('\n');
}

function table(rows: [string, number, string][]): string[] {
  const w = Math.max(...rows.map((r) => r[0].length));
  const n = Math.max(...rows.map((r) => String(r[1]).length));
  return rows.map(([label, count, meaning]) => `  ${label.padEnd(w)}  ${String(count).padStart(n)}  ${meaning}`);
}

import path from 'node:path';
import type { LocaleContentStatus } from './content-status.ts';
import { toolStrings, type ToolT } from './tool-strings.ts';
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
    out[l.code] = {
      translated: l.content.translated.length,
      missing: l.content.missing.length,
      stale: l.content.stale.length,
      orphaned: l.content.orphaned.length,
      ui_missing: l.ui.missing.length,
    };
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
export function statusText(locales: readonly LocaleStatus[], sourceLocale: string, cwd = process.cwd(), t: ToolT = toolStrings()): string {
  const rel = (file: string) => path.relative(cwd, file) || file;
  const lines: string[] = [];
  for (const l of locales) {
    const c = l.content;
    lines.push(t('status.heading', { name: l.name, code: l.code }));
    const row = (key: string, count: number): [string, number, string] => [t(`status.rows.${key}`), count, t(`status.rows.${key}Meaning`)];
    lines.push(
      ...table([
        row('translated', c.translated.length),
        row('missing', c.missing.length),
        row('stale', c.stale.length),
        row('orphaned', c.orphaned.length),
        row('uiMissing', l.ui.missing.length),
        row('uiUnused', l.ui.unused.length),
      ]),
    );
    if (c.missing.length) {
      lines.push('', `  ${t('status.missingIntro')}`, `  ${t('status.missingIntro2')}`);
      for (const m of c.missing)
        lines.push(
          `    ${m.id}`,
          `      ${t('status.sourceFile')} ${rel(m.sourceFile)}`,
          `      ${t('status.create')} ${rel(m.expectedFile)}`,
          `      ${t('status.add')} source: { locale: ${m.sourceLocale}, hash: "${m.sourceHash}" }`,
        );
    }
    if (c.stale.length) {
      lines.push('', `  ${t('status.staleIntro')}`, `  ${t('status.staleIntro2')}`);
      for (const s of c.stale)
        lines.push(
          `    ${s.id}`,
          `      ${t('status.translation')} ${rel(s.file)}`,
          `      ${t('status.source')} ${rel(s.sourceFile)}`,
          `      source.hash: ${s.recordedHash || '(none)'}  ->  ${s.currentHash}`,
          `      ${t('status.whatChanged')} npm run i18n:diff -- ${s.id} --locale ${l.code}`,
        );
    }
    if (c.orphaned.length) {
      lines.push('', `  ${t('status.orphanedIntro')}`);
      for (const o of c.orphaned) lines.push(`    ${o.id}`, `      ${t('status.translation')} ${rel(o.file)}  (source.locale: ${o.sourceLocale})`);
    }
    if (l.ui.missing.length) {
      lines.push('', `  ${t('status.uiMissingIntro', { code: l.code, source: sourceLocale })}`);
      for (const file of l.ui.missingFiles) lines.push(`    ${t('status.noFile', { file: rel(file) })}`);
      for (const key of l.ui.missing) lines.push(`    ${key}`);
    }
    if (l.ui.unused.length) {
      lines.push('', `  ${t('status.uiUnusedIntro')}`);
      for (const key of l.ui.unused) lines.push(`    ${key}`);
    }
    if (c.missing.length || c.stale.length || l.ui.missing.length) lines.push('', `  ${t('status.workflow', { code: l.code })}`);
    if (!needsWork(l) && !c.orphaned.length && !l.ui.unused.length) lines.push('', `  ${t('status.nothing')}`);
    lines.push('');
  }
  return lines.join('\n');
}

function table(rows: [string, number, string][]): string[] {
  const w = Math.max(...rows.map((r) => columns(r[0])));
  const n = Math.max(...rows.map((r) => String(r[1]).length));
  return rows.map(([label, count, meaning]) => `  ${label}${' '.repeat(w - columns(label))}  ${String(count).padStart(n)}  ${meaning}`);
}

/** Terminal columns of a label: East Asian wide characters take two. */
function columns(s: string): number {
  let n = 0;
  for (const c of s) n += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(c) ? 2 : 1;
  return n;
}

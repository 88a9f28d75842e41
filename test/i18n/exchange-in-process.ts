/**
 * Export and import without spawning the CLIs: a copy of a content tree, the workspace loaded from it, and a
 * translator's edits applied to an export before it is written in a format, read back and imported.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { applyImport, type ImportResult } from '../../scripts/i18n/apply-import.ts';
import { buildExport, loadWorkspace, type ExchangeDoc, type ExchangeUnit, type Workspace } from '../../scripts/i18n/exchange.ts';
import type { Format, ImportedDoc } from '../../scripts/i18n/exchange-format.ts';
import { readPo, writePo } from '../../scripts/i18n/po.ts';
import { toolStrings } from '../../scripts/i18n/tool-strings.ts';
import { readXliff12, writeXliff12 } from '../../scripts/i18n/xliff12.ts';
import { readXliff2, writeXliff2 } from '../../scripts/i18n/xliff2.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { ROOT } from '../content/run-cli.ts';

/** A writable copy of a content folder and an i18n folder, outside git (so no history to pair through). */
export function copyTree(content: string, i18n = path.join(ROOT, 'i18n')): { root: string; content: string; i18n: string; remove: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-'));
  cpSync(content, path.join(root, 'content'), { recursive: true });
  cpSync(i18n, path.join(root, 'i18n'), { recursive: true });
  return { root, content: path.join(root, 'content'), i18n: path.join(root, 'i18n'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

export function workspaceOf(dirs: { content: string; i18n: string }): Workspace {
  const loaded = loadSiteConfig(dirs.content);
  if (!loaded.config) throw new Error(`no site config in ${dirs.content}`);
  return loadWorkspace(dirs.content, dirs.i18n, loaded.config);
}

export function exportDoc(dirs: { content: string; i18n: string }, sourceLocale: string, targetLocale: string): ExchangeDoc {
  return buildExport(workspaceOf(dirs), { sourceLocale, targetLocale });
}

/** The file as a CAT tool gets it, and read back as the import reads it. */
export function throughFormat(doc: ExchangeDoc, format: Format): ImportedDoc {
  if (format === 'po') return readPo(writePo(doc));
  if (format === 'xliff12') return readXliff12(writeXliff12(doc));
  return readXliff2(writeXliff2(doc));
}

/** A copy of the export with `edit` applied to every unit of every entry (UI strings left out). */
export function editEntries(doc: ExchangeDoc, edit: (fileId: string, unit: ExchangeUnit) => ExchangeUnit): ExchangeDoc {
  return { ...doc, files: doc.files.filter((f) => !f.id.startsWith('ui.')).map((f) => ({ ...f, units: f.units.map((u) => edit(f.id, u)) })) };
}

export function importDoc(dirs: { content: string; i18n: string }, doc: ImportedDoc): ImportResult {
  return applyImport(workspaceOf(dirs), doc, toolStrings('en'));
}

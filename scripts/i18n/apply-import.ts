import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entryPair, pairParts, type Workspace } from './exchange.ts';
import type { ImportedDoc, ImportedFile } from './exchange-format.ts';
import { alignCodes, codesOf, numberedText, partsText, tokenizeInline, type Code, type Part } from './inline-codes.ts';
import { applySegments, segmentFile } from './markdown-segments.ts';
import { toolStrings, type ToolT } from './tool-strings.ts';
import { flattenBundle, PLURAL_SUFFIX, readBundle, referenceLocaleOf, setBundleKey, writeBundle, type BundleData } from './ui-bundles.ts';

/** What an import did, for the CLI to print. */
export interface ImportResult {
  written: string[];
  unchanged: string[];
  /** Entries with no translated segment at all (left as they were, not an error). */
  untranslated: string[];
  /** `path  message` lines; `errors` counts those that stopped a file from being written. */
  messages: string[];
  errors: number;
}

/**
 * Writes the translations of an exchange file into the content and UI bundles of its target locale.
 * An existing translation whose blocks line up with the source is edited in place (only translated segments
 * change), and its `source.hash` becomes the exported source's hash once every segment is translated and
 * none is left for review. A new translation (or one whose blocks no longer line up) is built from the
 * source file with every segment replaced, and must therefore be complete. A file whose source changed
 * since the export is refused, so a translation is never recorded against a source it was not made from.
 */
export function applyImport(ws: Workspace, doc: ImportedDoc, t: ToolT = toolStrings()): ImportResult {
  const result: ImportResult = { written: [], unchanged: [], untranslated: [], messages: [], errors: 0 };
  const locales = ws.config.locales.available.map((l) => l.code);
  if (!locales.includes(doc.targetLocale)) {
    result.messages.push(`(file)  ${t('import.unknownLocale', { locale: doc.targetLocale, known: locales.join(', ') })}`);
    result.errors++;
    return result;
  }
  for (const file of doc.files) {
    if (file.id.startsWith('ui.')) importUi(ws, doc.targetLocale, file, result, t);
    else importEntry(ws, doc.targetLocale, file, result, t);
  }
  return result;
}

function importEntry(ws: Workspace, locale: string, file: ImportedFile, result: ImportResult, t: ToolT): void {
  const fail = (where: string, message: string) => {
    result.messages.push(`${where}  ${message}`);
    result.errors++;
  };
  const family = ws.model.families.get(file.id);
  if (!family) return fail(file.original || file.id, t('import.unknownEntry', { id: file.id }));
  if (family.source.locale === locale) return fail(family.source.file, t('import.isSource', { id: file.id, locale }));
  if (file.sourceHash && file.sourceHash !== family.sourceHash)
    return fail(family.source.file, t('import.sourceChanged', { id: file.id, old: file.sourceHash, new: family.sourceHash, locale }));
  const translation = family.translations.get(locale);
  const pair = entryPair(family.source, translation);
  const parts = pairParts(pair);
  const units = new Map(file.units.map((u) => [u.id, u]));
  for (const u of file.units)
    if (!parts.has(u.id)) result.messages.push(`${family.source.file}  ${t('import.unknownSegment', { segment: u.id, id: file.id })}`);
  // A unit goes only into the segment whose source it was exported with: a file whose ids were shuffled, or
  // exported from another version of the source, would otherwise put text into blocks it does not translate.
  const mismatched = pair.source.segments.find((seg) => {
    const unit = units.get(seg.key);
    return unit?.source !== undefined && numberedText(unit.source) !== numberedText(parts.get(seg.key)!.source);
  });
  if (mismatched) return fail(family.source.file, t('import.sourceMismatch', { segment: mismatched.key, id: file.id, line: mismatched.line }));

  const replacements = new Map<string, string>();
  let complete = true;
  let confirmed = true;
  let edited = false;
  for (const seg of pair.source.segments) {
    const unit = units.get(seg.key);
    const p = parts.get(seg.key)!;
    if (!unit?.target) {
      complete = false;
      confirmed = false;
      if (p.target) edited = true; // a pre-filled translation was removed
      continue;
    }
    if (unit.state !== 'final') confirmed = false;
    const text = resolveCodes(unit.target, [...codesOf(p.source), ...codesOf(p.target ?? [])]);
    if (typeof text !== 'string')
      return fail(family.source.file, t('import.badSegment', { segment: seg.key, id: file.id, line: seg.line, error: t(text.error.key, text.error.vars) }));
    // Confirming a segment the export marked for review is an edit too.
    if (!p.target || text !== partsText(p.target) || (unit.state === 'final' && !p.current)) edited = true;
    replacements.set(seg.key, text);
  }

  const dest = translation?.file ?? path.resolve(ws.contentDir, locale, family.source.relPath);
  const newHash = confirmed ? family.sourceHash : undefined;
  let out: string;
  if (pair.aligned) {
    out = applySegments(pair.translation!, replacements, newHash);
  } else {
    // The file is rebuilt from the source's blocks, so it is written only when the translator changed something.
    if (!edited) {
      if (translation) result.unchanged.push(dest);
      else result.untranslated.push(file.id);
      return;
    }
    if (!complete) {
      const missing = pair.source.segments.filter((s) => !units.get(s.key)?.target).length;
      return fail(dest, t(translation ? 'import.incompleteRebuild' : 'import.incompleteNew', { missing, total: pair.source.segments.length, id: file.id }));
    }
    const built = applySegments(pair.source, replacements);
    const body = built.slice(segmentFile(built).bodyStart);
    const tr = pair.translation;
    const sameFields =
      tr &&
      tr.segments
        .filter((x) => x.yaml)
        .map((x) => x.key)
        .join() ===
        pair.source.segments
          .filter((x) => x.yaml)
          .map((x) => x.key)
          .join();
    if (tr && sameFields && tr.sourceHash) {
      // Keep the translation's own frontmatter (its tags, dates, order), with the new title, summary and aliases.
      const head = applySegments(tr, new Map([...replacements].filter(([k]) => tr.segments.some((x) => x.yaml && x.key === k))), newHash);
      out = head.slice(0, segmentFile(head).bodyStart) + body;
    } else {
      const head = built.slice(0, segmentFile(built).bodyStart);
      const fmEnd = segmentFile(built).frontmatter.end;
      const hash = newHash ?? translation?.meta.source?.hash ?? family.sourceHash;
      out = `${head.slice(0, fmEnd)}source: { locale: ${family.source.locale}, hash: "${hash}" }\n${head.slice(fmEnd)}${body}`;
    }
    if (!confirmed) result.messages.push(`${dest}  ${t('import.stillReview')}`);
  }
  writeIfChanged(dest, out, result);
}

function importUi(ws: Workspace, locale: string, file: ImportedFile, result: ImportResult, t: ToolT): void {
  const namespace = file.id.slice(3);
  const refLocale = referenceLocaleOf(ws.i18nDir, ws.config.locales.default, namespace);
  const refFile = path.join(ws.i18nDir, refLocale, `${namespace}.json`);
  if (!existsSync(refFile)) {
    result.messages.push(`${refFile}  ${t('import.unknownNamespace', { namespace })}`);
    result.errors++;
    return;
  }
  const reference = flattenBundle(readBundle(refFile));
  const dest = path.join(ws.i18nDir, locale, `${namespace}.json`);
  const data: BundleData = existsSync(dest) ? readBundle(dest) : {};
  const current = flattenBundle(data, dest);
  let changed = false;
  for (const unit of file.units) {
    if (!unit.target) continue;
    const plural = PLURAL_SUFFIX.exec(unit.id);
    const sourceText = reference.get(unit.id) ?? (plural ? reference.get(`${plural[1]}_other`) : undefined);
    if (sourceText === undefined) {
      result.messages.push(`${refFile}  ${t('import.unknownString', { key: unit.id, locale: refLocale })}`);
      continue;
    }
    const source = tokenizeInline(sourceText, 'ui');
    if (unit.source !== undefined && numberedText(unit.source) !== numberedText(source)) {
      result.messages.push(`${dest}  ${t('import.stringSourceMismatch', { key: unit.id, locale: refLocale })}`);
      result.errors++;
      continue;
    }
    const existing = current.has(unit.id) ? tokenizeInline(current.get(unit.id)!, 'ui') : [];
    alignCodes(source, existing);
    const text = resolveCodes(unit.target, [...codesOf(source), ...codesOf(existing)]);
    if (typeof text !== 'string') {
      result.messages.push(`${dest}  ${t('import.badString', { key: unit.id, error: t(text.error.key, text.error.vars) })}`);
      result.errors++;
      continue;
    }
    if (current.get(unit.id) !== text) {
      setBundleKey(data, unit.id, text);
      changed = true;
    }
  }
  if (!changed) {
    result.unchanged.push(dest);
    return;
  }
  mkdirSync(path.dirname(dest), { recursive: true });
  writeBundle(dest, data);
  result.written.push(dest);
}

/** The Markdown of translated parts, each code replaced by the bytes it stands for in the source (or the old translation). */
export function resolveCodes(parts: readonly Part[], codes: readonly Code[]): string | { error: { key: string; vars: Record<string, number> } } {
  const byId = new Map<number, Code>();
  for (const c of codes) if (!byId.has(c.id)) byId.set(c.id, c);
  let out = '';
  for (const p of parts) {
    if (p.kind === 'text') {
      out += p.text;
      continue;
    }
    const code = byId.get(p.id);
    if (!code) return { error: { key: 'import.codeUnknown', vars: { id: p.id } } };
    if (p.kind === 'ph') {
      if (code.kind !== 'ph') return { error: { key: 'import.codeNotPaired', vars: { id: p.id } } };
      out += code.data;
    } else {
      if (code.kind !== 'pc') return { error: { key: 'import.codePaired', vars: { id: p.id } } };
      const inner = resolveCodes(p.children, codes);
      if (typeof inner !== 'string') return inner;
      out += code.start + inner + code.end;
    }
  }
  return out;
}

function writeIfChanged(file: string, text: string, result: ImportResult): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) {
    result.unchanged.push(file);
    return;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  result.written.push(file);
}

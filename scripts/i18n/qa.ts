import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceEntry } from '../pipeline/load.ts';
import { entryPair, keyLines, segmentParts, type Workspace } from './exchange.ts';
import { missingFrom, segmentCodeMismatch, uiCodeMismatch } from './code-check.ts';
import { findTerm, type Glossary } from './glossary.ts';
import { alignCodes, codesOf, describeCode, tokenizeInline, visibleText, type Code, type Part } from './inline-codes.ts';
import { segmentFile, type SegmentedFile } from './markdown-segments.ts';
import { toolStrings, type ToolT } from './tool-strings.ts';
import { uiBudget } from './ui-budgets.ts';
import { flattenBundle, PLURAL_SUFFIX, pluralCategories, pluralForm, readBundle, referenceLocaleOf, uiNamespaces } from './ui-bundles.ts';

/** One QA finding, printed as `path:line  message`. */
export interface Finding {
  file: string;
  line: number;
  message: string;
}

/**
 * Checks everything written in `locale` that a translator touched: each translated entry against its
 * source (inline codes kept, same headings, links, images and code blocks), UI strings against their
 * reference bundle (variables and tags kept, every CLDR plural form of the locale present, within the
 * length budget), and the locale's glossary (required translations of source terms, forbidden terms).
 */
export function qaLocale(ws: Workspace, locale: string, glossary: Glossary, t: ToolT = toolStrings()): Finding[] {
  const findings: Finding[] = [];
  const families = [...ws.model.families.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const family of families) {
    const translation = family.translations.get(locale);
    if (translation) findings.push(...qaEntry(family.source, translation, glossary, t));
  }
  for (const entry of ws.entries) {
    if (entry.locale !== locale) continue;
    const file = segmentFile(readFileSync(entry.file, 'utf8'));
    for (const seg of file.segments)
      if (seg.kind !== 'alias') findings.push(...forbiddenTerms(entry.file, seg.line, visibleText(segmentParts(seg)), glossary, t));
  }
  findings.push(...qaUi(ws, locale, glossary, t));
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}

function qaEntry(source: SourceEntry, translation: SourceEntry, glossary: Glossary, t: ToolT): Finding[] {
  const out: Finding[] = [];
  const pair = entryPair(source, translation);
  const tr = pair.translation!;
  const at = (line: number, message: string) => out.push({ file: translation.file, line, message });
  // Every pair the export fills in is checked block by block, so a unit it marks for review has its finding here.
  pair.source.segments.forEach((sSeg, i) => {
    const m = pair.mapping[i];
    if (!m) return;
    const tSeg = tr.segments[m.index]!;
    const sParts = segmentParts(sSeg);
    const tParts = segmentParts(tSeg);
    alignCodes(sParts, tParts);
    compareCodes(sParts, tParts, sSeg.line, (msg) => at(tSeg.line, msg), t);
    if (!pair.aligned) return;
    const shown = visibleText(tParts);
    // Kana exist only in Japanese: in another language they are text left untranslated.
    if (!translation.locale.startsWith('ja') && /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(shown))
      at(tSeg.line, t(shown.trim() === visibleText(sParts).trim() ? 'qa.sameAsSource' : 'qa.kanaLeft', { line: sSeg.line }));
    for (const msg of requiredTerms(visibleText(sParts), visibleText(tParts), glossary, t)) at(tSeg.line, msg);
  });
  if (!pair.aligned) {
    const s = structureOf(pair.source);
    const d = structureOf(tr);
    const firstLine = tr.segments.find((x) => !x.yaml)?.line ?? 1;
    if (s.headings.length !== d.headings.length) at(firstLine, t('qa.headings', { count: d.headings.length, source: s.headings.length }));
    for (const anchor of s.anchors) if (!d.anchors.includes(anchor)) at(firstLine, t('qa.anchorMissing', { anchor }));
    for (const [kind, a, b] of [
      ['link', s.links, d.links],
      ['image', s.images, d.images],
    ] as const) {
      for (const x of missingFrom(a, b)) at(firstLine, t(`qa.${kind}Missing`, { target: x }));
      for (const x of missingFrom(b, a)) at(firstLine, t(`qa.${kind}Extra`, { target: x }));
    }
    const all = (f: SegmentedFile) => visibleText(f.segments.filter((x) => x.kind !== 'alias').flatMap(segmentParts));
    for (const m of requiredTerms(all(pair.source), all(tr), glossary, t)) at(firstLine, m);
  }
  const sBlocks = codeBlocks(pair.source.text);
  const tBlocks = codeBlocks(tr.text);
  if (sBlocks.length !== tBlocks.length) at(tBlocks[0]?.line ?? 1, t('qa.codeBlocks', { count: tBlocks.length, source: sBlocks.length }));
  else
    sBlocks.forEach((b, i) => {
      if (b.info !== tBlocks[i]!.info) at(tBlocks[i]!.line, t('qa.codeBlockInfo', { n: i + 1, info: tBlocks[i]!.info, source: b.info }));
    });
  return out;
}

/** Reports source codes the translation lost and codes it added (line breaks and escapes excepted). */
function compareCodes(source: Part[], target: Part[], sourceLine: number, report: (message: string) => void, t: ToolT): void {
  const describe = (c: Code) => describeCode(c, (role, english) => (t(`codes.${role}`) === `codes.${role}` ? english : t(`codes.${role}`)));
  const { lost, added } = segmentCodeMismatch(source, target);
  // A lost and an added code of the same role is one edited code (a localized example, a changed link).
  for (const c of lost) {
    const i = added.findIndex((a) => a.role === c.role);
    if (i >= 0) report(t('qa.codeChanged', { code: describe(c), now: describeCode(added.splice(i, 1)[0]!).replace(/^[^:]+: /, ''), line: sourceLine }));
    else report(t('qa.codeMissing', { code: describe(c), line: sourceLine }));
  }
  for (const c of added) report(t('qa.codeExtra', { code: describe(c), line: sourceLine }));
}

function requiredTerms(sourceText: string, targetText: string, glossary: Glossary, t: ToolT): string[] {
  const out: string[] = [];
  for (const term of glossary.terms)
    if (findTerm(sourceText, term.source) >= 0 && !term.target.some((t) => findTerm(targetText, t) >= 0))
      out.push(t('qa.termRequired', { term: term.source, targets: term.target.map((x) => `"${x}"`).join(t('qa.or')) }));
  return out;
}

function forbiddenTerms(file: string, line: number, text: string, glossary: Glossary, t: ToolT): Finding[] {
  return glossary.forbidden
    .filter((f) => findTerm(text, f.term) >= 0)
    .map((f) => ({ file, line, message: t('qa.termForbidden', { term: f.term, use: f.use }) }));
}

function structureOf(file: SegmentedFile) {
  const body = file.segments.filter((s) => !s.yaml);
  const codes = body.flatMap((s) => codesOf(segmentParts(s)));
  return {
    headings: body.filter((s) => s.kind === 'heading'),
    anchors: codes.filter((c) => c.role === 'anchor').map((c) => (c as Extract<Code, { kind: 'ph' }>).data.trim()),
    links: codes.filter((c) => c.kind === 'pc' && c.role === 'link').map((c) => (c as Extract<Code, { kind: 'pc' }>).end.slice(1)),
    images: codes.filter((c) => c.kind === 'pc' && c.role === 'image').map((c) => (c as Extract<Code, { kind: 'pc' }>).end.slice(1)),
  };
}

function codeBlocks(text: string): { line: number; info: string }[] {
  const out: { line: number; info: string }[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((line, i) => {
    const m = /^[ \t]*(?:>[ \t]?)*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) return;
    if (!fence) {
      fence = m[1]!;
      out.push({ line: i + 1, info: m[2]!.trim() });
    } else if (m[1]!.startsWith(fence) && !m[2]!.trim()) fence = undefined;
  });
  return out;
}

function qaUi(ws: Workspace, locale: string, glossary: Glossary, t: ToolT): Finding[] {
  const out: Finding[] = [];
  const categories = pluralCategories(locale);
  for (const namespace of uiNamespaces(ws.i18nDir, ws.config.locales.default)) {
    const refLocale = referenceLocaleOf(ws.i18nDir, ws.config.locales.default, namespace);
    const file = path.join(ws.i18nDir, locale, `${namespace}.json`);
    if (!existsSync(file)) continue;
    const reference = flattenBundle(readBundle(path.join(ws.i18nDir, refLocale, `${namespace}.json`)));
    const englishFile = path.join(ws.i18nDir, 'en', `${namespace}.json`);
    const english = existsSync(englishFile) ? flattenBundle(readBundle(englishFile)) : reference;
    const own = flattenBundle(readBundle(file));
    const lines = keyLines(file);
    const at = (key: string, message: string) => out.push({ file, line: lines.get(key) ?? 1, message: `${namespace}:${key}: ${message}` });
    const pluralBases = new Set([...reference.keys()].map((k) => pluralForm(k, reference)?.base).filter((b): b is string => !!b));

    for (const base of pluralBases) {
      const present = categories.filter((c) => own.has(`${base}_${c}`));
      const anyKey = [...own.keys()].find((k) => PLURAL_SUFFIX.exec(k)?.[1] === base);
      if (!anyKey) continue; // wholly missing strings are i18n:status's report
      const missing = categories.filter((c) => !present.includes(c));
      if (missing.length)
        at(anyKey, t('qa.pluralIncomplete', { locale, needs: categories.map((c) => `_${c}`).join(', '), missing: missing.map((c) => `_${c}`).join(', ') }));
      for (const key of own.keys()) {
        const m = PLURAL_SUFFIX.exec(key);
        if (m?.[1] === base && !categories.includes(m[2]!)) at(key, t('qa.pluralUnused', { form: `_${m[2]}`, locale, categories: categories.join(', ') }));
      }
    }
    // The reference bundle itself is only checked for its plural forms: it is what the others are compared with.
    if (refLocale === locale) continue;
    for (const [key, text] of own) {
      if (text === '') continue; // scaffolded, not translated yet: i18n:status lists it
      const m = PLURAL_SUFFIX.exec(key);
      const sourceKey = reference.has(key) ? key : m && pluralBases.has(m[1]!) ? `${m[1]}_other` : undefined;
      if (!sourceKey || !reference.has(sourceKey)) continue;
      const { lost, added } = uiCodeMismatch(reference.get(sourceKey)!, text, m !== null && m[2] !== 'other');
      for (const c of lost) at(key, t('qa.placeholderMissing', { placeholder: c, locale: refLocale }));
      for (const c of added) at(key, t('qa.placeholderExtra', { placeholder: c, locale: refLocale }));
      const shown = visibleText(tokenizeInline(text, 'ui'));
      const budget = uiBudget(namespace, key, english.get(sourceKey) ?? english.get(key) ?? reference.get(sourceKey)!);
      if ([...shown].length > budget) at(key, t('qa.tooLong', { count: [...shown].length, budget }));
      for (const f of forbiddenTerms(file, lines.get(key) ?? 1, shown, glossary, t)) out.push({ ...f, message: `${namespace}:${key}: ${f.message}` });
    }
  }
  return out;
}

/** `path:line  message`, the path relative to `cwd`. */
export function formatFinding(f: Finding, cwd = process.cwd()): string {
  return `${path.relative(cwd, f.file) || f.file}:${f.line}  ${f.message}`;
}

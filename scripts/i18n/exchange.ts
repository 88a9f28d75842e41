import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localize, SUMMARY_MAX, TITLE_MAX, type SiteConfig } from '../../content/schema/index.ts';
import { loadEntries, type SourceEntry } from '../pipeline/load.ts';
import { Problems } from '../../content/problems.ts';
import { validateContent, type ContentModel } from '../pipeline/validate.ts';
import { segmentCodeMismatch, uiCodeMismatch, type CodeMismatch } from './code-check.ts';
import { alignCodes, describeCode, tokenizeInline, type Code, type Part } from './inline-codes.ts';
import { segmentFile, type Segment, type SegmentedFile } from './markdown-segments.ts';
import { identityMapping, sameShape, structuralMapping, type SegmentMapping } from './block-pairing.ts';
import { diffSegments } from './segment-diff.ts';
import { findSourceVersion } from './source-history.ts';
import { uiBudget, UI_PLACES } from './ui-budgets.ts';
import { flattenBundle, PLURAL_SUFFIX, pluralCategories, readBundle, referenceLocaleOf, uiNamespaces } from './ui-bundles.ts';

/** How far a unit's translation is: none yet, present but to be checked, or current. */
export type UnitState = 'new' | 'review' | 'final';

/** One translatable segment with everything a CAT tool shows beside it. */
export interface ExchangeUnit {
  id: string;
  source: Part[];
  target?: Part[] | undefined;
  state: UnitState;
  /** Where the source text is, `path:line` relative to the content (or i18n) folder. */
  location: string;
  /** Context for the translator, one sentence each. */
  notes: string[];
  maxLength?: number | undefined;
}

/** One entry or one UI string namespace. */
export interface ExchangeFile {
  /** `camera-setup` for an entry, `ui.widget` for a namespace. */
  id: string;
  /** The source file, relative to the content folder (entries) or the i18n folder (UI strings). */
  original: string;
  /** For entries: the source hash the units were taken from, recorded by the import. */
  sourceHash?: string | undefined;
  notes: string[];
  units: ExchangeUnit[];
}

/** What an export writes and an import reads, independent of the file format. */
export interface ExchangeDoc {
  sourceLocale: string;
  targetLocale: string;
  files: ExchangeFile[];
}

/** The content and UI strings loaded once for export, import and QA. */
export interface Workspace {
  contentDir: string;
  i18nDir: string;
  config: SiteConfig;
  entries: SourceEntry[];
  model: ContentModel;
}

/** Loads and validates the content like `npm run check`, without failing on its problems. */
export function loadWorkspace(contentDir: string, i18nDir: string, config: SiteConfig): Workspace {
  const problems = new Problems();
  const entries = loadEntries(contentDir, config, problems);
  const model = validateContent(entries, config, problems, { today: new Date().toISOString().slice(0, 10), contentDir });
  return { contentDir, i18nDir, config, entries, model };
}

export interface ExportOptions {
  targetLocale: string;
  sourceLocale: string;
  /** Only entries (and UI strings) in these states; all when undefined. */
  only?: ReadonlySet<'missing' | 'stale'> | undefined;
}

/**
 * Collects what a translator of `targetLocale` works on: every entry written in `sourceLocale` (its title,
 * summary, aliases and body blocks), then the UI strings of the namespaces whose reference is `sourceLocale`.
 * A target holds the earlier translation of its segment when one is known to correspond (see `EntryPair`):
 * `final` when it is current, `review` otherwise; a segment without one is `new`, and the earlier translations
 * that could not be matched are shown in its notes, so no translated text is out of sight.
 */
export function buildExport(ws: Workspace, options: ExportOptions): ExchangeDoc {
  const files: ExchangeFile[] = [];
  const families = [...ws.model.families.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const family of families) {
    if (family.source.locale !== options.sourceLocale) continue;
    const translation = family.translations.get(options.targetLocale);
    if (!translation && family.source.meta.draft) continue;
    const stale = family.stale.has(options.targetLocale);
    const status = !translation ? 'missing' : stale ? 'stale' : 'translated';
    if (options.only && !options.only.has(status as 'missing')) continue;
    const pair = entryPair(family.source, translation);
    files.push(entryFile(ws, family.source, pair, family.sourceHash));
  }
  files.push(...uiFiles(ws, options));
  return { sourceLocale: options.sourceLocale, targetLocale: options.targetLocale, files };
}

/**
 * A source entry file and its translation segmented, and which translation segment renders which source
 * segment. `aligned` when the two have the same structure (same blocks, of the same kinds, in the same
 * callouts): an import then edits the translation in place, segment by segment; otherwise it rebuilds the
 * translation from the source's structure. `mapping` says which translation segment holds the earlier
 * translation of each source segment, and is never a guess (see `block-pairing.ts`):
 *
 * - a current translation in the same structure: each segment with the one at its position, current;
 * - otherwise, when git has the source version the translation was made from (found by its recorded hash),
 *   that version lines up with the translation, and a diff of it against the current source says which blocks
 *   are unchanged (current), rewritten (to review) or new (no translation);
 * - without that history: only segments with evidence that they correspond (`structuralMapping`), to review.
 */
export interface EntryPair {
  source: SegmentedFile;
  translation?: SegmentedFile | undefined;
  aligned: boolean;
  /** Per source segment: the index of its translation segment and whether that translation is still current. */
  mapping: SegmentMapping;
}

/** Segments an entry and its translation (if any) and pairs their segments (see `EntryPair`). */
export function entryPair(source: SourceEntry, translation: SourceEntry | undefined): EntryPair {
  const s = segmentFile(readFileSync(source.file, 'utf8'));
  if (!translation) return { source: s, aligned: false, mapping: s.segments.map(() => undefined) };
  const t = segmentFile(readFileSync(translation.file, 'utf8'));
  const aligned = sameShape(s.segments, t.segments);
  const current = translation.meta.source?.hash === source.textHash;
  const mapping =
    aligned && current ? identityMapping(s.segments, true) : (historicMapping(source, translation, s, t) ?? structuralMapping(s.segments, t.segments));
  return { source: s, translation: t, aligned, mapping };
}

function historicMapping(source: SourceEntry, translation: SourceEntry, s: SegmentedFile, t: SegmentedFile): SegmentMapping | undefined {
  const hash = translation.meta.source?.hash;
  if (!hash) return undefined;
  const found = findSourceVersion(source.file, source.locale, hash);
  if ('reason' in found) return undefined;
  const old = segmentFile(found.text).segments;
  if (!sameShape(old, t.segments)) return undefined;
  const mapping: SegmentMapping = s.segments.map(() => undefined);
  const indexOf = new Map(s.segments.map((seg, i) => [seg, i]));
  const oldIndex = new Map(old.map((seg, i) => [seg, i]));
  for (const change of diffSegments(old, s.segments, true)) {
    if (change.kind === 'same') mapping[indexOf.get(change.after!)!] = { index: oldIndex.get(change.before!)!, current: true };
    else if (change.kind === 'changed') mapping[indexOf.get(change.after!)!] = { index: oldIndex.get(change.before!)!, current: false };
  }
  return mapping;
}

/** The parts of a segment: frontmatter values are plain text, body blocks inline Markdown. */
export function segmentParts(seg: Segment): Part[] {
  return tokenizeInline(seg.text, seg.yaml ? 'plain' : 'markdown');
}

/** Source and target parts of each segment key (target from the paired translation segment), codes numbered like the source's. */
export function pairParts(pair: EntryPair): Map<string, { source: Part[]; target?: Part[] | undefined; current: boolean }> {
  const out = new Map<string, { source: Part[]; target?: Part[] | undefined; current: boolean }>();
  pair.source.segments.forEach((seg, i) => {
    const source = segmentParts(seg);
    const m = pair.mapping[i];
    let target: Part[] | undefined;
    if (m && pair.translation) {
      target = segmentParts(pair.translation.segments[m.index]!);
      alignCodes(source, target);
    }
    out.set(seg.key, { source, target, current: m?.current ?? false });
  });
  return out;
}

const KIND_NOTE: Record<Segment['kind'], string> = {
  title: 'Title of the entry: for a FAQ, the question as a customer asks it. Shown as the page heading, in search results and in the browser tab.',
  summary: 'Summary of the entry: one or two sentences shown under the title and in search results.',
  alias: 'Alias: another way customers ask the same thing. Not shown; used by search, so write it as a customer would type it.',
  heading: 'Section heading in the article body; it appears in the table of contents.',
  paragraph: 'Paragraph of the article body.',
  'list-item': 'Item of a list in the article body.',
  'table-cell': 'Cell of a table in the article body.',
  html: 'Line of HTML in the article body (for example a collapsible section title); keep the tags.',
};

function entryFile(ws: Workspace, source: SourceEntry, pair: EntryPair, sourceHash: string): ExchangeFile {
  const meta = source.meta;
  const product = meta.product ? ws.config.products.find((p) => p.id === meta.product) : undefined;
  const productName = product ? localize(product.name, 'en', [ws.config.locales.default]) : 'all products';
  const notes = [
    `Entry "${meta.id}" (${meta.type === 'faq' ? 'FAQ' : 'article'}) about ${productName}, category ${meta.category}.`,
    `Source file ${source.locale}/${source.relPath}.`,
  ];
  if (pair.translation && !pair.aligned)
    notes.push(
      'The source gained, lost or moved blocks since it was translated: the earlier translation is filled in where a block still corresponds; `npm run i18n:diff` shows what changed.',
    );
  const parts = pairParts(pair);
  const unmatched = unmatchedNearby(pair);
  const units = pair.source.segments.map((seg, i): ExchangeUnit => {
    const p = parts.get(seg.key)!;
    const unitNotes = [KIND_NOTE[seg.kind]];
    for (const text of unmatched.get(i) ?? [])
      unitNotes.push(`Earlier translation of a block near here, not filled in because it cannot be matched to this block for sure: ${JSON.stringify(text)}`);
    if (seg.quoted) unitNotes.push('It is inside a highlighted note (callout).');
    const maxLength = seg.kind === 'summary' ? SUMMARY_MAX : seg.kind === 'title' || seg.kind === 'alias' ? TITLE_MAX : undefined;
    if (maxLength) unitNotes.push(`At most ${maxLength} characters.`);
    const mismatch = p.target ? codeMismatchNote(segmentCodeMismatch(p.source, p.target)) : undefined;
    if (mismatch) unitNotes.push(mismatch);
    return {
      id: seg.key,
      source: p.source,
      target: p.target,
      state: p.target ? (p.current && !mismatch ? 'final' : 'review') : 'new',
      location: `${source.locale}/${source.relPath}:${seg.line}`,
      notes: unitNotes,
      maxLength,
    };
  });
  return { id: meta.id, original: `${source.locale}/${source.relPath}`, sourceHash, notes, units };
}

/**
 * Why a pre-filled target is to review when its codes do not match the source's: a number the source does not
 * define (`{4}` where the source has `{1}`–`{3}`) cannot be mapped back by a translator or a CAT tool.
 */
function codeMismatchNote(m: CodeMismatch): string | undefined {
  if (!m.lost.length && !m.added.length) return undefined;
  const list = (codes: Code[]) => codes.map((c) => `${c.kind === 'pc' ? `{${c.id}}…{/${c.id}}` : `{${c.id}}`} (${describeCode(c)})`).join(', ');
  const parts = [
    m.added.length ? `uses ${list(m.added)}, which the source does not define` : '',
    m.lost.length ? `lacks the source's ${list(m.lost)}` : '',
  ].filter(Boolean);
  return `To review: the earlier translation ${parts.join(' and ')}; keep the source's codes unless the change is meant (npm run i18n:qa reports it too).`;
}

/**
 * Translation segments paired with no source segment, by the unpaired source segments between the same
 * paired neighbours (those of the same kind when there are any): where the translator is likely to need them.
 */
function unmatchedNearby(pair: EntryPair): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const t = pair.translation;
  if (!t) return out;
  const sourceOf = new Map<number, number>();
  pair.mapping.forEach((m, i) => {
    if (m) sourceOf.set(m.index, i);
  });
  t.segments.forEach((seg, j) => {
    if (sourceOf.has(j)) return;
    let before = -1;
    let after = pair.source.segments.length;
    for (const [tj, si] of sourceOf) {
      if (tj < j) before = Math.max(before, si);
      else after = Math.min(after, si);
    }
    const open: number[] = [];
    for (let i = before + 1; i < after; i++) if (!pair.mapping[i]) open.push(i);
    const sameKind = open.filter((i) => pair.source.segments[i]!.kind === seg.kind);
    for (const i of sameKind.length ? sameKind : open) out.set(i, [...(out.get(i) ?? []), seg.text]);
  });
  return out;
}

function uiFiles(ws: Workspace, options: ExportOptions): ExchangeFile[] {
  const files: ExchangeFile[] = [];
  const categories = pluralCategories(options.targetLocale);
  for (const namespace of uiNamespaces(ws.i18nDir, ws.config.locales.default)) {
    const refLocale = referenceLocaleOf(ws.i18nDir, ws.config.locales.default, namespace);
    if (refLocale !== options.sourceLocale || refLocale === options.targetLocale) continue;
    const reference = flattenBundle(readBundle(path.join(ws.i18nDir, refLocale, `${namespace}.json`)));
    const targetFile = path.join(ws.i18nDir, options.targetLocale, `${namespace}.json`);
    const target = existsSync(targetFile) ? flattenBundle(readBundle(targetFile)) : new Map<string, string>();
    const english = existsSync(path.join(ws.i18nDir, 'en', `${namespace}.json`))
      ? flattenBundle(readBundle(path.join(ws.i18nDir, 'en', `${namespace}.json`)))
      : reference;
    const units: ExchangeUnit[] = [];
    const lines = keyLines(path.join(ws.i18nDir, refLocale, `${namespace}.json`));
    const seenPlural = new Set<string>();
    for (const [key, text] of reference) {
      const plural = PLURAL_SUFFIX.exec(key);
      const keys: { key: string; sourceKey: string; category?: string }[] = [];
      if (plural) {
        if (seenPlural.has(plural[1]!)) continue;
        seenPlural.add(plural[1]!);
        for (const category of categories) {
          const own = `${plural[1]}_${category}`;
          keys.push({ key: own, sourceKey: reference.has(own) ? own : `${plural[1]}_other`, category });
        }
      } else keys.push({ key, sourceKey: key });
      for (const k of keys) {
        const sourceText = reference.get(k.sourceKey) ?? text;
        const existing = target.get(k.key) || undefined; // "" is scaffolded by i18n:add: not translated yet
        if (options.only && existing !== undefined) continue;
        const maxLength = uiBudget(namespace, k.key, english.get(k.sourceKey) ?? sourceText);
        const notes = [
          `UI string ${namespace}:${k.key}, shown in ${UI_PLACES[namespace] ?? `the "${namespace}" strings`}.`,
          `At most ${maxLength} characters.`,
        ];
        if (k.category)
          notes.push(
            `Plural form for the CLDR category "${k.category}" of ${options.targetLocale} (${pluralExample(options.targetLocale, k.category)}); {{count}} is the number.`,
          );
        if (/\{\{/.test(sourceText)) notes.push('Words in double braces ({{name}}) are filled in by the program: keep them.');
        const mismatch = existing !== undefined ? uiCodeMismatch(sourceText, existing, k.category !== undefined && k.category !== 'other') : undefined;
        const toReview = !!mismatch && (mismatch.lost.length > 0 || mismatch.added.length > 0);
        if (toReview)
          notes.push(
            `To review: the current translation ${[mismatch.added.length ? `has ${mismatch.added.join(', ')}, which the source does not` : '', mismatch.lost.length ? `lacks ${mismatch.lost.join(', ')}` : ''].filter(Boolean).join(' and ')} (npm run i18n:qa reports it too).`,
          );
        units.push({
          id: k.key,
          source: tokenizeInline(sourceText, 'ui'),
          target: existing !== undefined ? tokenizeInline(existing, 'ui') : undefined,
          state: existing === undefined ? 'new' : toReview ? 'review' : 'final',
          location: `${refLocale}/${namespace}.json:${lines.get(k.sourceKey) ?? 1}`,
          notes,
          maxLength,
        });
        const t = units[units.length - 1]!;
        if (t.target) alignCodes(t.source, t.target);
      }
    }
    if (units.length)
      files.push({
        id: `ui.${namespace}`,
        original: `${refLocale}/${namespace}.json`,
        notes: [`Interface strings of ${UI_PLACES[namespace] ?? namespace}.`],
        units,
      });
  }
  return files;
}

/** A number that falls in `category` for the locale, for plural notes ("e.g. 1"). */
function pluralExample(locale: string, category: string): string {
  const rules = new Intl.PluralRules(locale);
  for (const n of [0, 1, 2, 3, 5, 11, 21, 100, 101, 1.5]) if (rules.select(n) === category) return `e.g. ${n}`;
  return 'rare';
}

/** Line of each flattened key in a pretty-printed JSON bundle, for `path:line` locations. */
export function keyLines(file: string): Map<string, number> {
  const out = new Map<string, number>();
  const stack: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const m = /^(\s*)"((?:[^"\\]|\\.)*)"\s*:\s*(\{)?/.exec(line);
      if (m) {
        const depth = m[1]!.length / 2 - 1;
        stack.length = Math.max(0, depth);
        const key = [...stack, JSON.parse(`"${m[2]}"`) as string].join('.');
        if (m[3]) stack.push(JSON.parse(`"${m[2]}"`) as string);
        else out.set(key, i + 1);
      }
    });
  return out;
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFiles } from '../../scripts/corpus/corpus.ts';
import { structuralMapping } from '../../scripts/i18n/block-pairing.ts';
import { entryPair, segmentParts, type ExchangeDoc, type ExchangeUnit } from '../../scripts/i18n/exchange.ts';
import type { Format } from '../../scripts/i18n/exchange-format.ts';
import { partsText, visibleText } from '../../scripts/i18n/inline-codes.ts';
import { segmentFile, type Segment } from '../../scripts/i18n/markdown-segments.ts';
import { ROOT } from '../content/run-cli.ts';
import { copyTree, editEntries, exportDoc, importDoc, throughFormat, workspaceOf } from './exchange-in-process.ts';

const FORMATS: Format[] = ['xliff2', 'xliff12', 'po'];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanups.splice(0)) remove();
});

function tree(content: string) {
  const dirs = copyTree(content);
  cleanups.push(dirs.remove);
  return dirs;
}

const marker = (fileId: string, unitId: string) => `⟦${fileId}/${unitId}⟧`;

/** The translator of the property: a unique marker before every target (kept, when pre-filled), all confirmed. */
function markEveryTarget(doc: ExchangeDoc): ExchangeDoc {
  return editEntries(
    doc,
    (fileId, unit): ExchangeUnit => ({ ...unit, state: 'final', target: [{ kind: 'text', text: `${marker(fileId, unit.id)} ` }, ...(unit.target ?? [])] }),
  );
}

/**
 * After importing `markEveryTarget`'s file: every translation has the source's segments, and each segment holds
 * exactly its own marker, so every marker landed in the block it was exported for and nowhere else.
 */
function expectMarkersInPlace(dirs: { content: string; i18n: string }, doc: ExchangeDoc): void {
  const ws = workspaceOf(dirs);
  for (const file of doc.files.filter((f) => !f.id.startsWith('ui.'))) {
    const family = ws.model.families.get(file.id)!;
    const translation = family.translations.get(doc.targetLocale);
    expect(translation, file.id).toBeDefined();
    const written = segmentFile(readFileSync(translation!.file, 'utf8'));
    expect(
      written.segments.map((s) => s.key),
      file.id,
    ).toEqual(file.units.map((u) => u.id));
    for (const seg of written.segments)
      expect(
        [...seg.text.matchAll(/⟦[^⟧]*⟧/g)].map((m) => m[0]),
        `${file.id}/${seg.key}`,
      ).toEqual([marker(file.id, seg.key)]);
    expect(written.text.match(/⟦/g), file.id).toHaveLength(written.segments.length);
  }
}

function unitText(unit: ExchangeUnit): string | undefined {
  return unit.target ? partsText(unit.target) : undefined;
}

describe('pairing source and translation blocks', () => {
  it('a paragraph that starts with an inline tag is a paragraph, not an HTML block', () => {
    const file = segmentFile('---\ntitle: t\n---\n<abbr title="x">SAML</abbr> 2.0 です。\n\n<details>\n<summary>詳しく</summary>\n\n<kbd>Ctrl</kbd>\n');
    expect(file.segments.filter((s) => !s.yaml).map((s) => s.kind)).toEqual(['paragraph', 'html', 'paragraph']);
  });

  it('without history, a callout paragraph is never paired with a plain one, and a stretch that gained a block stays unpaired', () => {
    const seg = (key: string, kind: Segment['kind'], text: string, quoted = false): Segment => ({
      key,
      kind,
      text,
      line: 1,
      start: 0,
      end: 0,
      quoted: quoted || undefined,
    });
    const source = [
      seg('b1', 'html', '<abbr title="x">SAML</abbr> 2.0'),
      seg('b2', 'paragraph', '必ず[管理者](#break-glass)を残す', true),
      seg('b3', 'heading', 'IdP {#idp}'),
      seg('b4', 'paragraph', 'A'),
      seg('b5', 'paragraph', 'B'),
      seg('b6', 'paragraph', 'C'),
    ];
    const translation = [
      seg('b1', 'paragraph', 'Works with SAML 2.0'),
      seg('b2', 'paragraph', 'Keep an [admin](#break-glass)', true),
      seg('b3', 'heading', 'IdP {#idp}'),
      seg('b4', 'paragraph', 'a'),
      seg('b5', 'paragraph', 'c'),
    ];
    const mapping = structuralMapping(source, translation);
    expect(mapping.map((m) => m?.index)).toEqual([undefined, 1, 2, undefined, undefined, undefined]);
    expect(mapping.every((m) => !m?.current)).toBe(true);
  });

  it('exports the IMPORTANT box of configure-saml-sso with its own English, so filling the empty targets and importing keeps the box', () => {
    const dirs = tree(path.join(ROOT, 'content'));
    const doc = exportDoc(dirs, 'ja', 'en');
    const saml = doc.files.find((f) => f.id === 'configure-saml-sso')!;
    const unit = (id: string) => saml.units.find((u) => u.id === id)!;
    expect(visibleText(unit('b1').target!)).toMatch(/^Nagisa Workplace works with any identity provider/);
    expect(visibleText(unit('b2').target!)).toMatch(/^A wrong setting can lock everyone out/);
    expect(saml.units.filter((u) => !u.target)).toEqual([]);
    const en = path.join(dirs.content, 'en/groupware/configure-saml-sso.md');
    const before = readFileSync(en, 'utf8');
    // The translator of the report: every empty target filled, the rest left as exported.
    const filled = editEntries(doc, (_, u) => (u.target ? u : { ...u, target: [{ kind: 'text', text: 'Filled in by the translator.' }], state: 'final' }));
    const result = importDoc(dirs, throughFormat(filled, 'xliff12'));
    expect(result.errors).toBe(0);
    expect(readFileSync(en, 'utf8')).toBe(before);
    expect(before).toContain('> [!IMPORTANT]\n> A wrong setting can lock everyone out');
  });

  it('refuses a unit whose exported source is not the source of the segment it names, and writes nothing', () => {
    const dirs = tree(path.join(ROOT, 'content'));
    const doc = exportDoc(dirs, 'ja', 'en');
    const en = path.join(dirs.content, 'en/groupware/configure-saml-sso.md');
    const before = readFileSync(en, 'utf8');
    // A tool that renumbered the units: b1's text now claims to be b2.
    const saml = { ...doc, files: doc.files.filter((f) => f.id === 'configure-saml-sso') };
    const swapped = editEntries(saml, (_, u) =>
      u.id === 'b1' ? { ...u, id: 'b2', target: [{ kind: 'text', text: 'Moved.' }] } : u.id === 'b2' ? { ...u, id: 'b1' } : u,
    );
    for (const format of FORMATS) {
      const result = importDoc(dirs, throughFormat(swapped, format));
      expect(result.messages).toEqual([
        expect.stringMatching(/segment "b1" of "configure-saml-sso" \(line 20\) has another source in this file than in the content/),
      ]);
      expect(result.errors).toBe(1);
      expect(readFileSync(en, 'utf8')).toBe(before);
    }
  });
});

describe('property: every marker put into an export lands in exactly the block it was exported for', () => {
  for (const format of FORMATS) {
    it(`every sample entry (${format}): current translations are pre-filled block for block, and markers land in place`, () => {
      const dirs = tree(path.join(ROOT, 'content'));
      const ws = workspaceOf(dirs);
      const doc = exportDoc(dirs, 'ja', 'en');
      const entries = doc.files.filter((f) => !f.id.startsWith('ui.'));
      expect(entries.length).toBeGreaterThanOrEqual(50);
      // Where git has the version a stale translation was made from, it says which blocks correspond.
      const repo = workspaceOf({ content: path.join(ROOT, 'content'), i18n: path.join(ROOT, 'i18n') });
      let current = 0;
      for (const file of entries) {
        const family = ws.model.families.get(file.id)!;
        const translation = family.translations.get('en');
        if (!translation) continue;
        const t = segmentFile(readFileSync(translation.file, 'utf8')).segments;
        if (!family.stale.has('en')) {
          current++;
          for (const u of file.units) expect(unitText(u), `${file.id}/${u.id}`).toBe(t.find((s) => s.key === u.id)!.text);
        } else {
          const known = repo.model.families.get(file.id)!;
          const truth = entryPair(known.source, known.translations.get('en')).mapping;
          file.units.forEach((u, i) => {
            if (u.target) expect(truth[i] && partsText(segmentParts(t[truth[i]!.index]!)), `${file.id}/${u.id}`).toBe(unitText(u));
          });
        }
      }
      expect(current).toBeGreaterThanOrEqual(40);
      const marked = markEveryTarget(doc);
      const result = importDoc(dirs, throughFormat(marked, format));
      expect(result.messages.filter((m) => !/still marked for review/.test(m))).toEqual([]);
      expect(result.errors).toBe(0);
      expectMarkersInPlace(dirs, marked);
    });
  }

  for (const format of FORMATS) {
    it(`a generated corpus whose sources gained, lost, moved, rewrote or re-wrapped blocks (${format}): a pre-filled target is always its block's own translation`, () => {
      const dirs = tree(makeCorpus(`pairing-${format}`, 35));
      const changed = perturbCorpus(dirs);
      const ws = workspaceOf(dirs);
      const doc = exportDoc(dirs, 'ja', 'en');
      const seen = new Set<Change>();
      for (const file of doc.files.filter((f) => !f.id.startsWith('ui.'))) {
        const change = changed.get(file.id);
        if (!change) continue;
        seen.add(change.kind);
        const translation = ws.model.families.get(file.id)!.translations.get('en')!;
        const t = segmentFile(readFileSync(translation.file, 'utf8')).segments;
        const tBody = t.filter((s) => !s.yaml);
        let body = 0;
        for (const u of file.units) {
          const own = u.id.startsWith('b') ? change.origins[body++] : undefined;
          const truth = u.id.startsWith('b') ? (own === undefined ? undefined : tBody[own]) : t.find((s) => s.key === u.id);
          if (u.target) {
            expect(truth, `${change.kind}: ${file.id}/${u.id} is a new block, yet pre-filled with ${JSON.stringify(unitText(u))}`).toBeDefined();
            expect(unitText(u), `${change.kind}: ${file.id}/${u.id}`).toBe(partsText(segmentParts(truth!)));
          }
          // Nothing changed, or only how the source reads: every block keeps its translation.
          if (change.kind === 'none' || change.kind === 'inline-html') expect(u.target, `${change.kind}: ${file.id}/${u.id}`).toBeDefined();
        }
      }
      expect([...seen].sort()).toEqual([...CHANGES].sort());
      const marked = markEveryTarget(doc);
      const result = importDoc(dirs, throughFormat(marked, format));
      expect(result.messages.filter((m) => !/still marked for review/.test(m))).toEqual([]);
      expect(result.errors).toBe(0);
      expectMarkersInPlace(dirs, marked);
    });
  }
});

// ---- the generated corpus and what is done to its sources ----

const CHANGES = ['none', 'rewrite', 'insert', 'delete', 'move', 'inline-html', 'callout'] as const;
type Change = (typeof CHANGES)[number];

/** `npm run gen:corpus` of `entries` entries in ja (source) and en (current translations), in a temporary folder. */
function makeCorpus(seed: string, entries: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-corpus-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const file of corpusFiles({ entries, locales: ['ja', 'en'], seed })) {
    mkdirSync(path.dirname(path.join(dir, file.path)), { recursive: true });
    writeFileSync(path.join(dir, file.path), file.content);
  }
  return dir;
}

/**
 * Changes the Japanese source of each entry in turn (one change per entry, `CHANGES` in rotation) and returns,
 * per entry, which original body block each body block of the new source comes from (`undefined`: new).
 * `inline-html` and `callout` leave the translation current (its hash follows the source), like the sample's
 * configure-saml-sso; the others leave it stale, with no git history to pair through.
 */
function perturbCorpus(dirs: { content: string; i18n: string }): Map<string, { kind: Change; origins: (number | undefined)[] }> {
  const out = new Map<string, { kind: Change; origins: (number | undefined)[] }>();
  const ws = workspaceOf(dirs);
  const families = [...ws.model.families.values()].filter((f) => f.translations.has('en')).sort((a, b) => (a.id < b.id ? -1 : 1));
  families.forEach((family, n) => {
    const kind = CHANGES[n % CHANGES.length]!;
    const text = readFileSync(family.source.file, 'utf8');
    const body = segmentFile(text).segments.filter((s) => !s.yaml);
    const origins: (number | undefined)[] = body.map((_, i) => i);
    const paragraphs = body.map((s, i) => (s.kind === 'paragraph' && !s.quoted ? i : -1)).filter((i) => i >= 0);
    if (paragraphs.length < 2) return;
    const p = paragraphs[n % paragraphs.length]!;
    const q = paragraphs[(n + 1) % paragraphs.length]!;
    const seg = body[p]!;
    const edits: { at: number; end: number; text: string }[] = [];
    const remove = (s: Segment) =>
      text.slice(s.end, s.end + 2) === '\n\n' ? { at: s.start, end: s.end + 2, text: '' } : { at: s.start - 2, end: s.end, text: '' };
    if (kind === 'rewrite') edits.push({ at: seg.end, end: seg.end, text: '（この段落は書き直しました）' });
    if (kind === 'insert') {
      edits.push({ at: seg.start, end: seg.start, text: '新しく加えた段落です。\n\n' });
      origins.splice(p, 0, undefined);
    }
    if (kind === 'delete') {
      edits.push(remove(seg));
      origins.splice(p, 1);
    }
    if (kind === 'move') {
      edits.push(remove(seg), { at: body[q]!.start, end: body[q]!.start, text: `${seg.text}\n\n` });
      origins.splice(p, 1);
      origins.splice(origins.indexOf(q), 0, p);
    }
    if (kind === 'inline-html') edits.push({ at: seg.start, end: seg.start, text: '<abbr title="Example">EX</abbr> ' });
    if (kind === 'callout') edits.push({ at: seg.start, end: seg.end, text: `> [!NOTE]\n> ${seg.text.replace(/\n/g, '\n> ')}` });
    let changed = text;
    for (const e of edits.sort((a, b) => b.at - a.at)) changed = changed.slice(0, e.at) + e.text + changed.slice(e.end);
    writeFileSync(family.source.file, changed);
    out.set(family.id, { kind, origins });
  });
  // A change that leaves the translation current: its recorded hash follows the new source.
  const after = workspaceOf(dirs);
  for (const [id, change] of out) {
    if (change.kind !== 'inline-html' && change.kind !== 'callout') continue;
    const family = after.model.families.get(id)!;
    const file = family.translations.get('en')!.file;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/hash: "?[0-9a-f]{16}"?/, `hash: "${family.sourceHash}"`));
  }
  return out;
}

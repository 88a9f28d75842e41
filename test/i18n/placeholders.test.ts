import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { segmentCodeMismatch } from '../../scripts/i18n/code-check.ts';
import { loadGlossary } from '../../scripts/i18n/glossary.ts';
import { numberedText } from '../../scripts/i18n/inline-codes.ts';
import { writePo } from '../../scripts/i18n/po.ts';
import { qaLocale } from '../../scripts/i18n/qa.ts';
import { toolStrings } from '../../scripts/i18n/tool-strings.ts';
import { ROOT } from '../content/run-cli.ts';
import { copyTree, exportDoc, workspaceOf } from './exchange-in-process.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanups.splice(0)) remove();
});

const SAMPLE = { content: path.join(ROOT, 'content'), i18n: path.join(ROOT, 'i18n') };

describe('placeholders a translation uses and its source does not define', () => {
  it('the export marks change-plan b16 and groupware-getting-started b9 and b12 for review and says which numbers are undefined', () => {
    const doc = exportDoc(SAMPLE, 'ja', 'en');
    const unit = (file: string, id: string) => doc.files.find((f) => f.id === file)!.units.find((u) => u.id === id)!;
    const expected: [string, string, string, RegExp][] = [
      [
        'change-plan',
        'b16',
        '{2}',
        /uses \{2\} \(code, keep as is: "`\(1,500 − 1,000\) × 10 ÷ 30 ≈ ¥167`"\), which the source does not define and lacks the source's \{1\}/,
      ],
      ['groupware-getting-started', 'b9', '{4}', /uses \{4\} \(code, keep as is: "`example\.com`"\), which the source does not define/],
      ['groupware-getting-started', 'b12', '{2}', /uses \{2\} \(code, keep as is: "`dig TXT example\.com \+short`"\), which the source does not define/],
    ];
    for (const [file, id, number, note] of expected) {
      const u = unit(file, id);
      expect(numberedText(u.target!)).toContain(number);
      expect(numberedText(u.source)).not.toContain(number);
      expect(u.state, `${file}/${id}`).toBe('review');
      expect(u.notes.join('\n')).toMatch(note);
    }
    const po = writePo(doc);
    expect(po).toMatch(/#, fuzzy\nmsgctxt "change-plan\/b16"\nmsgid "[^"]*\{1\}[^"]*"\nmsgstr "[^"]*\{2\}/);
  });

  it('no unit of the sample export is final while its target uses a code number or kind its source does not define', () => {
    const doc = exportDoc(SAMPLE, 'ja', 'en');
    const finalWithUndefined = doc.files
      .filter((f) => !f.id.startsWith('ui.'))
      .flatMap((f) =>
        f.units.filter((u) => u.target && u.state === 'final' && segmentCodeMismatch(u.source, u.target).added.length > 0).map((u) => `${f.id}/${u.id}`),
      );
    expect(finalWithUndefined).toEqual([]);
    const final = doc.files.flatMap((f) => f.units.filter((u) => u.state === 'final'));
    expect(final.length).toBeGreaterThan(1500);
  });

  it('i18n:qa reports each of them at the line of the translation', () => {
    const ws = workspaceOf(SAMPLE);
    const findings = qaLocale(ws, 'en', loadGlossary(SAMPLE.i18n, 'en').glossary, toolStrings('en')).map(
      (f) => `${path.relative(ROOT, f.file)}:${f.line}  ${f.message}`,
    );
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^content\/en\/billing\/change-plan\.md:49 {2}inline code changed: .*became "`\(1,500 − 1,000\) × 10 ÷ 30 ≈ ¥167`" \(source line 48\)/,
        ),
        expect.stringMatching(
          /^content\/en\/groupware\/groupware-getting-started\.md:33 {2}inline code changed: code, keep as is: "`example\.co\.jp`" became "`example\.com`" \(source line 32\)/,
        ),
        expect.stringMatching(
          /^content\/en\/groupware\/groupware-getting-started\.md:45 {2}inline code changed: code, keep as is: "`dig TXT example\.co\.jp \+short`" became "`dig TXT example\.com \+short`" \(source line 44\)/,
        ),
      ]),
    );
  });

  it('i18n:qa compares codes block by block in a translation whose blocks no longer line up with its source', () => {
    const dirs = copyTree(path.join(ROOT, 'test/i18n/fixtures/exchange/content'), path.join(ROOT, 'test/i18n/fixtures/exchange/i18n'));
    cleanups.push(dirs.remove);
    // The source gains a paragraph (so the translation is stale and shaped differently); the translation's first
    // paragraph changes its code span, which the export would pre-fill under the source's {3}.
    const ja = path.join(dirs.content, 'ja/guide/constructs.md');
    writeFileSync(ja, `${readFileSync(ja, 'utf8')}\n追加した段落です。\n`);
    const en = path.join(dirs.content, 'en/guide/constructs.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace('Do not use `reset --hard`.', 'Do not use `reset --soft`.'));
    const ws = workspaceOf(dirs);
    const doc = exportDoc(dirs, 'ja', 'en');
    const b1 = doc.files.find((f) => f.id === 'all-constructs')!.units.find((u) => u.id === 'b1')!;
    expect(b1.state).toBe('review');
    expect(numberedText(b1.target!)).toBe('You can set up the camera {2}easily{/2} from the {1}app{/1}. Do not use {4}.');
    const findings = qaLocale(ws, 'en', loadGlossary(dirs.i18n, 'en').glossary, toolStrings('en')).map(
      (f) => `${path.basename(f.file)}:${f.line}  ${f.message}`,
    );
    expect(findings).toEqual([
      'constructs.md:13  inline code changed: code, keep as is: "`reset --hard`" became "`reset --soft`" (source line 12); keep it unless the change is meant',
    ]);
  });
});

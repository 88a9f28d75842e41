import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildExport, type ExchangeDoc } from '../../scripts/i18n/exchange.ts';
import { readPo, writePo } from '../../scripts/i18n/po.ts';
import { readXliff12, writeXliff12 } from '../../scripts/i18n/xliff12.ts';
import { ROOT, tree } from '../content/run-cli.ts';
import { copyTree, exportDoc, importDoc, workspaceOf } from './exchange-in-process.ts';
import { pocount, resaveWithTranslateToolkit, validateXliff12, XLIFF12_STRICT } from './translate-toolkit.ts';

const FIXTURE = path.join(ROOT, 'test/i18n/fixtures/exchange');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const remove of cleanups.splice(0)) remove();
});

function copy(content: string, i18n?: string) {
  const dirs = copyTree(content, i18n);
  cleanups.push(dirs.remove);
  return dirs;
}

function write(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function expectValid(file: string): void {
  const r = validateXliff12(file);
  expect(r.errors).toEqual([]);
  expect(r.stderr).toContain(`${file} validates`);
  expect(r.status).toBe(0);
}

/** Units by state, as a CAT tool should count them: finished (final with a target), to review, and empty. */
function states(doc: ExchangeDoc) {
  const units = doc.files.flatMap((f) => f.units);
  return {
    translated: units.filter((u) => u.target && u.state === 'final').length,
    fuzzy: units.filter((u) => u.target && u.state === 'review').length,
    untranslated: units.filter((u) => !u.target).length,
    total: units.length,
  };
}

describe('XLIFF 1.2 exports against the OASIS strict schema (xmllint)', () => {
  it('uses the official strict schema as Debian ships it (php-symfony-translation), unchanged', () => {
    const sha = createHash('sha256').update(readFileSync(XLIFF12_STRICT)).digest('hex');
    expect(sha).toBe('be380cd73e632f358f8082b4304d435282494e5a01a3432639610568b323d552');
  });

  it('accepts the export of every sample entry and UI string (ja → en)', () => {
    const dirs = copy(path.join(ROOT, 'content'));
    const doc = exportDoc(dirs, 'ja', 'en');
    expect(doc.files.length).toBeGreaterThan(50);
    expectValid(write(dirs.root, 'sample-en.xlf', writeXliff12(doc)));
  });

  it('accepts the exports of the round-trip fixture: everything, and only the stale and missing entries', () => {
    const dirs = copy(path.join(FIXTURE, 'content'), path.join(FIXTURE, 'i18n'));
    const ja = path.join(dirs.content, 'ja/guide/constructs.md');
    writeFileSync(ja, readFileSync(ja, 'utf8').replace('最後の段落です。', '最後の段落を書き直しました。'));
    const ws = workspaceOf(dirs);
    const all = buildExport(ws, { sourceLocale: 'ja', targetLocale: 'en' });
    const todo = buildExport(ws, { sourceLocale: 'ja', targetLocale: 'en', only: new Set(['missing', 'stale'] as const) });
    expect(todo.files.flatMap((f) => f.units).some((u) => u.state === 'review')).toBe(true);
    expectValid(write(dirs.root, 'all.xlf', writeXliff12(all)));
    expectValid(write(dirs.root, 'todo.xlf', writeXliff12(todo)));
  });

  it('refuses what the exporter used to write, a <prop-group> in a file header, and names it', () => {
    const dirs = copy(path.join(FIXTURE, 'content'), path.join(FIXTURE, 'i18n'));
    const xlf = writeXliff12(exportDoc(dirs, 'ja', 'en')).replace(
      /<skl>.*?<\/skl>/,
      '<prop-group name="kotae"><prop prop-type="id">all-constructs</prop></prop-group>',
    );
    const r = validateXliff12(write(dirs.root, 'old.xlf', xlf));
    expect(r.status).toBe(3);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/Element '\{urn:oasis:names:tc:xliff:document:1\.2\}prop-group': This element is not expected/);
    // The import still reads files exported that way.
    expect(readXliff12(xlf).files[0]!.id).toBe('all-constructs');
  });
});

describe('translate-toolkit on the exports', () => {
  it('pocount counts finished units as translated and units to review as fuzzy, in XLIFF 1.2 and in PO', () => {
    const dirs = copy(path.join(ROOT, 'content'));
    const doc = exportDoc(dirs, 'ja', 'en');
    const expected = states(doc);
    expect(expected.translated).toBeGreaterThan(1400);
    expect(expected.fuzzy).toBeGreaterThan(0);
    expect(pocount(write(dirs.root, 'en.xlf', writeXliff12(doc)))).toEqual(expected);
    expect(pocount(write(dirs.root, 'en.po', writePo(doc)))).toEqual(expected);
  });

  // The unit edited: a paragraph of configure-saml-sso without inline codes, at line 40 of the English file.
  const BEFORE = 'Optionally send these attributes to keep user details up to date at every sign-in.';
  const AFTER = 'Send these attributes if you want user details refreshed at each sign-in.';
  const cases = [
    { format: 'po', file: 'export.po', unitId: 'configure-saml-sso/b15', write: writePo, read: readPo },
    { format: 'xliff12', file: 'export.xlf', unitId: 'ja/groupware/configure-saml-sso.md\u0004b15', write: writeXliff12, read: readXliff12 },
  ] as const;
  for (const c of cases) {
    it(`a ${c.format} file re-saved by translate-toolkit after one edit imports cleanly and changes only that block`, () => {
      const dirs = copy(path.join(ROOT, 'content'));
      const exported = write(dirs.root, c.file, c.write(exportDoc(dirs, 'ja', 'en')));
      const saved = path.join(dirs.root, `saved-${c.file}`);
      resaveWithTranslateToolkit(exported, saved, c.unitId, AFTER);
      if (c.format === 'xliff12') expectValid(saved);
      const before = new Map([...tree(dirs.content), ...tree(dirs.i18n)]);
      const result = importDoc(dirs, c.read(readFileSync(saved, 'utf8')));
      expect(result.messages).toEqual([]);
      expect(result.errors).toBe(0);
      expect(result.written).toEqual([path.join(dirs.content, 'en/groupware/configure-saml-sso.md')]);
      const after = new Map([...tree(dirs.content), ...tree(dirs.i18n)]);
      const edited = 'en/groupware/configure-saml-sso.md';
      expect([...after.keys()].filter((k) => after.get(k) !== before.get(k))).toEqual([edited]);
      const text = (m: Map<string, string>) => Buffer.from(m.get(edited)!, 'latin1').toString('utf8');
      expect(text(before)).toContain(`\n${BEFORE}\n`);
      expect(text(after)).toBe(text(before).replace(BEFORE, AFTER));
    });
  }
});

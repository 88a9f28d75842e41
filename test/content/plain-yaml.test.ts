import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/corpus/corpus.ts';
import { parsePlainYaml } from '../../scripts/pipeline/plain-yaml.ts';
import { parseYamlSource } from '../../content/yaml-source.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-plain-yaml-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => path.join(d.parentPath, d.name));
}

function frontmatter(file: string): string | undefined {
  const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
  const close = text.indexOf('\n---', 3);
  return text.startsWith('---\n') && close > 0 ? text.slice(4, close + 1) : undefined;
}

/** The fast reader either declines or agrees with the full parser on data and on every position. */
function expectAgreement(yaml: string): boolean {
  const plain = parsePlainYaml(yaml, 1);
  if (!plain) return false;
  const full = parseYamlSource(yaml, 1);
  expect(full.errors, yaml).toEqual([]);
  expect(plain.data, yaml).toEqual(full.data);
  expect(plain.fields, yaml).toEqual(full.fields());
  return true;
}

describe('parsePlainYaml (fast frontmatter reader)', () => {
  it('agrees with the YAML parser on every frontmatter of the sample, the fixtures and a generated corpus, and reads most of them', async () => {
    await writeCorpus(path.join(tmp, 'corpus'), { entries: 150, locales: ['ja', 'en'], seed: 'plain-yaml' });
    const files = [...markdownFiles('content'), ...markdownFiles('test/fixtures'), ...markdownFiles(path.join(tmp, 'corpus'))];
    let read = 0;
    let total = 0;
    for (const file of files) {
      const yaml = frontmatter(file);
      if (yaml === undefined) continue;
      total++;
      if (expectAgreement(yaml)) read++;
    }
    expect(total).toBeGreaterThan(350);
    expect(read / total).toBeGreaterThan(0.9);
  });

  const declined = {
    comment: 'id: a\n# note\ntitle: b\n',
    'trailing comment': 'id: a #x\n',
    anchor: 'id: &x a\n',
    'block scalar': 'summary: |\n  text\n',
    'multi-line plain scalar': 'summary: one\n  two\n',
    'nested list': 'tags:\n  - - a\n',
    'deeper item is a continuation': 'tags:\n  - a\n    - b\n',
    'a newline escape in double quotes': 'title: "a\\nb"\n',
    'an unescaped quote inside double quotes': 'title: "a"b"\n',
    float: 'order: 1.5\n',
    'leading zero': 'order: 007\n',
    'hex number': 'order: 0x1F\n',
    'null value': 'summary: ~\n',
    'empty value': 'summary:\n',
    'duplicate key': 'id: a\nid: b\n',
    tab: 'id:\ta\n',
    'nested flow map': 'source: {locale: {a: b}}\n',
    'lone quote in single quotes': "title: 'it's'\n",
    'colon in value': 'title: a: b\n',
    'quoted item with comma': 'tags: [a, "b, c"]\n',
    'blank line in a list': 'tags:\n  - a\n\n  - b\n',
    'document marker': '---\nid: a\n',
  };
  for (const [name, yaml] of Object.entries(declined))
    it(`declines ${name}, leaving it to the full parser`, () => {
      expect(parsePlainYaml(yaml, 1)).toBeUndefined();
    });

  const read = {
    'plain scalars, dates and integers': 'id: a-1\ntitle: パスワードを忘れた\nupdated: 2026-01-02\norder: -3\n',
    'booleans in every spelling': 'draft: true\nx: False\ny: TRUE\n',
    'flow lists with odd spacing': 'tags: [ a,b ,  c ]\nrelated: []\n',
    'block lists with extra spaces after the dash': 'aliases:\n    -   one\n    - two words\n',
    'a one-level map': 'source:\n  locale: ja\n  hash: 0123456789abcdef\n',
    'a one-line map': 'source: { locale: ja,  hash: 0123456789abcdef }\nx: {a: 1}\n',
    'escaped quotes and backslashes in double quotes': 'aliases:\n  - "\\"Expired\\" \\\\ now"\n',
    'doubled quotes in single quotes': "title: '\"Locked\" and I can''t sign in'\n",
    'quoted scalars': `title: "How do I: reset?"\nsummary: 'Its # fine'\n`,
    'hash inside a word and brackets inside a value': 'title: C# and [beta] {x}\n',
  };
  for (const [name, yaml] of Object.entries(read))
    it(`reads ${name} exactly as the YAML parser does`, () => {
      expect(expectAgreement(yaml)).toBe(true);
    });
});

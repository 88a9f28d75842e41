import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

const temps: string[] = [];

/** The exchange fixture with ar and ru added to the site config, so plural rules of four locales can be checked. */
function workspace(): { content: string; i18n: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-qa-'));
  temps.push(root);
  cpSync(path.join(ROOT, 'test/i18n/fixtures/exchange'), root, { recursive: true });
  const config = path.join(root, 'content/kotae.config.yaml');
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace(
      '    - { code: en, name: English, fallback: [ja] }\n',
      '    - { code: en, name: English, fallback: [ja] }\n    - { code: ar, name: العربية, dir: rtl, fallback: [en] }\n    - { code: ru, name: Русский, fallback: [en] }\n',
    ),
  );
  return { content: path.join(root, 'content'), i18n: path.join(root, 'i18n') };
}

function writeBundle(i18n: string, locale: string, namespace: string, data: unknown): void {
  const dir = path.join(i18n, locale);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${namespace}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

const qa = (ws: { content: string; i18n: string }, ...args: string[]) => runTool('i18n-qa', ['--content', ws.content, '--i18n', ws.i18n, ...args]);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run i18n:qa', () => {
  it('passes the fixture, whose translation keeps every code, heading and code block', async () => {
    const r = await qa(workspace(), '--locale', 'en');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/0 findings \(en 0\)/);
    expect(r.status).toBe(0);
  });

  it("checks plural forms against each locale's CLDR categories: ja, en, ar and ru", async () => {
    const ws = workspace();
    const widget = (count: Record<string, string>) => ({
      launcher: { label: 'x' },
      search: { ...count, none: '{{query}}' },
      article: { updated: '<strong>{{date}}</strong>' },
    });
    writeBundle(ws.i18n, 'en', 'widget', widget({ count_other: '{{count}} results' }));
    writeBundle(ws.i18n, 'ar', 'widget', widget({ count_one: 'نتيجة واحدة', count_other: '{{count}} نتيجة' }));
    writeBundle(
      ws.i18n,
      'ru',
      'widget',
      widget({
        count_one: '{{count}} результат',
        count_few: '{{count}} результата',
        count_many: '{{count}} результатов',
        count_other: '{{count}} результата',
        count_two: 'лишнее',
      }),
    );
    // A namespace only en has is translated into ja, the default locale, which has one plural form.
    writeFileSync(path.join(ws.i18n, 'en', 'extra.json'), '{\n  "items_one": "{{count}} item",\n  "items_other": "{{count}} items"\n}\n');
    writeFileSync(path.join(ws.i18n, 'ja', 'extra.json'), '{\n  "items_one": "{{count}} 件",\n  "items_other": "{{count}} 件"\n}\n');
    const out = async (locale: string) => (await qa(ws, '--locale', locale)).stdout;
    expect(await out('en')).toMatch(
      /en\/widget\.json:\d+ {2}widget:search\.count_other: plural forms incomplete: en needs _one, _other \(CLDR\); missing _one\n/,
    );
    expect(await out('ar')).toMatch(
      /ar\/widget\.json:\d+ {2}widget:search\.count_one: plural forms incomplete: ar needs _zero, _one, _two, _few, _many, _other \(CLDR\); missing _zero, _two, _few, _many\n/,
    );
    const ru = await out('ru');
    expect(ru).not.toMatch(/incomplete/);
    expect(ru).toMatch(/ru\/widget\.json:\d+ {2}widget:search\.count_two: plural form _two is never used in ru \(CLDR categories: one, few, many, other\)/);
    expect(await out('ja')).toMatch(/ja\/extra\.json:2 {2}extra:items_one: plural form _one is never used in ja \(CLDR categories: other\)/);
  });

  it('reports lost placeholders and strings over their length budget', async () => {
    const ws = workspace();
    writeBundle(ws.i18n, 'en', 'widget', {
      launcher: { label: 'Get help from our friendly team' },
      search: { count_one: 'One result', count_other: 'Results', none: 'No articles match.' },
      article: { updated: 'Updated {{date}}' },
    });
    const r = await qa(ws, '--locale', 'en');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(`${path.relative(ROOT, path.join(ws.i18n, 'en/widget.json'))}:3  widget:launcher.label: too long: 31 characters, the budget is 16`);
    expect(r.stdout).toMatch(/widget:search\.count_other: placeholder \{\{count\}\} of the ja text is missing/);
    expect(r.stdout).not.toMatch(/count_one: placeholder/);
    expect(r.stdout).toMatch(/widget:search\.none: placeholder \{\{query\}\} of the ja text is missing/);
    expect(r.stdout).toMatch(/widget:article\.updated: placeholder <strong> of the ja text is missing/);
  });

  it('reports inline codes, headings, links and code blocks the translation lost, by path and line', async () => {
    const ws = workspace();
    const en = path.join(ws.content, 'en/guide/constructs.md');
    writeFileSync(
      en,
      readFileSync(en, 'utf8')
        .replace('Do not use `reset --hard`.', 'Do not reset it.')
        .replace('[What the LED means](id:led-codes#blink)', 'What the LED means')
        .replace('| Solid green |', '| 緑の点灯 |')
        .replace('The last paragraph.', 'The last パラグラフ.'),
    );
    const r = await qa(ws, '--locale', 'en');
    expect(r.stdout).toMatch(/constructs\.md:29 {2}untranslated: the text is the same as the source \(source line 28\)\n/);
    expect(r.stdout).toMatch(/constructs\.md:50 {2}untranslated text: Japanese kana in the translation \(source line 49\)\n/);
    expect(r.stdout).toMatch(/en\/guide\/constructs\.md:13 {2}inline code missing: code, keep as is: "`reset --hard`" \(source line 12\)\n/);
    expect(r.stdout).toMatch(/en\/guide\/constructs\.md:29 {2}inline code missing: link text: "\[" … "\]\(id:led-codes#blink\)" \(source line 28\)\n/);
    // Once blocks no longer line up, the whole document is compared.
    writeFileSync(
      en,
      readFileSync(en, 'utf8')
        .replace('## What you need {#prepare}\n', '')
        .replace(/```sh[\s\S]*?```\n/, ''),
    );
    const doc = (await qa(ws, '--locale', 'en')).stdout;
    expect(doc).toMatch(/constructs\.md:\d+ {2}structure: 0 headings, the source has 1/);
    expect(doc).toMatch(/structure: heading id \{#prepare\} of the source is missing/);
    expect(doc).toMatch(/structure: link \(id:led-codes#blink\) of the source is missing/);
    expect(doc).toMatch(/structure: 0 code blocks, the source has 1/);
  });

  it('reports glossary violations: a source term not translated as required, a forbidden term', async () => {
    const ws = workspace();
    writeFileSync(
      path.join(ws.i18n, 'glossary.en.json'),
      JSON.stringify({
        terms: [
          { source: 'アプリ', target: ['app'] },
          { source: 'ケーブル', target: ['cable'] },
        ],
        forbidden: [{ term: 'log in', use: 'sign in' }],
      }),
    );
    const en = path.join(ws.content, 'en/guide/constructs.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace('from the **app**', 'from the **application**').replace('The last paragraph.', 'Then log in.'));
    const r = await qa(ws, '--locale', 'en');
    expect(r.stdout).toMatch(/constructs\.md:13 {2}glossary: the source says "アプリ", which is translated as "app"\n/);
    expect(r.stdout).toMatch(/constructs\.md:50 {2}glossary: "log in" is not used; write "sign in"\n/);
    expect(r.stdout).not.toMatch(/ケーブル/);
    writeFileSync(path.join(ws.i18n, 'glossary.en.json'), '{ "terms": [{ "source": "x" }] }');
    const broken = await qa(ws, '--locale', 'en');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/glossary\.en\.json: terms\.0\.target: /);
  });

  it('passes the repository glossaries through their schema', async () => {
    for (const locale of ['ja', 'en']) {
      const data = JSON.parse(readFileSync(path.join(ROOT, `i18n/glossary.${locale}.json`), 'utf8'));
      expect(data.terms.length).toBeGreaterThan(0);
      expect(data.forbidden.length).toBeGreaterThan(0);
    }
  });
});

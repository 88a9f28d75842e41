import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

const FIXTURE = path.join(ROOT, 'test/i18n/fixtures/exchange');
// The whole XLIFF 2.0 core (what any valid document may hold) and the subset Kotae's exporter writes.
const CORE_SCHEMA = path.join(ROOT, 'test/i18n/schemas/xliff-core-2.0.xsd');
const SUBSET_SCHEMA = path.join(ROOT, 'test/i18n/schemas/xliff-core-2.0-subset.xsd');
const XLIFF2_FIXTURES = path.join(ROOT, 'test/i18n/fixtures/xliff2');
const temps: string[] = [];

/** A writable copy of the exchange fixture: `content/` (ja sources, one en translation) and `i18n/`. */
function workspace(): { root: string; content: string; i18n: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-exchange-'));
  temps.push(root);
  cpSync(FIXTURE, root, { recursive: true });
  return { root, content: path.join(root, 'content'), i18n: path.join(root, 'i18n') };
}

/** Every file under `dir` with its bytes, to compare trees before and after an import. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

async function exportTo(ws: { root: string; content: string; i18n: string }, format: string, extra: string[] = []): Promise<string> {
  const out = path.join(ws.root, `export.${format}`);
  const r = await runTool('i18n-export', ['--content', ws.content, '--i18n', ws.i18n, '--locale', 'en', '--format', format, '--out', out, ...extra]);
  expect(r.stderr).toMatch(/exported \d+ entries/);
  expect(r.status).toBe(0);
  return out;
}

/** `xmllint --noout --schema`: its exit status and its validity errors, one line each. */
function xmllint(schema: string, file: string): { status: number | null; stderr: string; errors: string[] } {
  const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${r.error.message}`);
  return { status: r.status, stderr: r.stderr, errors: r.stderr.split('\n').filter((line) => line.includes('Schemas validity error')) };
}

function expectValid(schema: string, file: string) {
  const r = xmllint(schema, file);
  expect(r.errors).toEqual([]);
  expect(r.stderr).toContain(`${file} validates`);
  expect(r.status).toBe(0);
}

async function importFrom(ws: { content: string; i18n: string }, file: string) {
  return await runTool('i18n-import', ['--content', ws.content, '--i18n', ws.i18n, file]);
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('i18n:export then i18n:import', () => {
  for (const format of ['xliff2', 'xliff12', 'po']) {
    it(`leaves every byte as it was when nothing was translated (${format})`, async () => {
      const ws = workspace();
      const before = snapshot(ws.root);
      const file = await exportTo(ws, format);
      const r = await importFrom(ws, file);
      expect(r.stdout).toMatch(/written 0, unchanged 2, not translated yet 2, refused 0/);
      expect(r.status).toBe(0);
      const after = snapshot(ws.root);
      after.delete(path.basename(file));
      expect(after).toEqual(before);
    });
  }

  it('exports one segment per block, frontmatter value and UI string, with codes for inline Markdown', async () => {
    const ws = workspace();
    const xlf = readFileSync(await exportTo(ws, 'xliff2'), 'utf8');
    const constructs = /<file id="all-constructs"[\s\S]*?<\/file>/.exec(xlf)![0];
    // title, summary, 2 aliases, 22 body blocks (headings, items, nested items, cells, callout, html, paragraphs)
    expect(constructs.match(/<unit /g)).toHaveLength(26);
    expect(constructs).not.toMatch(/kotae reset --all|このコメント/);
    expect(constructs).toContain('<source>準備するもの <ph id="1" dataRef="d1" canDelete="no" disp="heading id: &quot;{#prepare}&quot;"/></source>');
    expect(constructs).toMatch(/<pc id="1" dataRefStart="d1s" dataRefEnd="d1e" dispStart="\[" dispEnd="\]\(\.\/wifi\.md#prepare\)">接続手順<\/pc>/);
    expect(constructs).toMatch(/<data id="d1e">\]\(id:led-codes#blink\)<\/data>/);
    expect(constructs).toMatch(/<pc id="1"[^>]*dispStart="!\["[^>]*>カメラ正面の LED<\/pc>/);
    expect(constructs).toMatch(/<ph id="1" dataRef="d1" disp="code, keep as is: &quot;`ping`&quot;"\/> を実行/);
    expect(constructs).toMatch(/<ph id="\d" dataRef="d\d" disp="HTML tag: &quot;&lt;summary&gt;&quot;"\/>うまくいかない場合/);
    expect(constructs).toContain('<note category="location">ja/guide/constructs.md:21</note>');
    expect(xlf).toMatch(/<file id="ui.widget"[\s\S]*<unit id="search.count_one"[\s\S]*CLDR category "one" of en[\s\S]*<note category="max-length">\d+<\/note>/);
  });

  it('writes PO that msgfmt --check accepts, with numbered placeholders explained to the translator', async () => {
    const ws = workspace();
    const file = await exportTo(ws, 'po');
    const check = spawnSync('msgfmt', ['--check', '-o', '/dev/null', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const po = readFileSync(file, 'utf8');
    expect(po).toMatch(
      /#\. \{1\}…\{\/1\} = link text: "\[" … "\]\(\.\/wifi\.md#prepare\)"\n#: ja\/guide\/constructs\.md:18\nmsgctxt "all-constructs\/b5"\nmsgid "入れ子の項目：\{1\}接続手順\{\/1\}を参照"\nmsgstr "Nested item: see the \{1\}connection steps\{\/1\}"/,
    );
    expect(po).toMatch(/msgctxt "ui\.widget\/search\.none"\nmsgid "「\{1\}」に一致する記事はありません。"/);
  });

  it('builds a new translation from the source with the structure intact and records the source hash', async () => {
    const ws = workspace();
    const file = await exportTo(ws, 'po', ['--only', 'missing']);
    const po = readFileSync(file, 'utf8');
    expect(po).not.toContain('all-constructs/');
    // A "translator" who swaps each message for its reversed words, keeping the placeholders.
    const translated = po.replace(/(msgctxt "wifi-setup\/[^"]+"\nmsgid "([^"]*)"\n)msgstr ""/g, (_, head: string, id: string) => `${head}msgstr "EN ${id}"`);
    writeFileSync(file, translated);
    const r = await importFrom(ws, file);
    expect(r.stdout).toMatch(/wrote .*en\/guide\/wifi\.md/);
    const en = readFileSync(path.join(ws.content, 'en/guide/wifi.md'), 'utf8');
    const hash = /source: \{ locale: ja, hash: "([0-9a-f]{16})" \}/.exec(en)?.[1];
    expect(en).toContain('title: EN Wi-Fi に接続するには？\n');
    expect(en).toContain('EN アプリの **設定** > **Wi-Fi** を開きます。\n\n## EN 準備 {#prepare}\n\nEN 2.4 GHz');
    const status = await runTool('i18n-status', ['--content', ws.content, '--i18n', ws.i18n, '--json']);
    expect(JSON.parse(status.stdout).locales.en).toMatchObject({ translated: 2, missing: 1, stale: 0 });
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('edits only the changed segment of an existing translation, keeping codes the translator moved', async () => {
    const ws = workspace();
    const file = await exportTo(ws, 'xliff2');
    const xlf = readFileSync(file, 'utf8').replace(
      /(<unit id="b5" [\s\S]*?<target>)[\s\S]*?(<\/target>)/,
      '$1<pc id="1" dataRefStart="d1s" dataRefEnd="d1e">Connection steps</pc>: read them first$2',
    );
    writeFileSync(file, xlf);
    const before = readFileSync(path.join(ws.content, 'en/guide/constructs.md'), 'utf8');
    const r = await importFrom(ws, file);
    expect(r.status).toBe(0);
    const after = readFileSync(path.join(ws.content, 'en/guide/constructs.md'), 'utf8');
    expect(after).toBe(before.replace('Nested item: see the [connection steps](./wifi.md#prepare)', '[Connection steps](./wifi.md#prepare): read them first'));
  });

  it('marks a stale translation for review and records the new hash only once the translator confirms it', async () => {
    const ws = workspace();
    // The translated version in git says which block changed (without history, blocks pair only on evidence).
    const git = (...args: string[]) =>
      expect(spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args], { cwd: ws.root }).status).toBe(
        0,
      );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'translated');
    const ja = path.join(ws.content, 'ja/guide/constructs.md');
    writeFileSync(ja, readFileSync(ja, 'utf8').replace('最後の段落です。', '最後の段落を書き直しました。'));
    const file = await exportTo(ws, 'xliff2', ['--only', 'stale']);
    const xlf = readFileSync(file, 'utf8');
    expect(xlf).toMatch(/<segment state="initial">\s*<source>最後の段落を書き直しました。<\/source>\s*<target>The last paragraph\.<\/target>/);
    const en = path.join(ws.content, 'en/guide/constructs.md');
    const before = readFileSync(en, 'utf8');
    expect((await importFrom(ws, file)).status).toBe(0);
    expect(readFileSync(en, 'utf8')).toBe(before);
    writeFileSync(
      file,
      xlf.replace(/state="initial"/g, 'state="final"').replace('<target>The last paragraph.</target>', '<target>The last paragraph, rewritten.</target>'),
    );
    expect((await importFrom(ws, file)).status).toBe(0);
    const newHash = /kotae-source-hash">([0-9a-f]{16})</.exec(xlf)![1]!;
    expect(readFileSync(en, 'utf8')).toBe(
      before.replace('The last paragraph.', 'The last paragraph, rewritten.').replace(/hash: "[0-9a-f]{16}"/, `hash: "${newHash}"`),
    );
  });

  it('fills in a stale translation whose source gained a block from the version in git, and rebuilds it once complete', async () => {
    const ws = workspace();
    const git = (...args: string[]) =>
      expect(spawnSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.test', '-c', 'commit.gpgsign=false', ...args], { cwd: ws.root }).status).toBe(
        0,
      );
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'translated');
    const ja = path.join(ws.content, 'ja/guide/constructs.md');
    writeFileSync(
      ja,
      readFileSync(ja, 'utf8')
        .replace('1. 電源を入れます。', '1. 電源アダプターをつなぎます。\n1. 電源を入れます。')
        .replace('最後の段落です。', '最後の段落を書き直しました。'),
    );
    git('commit', '-q', '-am', 'one more step');
    const file = await exportTo(ws, 'po', ['--only', 'stale']);
    const po = readFileSync(file, 'utf8');
    const message = (key: string) => new RegExp(`(#, fuzzy\\n)?msgctxt "all-constructs/${key}"\\nmsgid "[^"]*"\\nmsgstr "([^"]*)"`).exec(po)!;
    expect(message('b7')[2]).toBe(''); // the new step
    expect(message('b8')[2]).toBe('Turn on the power.');
    expect(message('b8')[1]).toBeUndefined(); // unchanged since it was translated: not fuzzy
    expect(message('b23')[2]).toBe('The last paragraph.');
    expect(message('b23')[1]).toBe('#, fuzzy\n'); // rewritten in the source: to review

    const en = path.join(ws.content, 'en/guide/constructs.md');
    const before = readFileSync(en, 'utf8');
    expect((await importFrom(ws, file)).status).toBe(0);
    expect(readFileSync(en, 'utf8')).toBe(before);

    const done = po
      .replace('msgstr ""\n\n#. Item of a list', 'msgstr "Plug in the power adapter."\n\n#. Item of a list')
      .replace(/#, fuzzy\n/g, '')
      .replace('msgstr "The last paragraph."', 'msgstr "The last paragraph, rewritten."');
    writeFileSync(file, done);
    const r = await importFrom(ws, file);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const after = readFileSync(en, 'utf8');
    expect(after).toContain('1. Plug in the power adapter.\n1. Turn on the power.\n2. Hold <kbd>Reset</kbd>');
    expect(after).toContain('The last paragraph, rewritten.');
    expect(after).toContain('updated: 2026-09-02\n'); // the translation's own frontmatter is kept
    const status = await runTool('i18n-status', ['--content', ws.content, '--i18n', ws.i18n, '--json']);
    expect(JSON.parse(status.stdout).locales.en).toMatchObject({ translated: 1, stale: 0 });
  });

  it('refuses a file exported before the source changed, and a code the source does not have', async () => {
    const ws = workspace();
    const file = await exportTo(ws, 'po');
    writeFileSync(file, readFileSync(file, 'utf8').replace('msgstr "Nested item: see the {1}connection steps{/1}"', 'msgstr "Nested item: see {7}"'));
    const bad = await importFrom(ws, file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/segment "b5" of "all-constructs" \(line 18\): code 7 is not in the source/);
    const ja = path.join(ws.content, 'ja/guide/constructs.md');
    writeFileSync(ja, readFileSync(ja, 'utf8').replace('最後の段落です。', '変更しました。'));
    const changed = await importFrom(ws, await exportTo(ws, 'xliff12'));
    expect(changed.status).toBe(0);
    const old = path.join(ws.root, 'old.po');
    writeFileSync(old, readFileSync(file, 'utf8'));
    const stale = await importFrom(ws, old);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/the source of "all-constructs" changed since this file was exported .*i18n:diff -- all-constructs --locale en/);
  });

  it("imports UI strings with the target locale's plural forms and keeps {{variables}}", async () => {
    const ws = workspace();
    writeFileSync(path.join(ws.i18n, 'en/widget.json'), '{\n  "launcher": {\n    "label": "Help"\n  }\n}\n');
    const file = await exportTo(ws, 'xliff12');
    const xlf = readFileSync(file, 'utf8');
    expect(xlf).toMatch(
      /<trans-unit id="search.count_one" resname="search.count_one" maxwidth="\d+" size-unit="char" xml:space="preserve">\s*<source><x id="1" ctype="x-variable"/,
    );
    const filled = xlf
      .replace(/(<trans-unit id="search\.count_one"[\s\S]*?<\/source>)/, '$1<target><x id="1"/> result</target>')
      .replace(/(<trans-unit id="search\.count_other"[\s\S]*?<\/source>)/, '$1<target><x id="1"/> results</target>')
      .replace(/(<trans-unit id="article\.updated"[\s\S]*?<\/source>)/, '$1<target>Updated <x id="1"/><x id="2"/><x id="3"/></target>');
    writeFileSync(file, filled);
    expect((await importFrom(ws, file)).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(ws.i18n, 'en/widget.json'), 'utf8'))).toEqual({
      launcher: { label: 'Help' },
      search: { count_one: '{{count}} result', count_other: '{{count}} results' },
      article: { updated: 'Updated <strong>{{date}}</strong>' },
    });
  });

  it('exports one source language per file and names the entries left for another', async () => {
    const ws = workspace();
    const config = path.join(ws.content, 'kotae.config.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        '    - { code: en, name: English, fallback: [ja] }\n',
        '    - { code: en, name: English, fallback: [ja] }\n    - { code: fr, name: Français, fallback: [en] }\n',
      ),
    );
    writeFileSync(
      path.join(ws.content, 'en/guide/english-first.md'),
      '---\nid: english-first\ntype: faq\ntitle: Written in English first\ncategory: setup\nupdated: 2026-09-01\n---\nThis entry started in English.\n',
    );
    const out = path.join(ws.root, 'fr.xlf');
    const fromJa = await runTool('i18n-export', ['--content', ws.content, '--i18n', ws.i18n, '--locale', 'fr', '--format', 'xliff2', '--out', out]);
    expect(fromJa.stderr).toMatch(/note: 1 entry written in en is not in this file; export it with --source-locale en/);
    expect(readFileSync(out, 'utf8')).not.toContain('english-first');
    const fromEn = await runTool('i18n-export', [
      '--content',
      ws.content,
      '--i18n',
      ws.i18n,
      '--locale',
      'fr',
      '--format',
      'xliff2',
      '--source-locale',
      'en',
      '--out',
      out,
    ]);
    expect(fromEn.stderr).toMatch(/exported 1 entries and 0 UI namespaces .* en → fr/); // UI strings are translated from ja
    expect(fromEn.stderr).toMatch(/note: 3 entries written in ja are not in this file/);
    expect(readFileSync(out, 'utf8')).toMatch(/srcLang="en" trgLang="fr"[\s\S]*<source>This entry started in English\.<\/source>/);
  });

  it('explains bad input instead of failing with a stack trace', async () => {
    const ws = workspace();
    const noFormat = await runTool('i18n-export', ['--content', ws.content, '--locale', 'en', '--format', 'docx', '--out', 'x']);
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toMatch(/--format must be one of xliff2, xliff12, po/);
    const junk = path.join(ws.root, 'junk.txt');
    writeFileSync(junk, 'hello');
    const r = await importFrom(ws, junk);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not an XLIFF 2\.0, XLIFF 1\.2 or PO file/);
  });
});

describe('XLIFF 2.0 validation with xmllint --schema', () => {
  const XLF = '{urn:oasis:names:tc:xliff:document:2.0}';

  it('accepts the exports of the round-trip fixture (everything, and only the stale and missing entries) under both the core schema and the subset', async () => {
    const ws = workspace();
    const all = await exportTo(ws, 'xliff2');
    const ja = path.join(ws.content, 'ja/guide/constructs.md');
    writeFileSync(ja, readFileSync(ja, 'utf8').replace('最後の段落です。', '最後の段落を書き直しました。'));
    const out = path.join(ws.root, 'todo.xlf');
    const todo = await runTool('i18n-export', [
      '--content',
      ws.content,
      '--i18n',
      ws.i18n,
      '--locale',
      'en',
      '--format',
      'xliff2',
      '--only',
      'missing,stale',
      '--out',
      out,
    ]);
    expect(todo.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/<segment state="initial">/);
    for (const file of [all, out]) {
      expectValid(CORE_SCHEMA, file);
      expectValid(SUBSET_SCHEMA, file);
    }
  });

  it('accepts the export of the sample content (ja → en) under both the core schema and the subset', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-xliff2-'));
    temps.push(dir);
    const file = path.join(dir, 'sample-en.xlf');
    const r = await runTool('i18n-export', [
      '--content',
      path.join(ROOT, 'content'),
      '--i18n',
      path.join(ROOT, 'i18n'),
      '--locale',
      'en',
      '--format',
      'xliff2',
      '--out',
      file,
    ]);
    expect(r.stderr).toMatch(/exported \d+ entries .* ja → en as xliff2/);
    expect(r.status).toBe(0);
    expectValid(CORE_SCHEMA, file);
    expectValid(SUBSET_SCHEMA, file);
  });

  it('the subset refuses what the exporter does not write, even when the core allows it', async () => {
    const ws = workspace();
    const xlf = readFileSync(await exportTo(ws, 'xliff2'), 'utf8');
    const variants: [string, string, RegExp][] = [
      [
        'group.xlf',
        xlf.replace(/(<unit id="title")([\s\S]*?<\/unit>)/, '<group id="g1">$1$2</group>'),
        /Element '\{urn:oasis:names:tc:xliff:document:2\.0\}group': This element is not expected/,
      ],
      ['translate.xlf', xlf.replace('<unit id="title"', '<unit translate="no" id="title"'), /attribute 'translate': The attribute 'translate' is not allowed/],
      [
        'target-first.xlf',
        xlf.replace('<source>', '<target>x</target><source>'),
        /Element '\{urn:oasis:names:tc:xliff:document:2\.0\}target': This element is not expected/,
      ],
    ];
    for (const [name, text, message] of variants) {
      const file = path.join(ws.root, name);
      writeFileSync(file, text);
      const subset = xmllint(SUBSET_SCHEMA, file);
      expect(subset.status).toBe(3);
      expect(subset.errors[0]).toMatch(message);
      // Only the last one is broken XLIFF: the first two are the core schema's business, and valid.
      if (name === 'target-first.xlf') expect(xmllint(CORE_SCHEMA, file).errors[0]).toMatch(message);
      else expectValid(CORE_SCHEMA, file);
    }
  });

  const validDir = path.join(XLIFF2_FIXTURES, 'valid');
  for (const name of readdirSync(validDir).sort()) {
    it(`accepts valid/${name}, core features the exporter does not use, which the subset refuses`, async () => {
      const file = path.join(validDir, name);
      expectValid(CORE_SCHEMA, file);
      const subset = xmllint(SUBSET_SCHEMA, file);
      expect(subset.status).toBe(3);
      expect(subset.errors.length).toBeGreaterThan(0);
    });
  }

  // Each broken document has exactly one mistake, and xmllint's message names it.
  const broken: Record<string, RegExp> = {
    'bad-applies-to.xlf': /note', attribute 'appliesTo': .*The value 'both' is not an element of the set \{'source', 'target'\}/,
    'bad-code-type.xlf': /ph', attribute 'type': .*The value 'button' is not an element of the set \{'fmt', 'ui', 'quote', 'link', 'image', 'other'\}/,
    'bad-cp.xlf': /cp', attribute 'hex': .*The value 'BEL' is not accepted by the pattern/,
    'bad-dir.xlf': /unit', attribute 'trgDir': .*The value 'right-to-left' is not an element of the set \{'ltr', 'rtl', 'auto'\}/,
    'bad-priority.xlf': /note', attribute 'priority': .*The value '11' is greater than the maximum value allowed \('10'\)/,
    'bad-state.xlf': /segment', attribute 'state': .*The value 'approved' is not an element of the set \{'initial', 'translated', 'reviewed', 'final'\}/,
    'bad-substate.xlf': /segment', attribute 'subState': .*The value 'machine' is not accepted by the pattern/,
    'bad-version.xlf': /xliff', attribute 'version': The value '1\.2' does not match the fixed value constraint '2\.0'/,
    'bad-yes-no.xlf': /ph', attribute 'canDelete': .*The value 'false' is not an element of the set \{'yes', 'no'\}/,
    'duplicate-inline-id.xlf': /pc': Duplicate key-sequence \['1'\] in unique identity-constraint '.*inlineIdInSource'/,
    'duplicate-unit-id.xlf': /unit': Duplicate key-sequence \['u1'\] in unique identity-constraint '.*unitIdInFile'/,
    'empty-unit.xlf': /unit': Missing child element\(s\)\. Expected is one of \(.*segment.*ignorable \)/,
    'extension-attribute-on-segment.xlf': /segment', attribute '\{urn:example:kotae-test\}reviewer': The attribute .* is not allowed/,
    'extension-element-in-segment.xlf': /Element '\{urn:example:kotae-test\}hint': This element is not expected\. Expected is \( .*source \)/,
    'missing-em-startref.xlf': /em': The attribute 'startRef' is required but missing/,
    'missing-src-lang.xlf': /xliff': The attribute 'srcLang' is required but missing/,
    'missing-unit-id.xlf': /unit': The attribute 'id' is required but missing/,
    'notes-after-segment.xlf': /notes': This element is not expected/,
    'skeleton-after-notes.xlf': /skeleton': This element is not expected\. Expected is one of \( .*unit, .*group \)/,
    'target-before-source.xlf': /target': This element is not expected\. Expected is \( .*source \)/,
    'unknown-core-attribute.xlf': /segment', attribute 'translate': The attribute 'translate' is not allowed/,
    'unknown-data-ref.xlf': /ph': No match found for key-sequence \['d2'\] of keyref '.*dataRef'/,
    'unqualified-extension-attribute.xlf': /unit', attribute 'origin': The attribute 'origin' is not allowed/,
  };

  it('has an expected message for every broken fixture', async () => {
    expect(readdirSync(path.join(XLIFF2_FIXTURES, 'broken')).sort()).toEqual(Object.keys(broken).sort());
  });

  for (const [name, message] of Object.entries(broken)) {
    it(`rejects broken/${name} and names the problem`, async () => {
      const file = path.join(XLIFF2_FIXTURES, 'broken', name);
      const r = xmllint(CORE_SCHEMA, file);
      expect(r.stderr).toContain(`${file} fails to validate`);
      expect(r.status).toBe(3);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.replaceAll(XLF, '')).toMatch(message);
    });
  }
});

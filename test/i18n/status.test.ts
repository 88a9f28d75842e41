import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

const GOOD = path.join(FIXTURES, 'good-content');
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-status-'));
  temps.push(dir);
  return dir;
}

/** A copy of the good fixture that a test may edit. */
function copyOfGood(): string {
  const dir = path.join(tempDir(), 'content');
  cpSync(GOOD, dir, { recursive: true });
  return dir;
}

function writeBundle(root: string, locale: string, namespace: string, data: unknown): void {
  mkdirSync(path.join(root, locale), { recursive: true });
  writeFileSync(path.join(root, locale, `${namespace}.json`), JSON.stringify(data));
}

/** An i18n folder whose bundles agree, so content tests do not depend on the repo's UI strings. */
function matchingBundles(): string {
  const dir = tempDir();
  writeBundle(dir, 'ja', 'app', { title: 'タイトル' });
  writeBundle(dir, 'en', 'app', { title: 'Title' });
  return dir;
}

const status = (args: string[]) => runTool('i18n-status', args);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run i18n:status', () => {
  it('prints one JSON line of counts per locale for the good fixture', async () => {
    const { status: code, stdout } = await status(['--content', 'test/fixtures/good-content', '--i18n', matchingBundles(), '--json']);
    expect(code).toBe(0);
    expect(stdout).toBe('{"locales":{"en":{"translated":1,"missing":1,"stale":1,"orphaned":0,"ui_missing":0}}}\n');
  });

  it('exits 1 with --strict when something is missing or stale', async () => {
    const { status: code } = await status(['--content', 'test/fixtures/good-content', '--i18n', matchingBundles(), '--json', '--strict']);
    expect(code).toBe(1);
  });

  it('lists the files to translate and, for stale entries, the hash to record; recording it makes the entry current', async () => {
    const content = copyOfGood();
    const i18n = matchingBundles();
    const { stdout } = await status(['--content', content, '--i18n', i18n]);
    expect(stdout).toMatch(/camera-reset\n\s+source file: .*ja\/cam\/reset\.md\n\s+create:\s+.*en\/cam\/reset\.md/);
    const hash = /led-codes[\s\S]*?source\.hash: 0000000000000000 {2}-> {2}([0-9a-f]{16})/.exec(stdout)?.[1];
    expect(hash).toBeDefined();
    const led = path.join(content, 'en/cam/led.md');
    writeFileSync(led, readFileSync(led, 'utf8').replace('0000000000000000', hash!));
    const after = await status(['--content', content, '--i18n', i18n, '--json']);
    expect(JSON.parse(after.stdout).locales.en).toEqual({ translated: 2, missing: 1, stale: 0, orphaned: 0, ui_missing: 0 });
  });

  it('passes --strict once the translator has done what the report asks', async () => {
    const content = copyOfGood();
    const i18n = matchingBundles();
    const { stdout } = await status(['--content', content, '--i18n', i18n]);
    const newHash = /source\.hash: 0000000000000000 {2}-> {2}([0-9a-f]{16})/.exec(stdout)![1]!;
    const sourceLine = /add:\s+(source: \{ locale: ja, hash: "[0-9a-f]{16}" \})/.exec(stdout)![1]!;
    const led = path.join(content, 'en/cam/led.md');
    writeFileSync(led, readFileSync(led, 'utf8').replace('0000000000000000', newHash));
    const reset = readFileSync(path.join(content, 'ja/cam/reset.md'), 'utf8');
    writeFileSync(path.join(content, 'en/cam/reset.md'), reset.replace(/\n---\n/, `\n${sourceLine}\n---\n`));
    const done = await status(['--content', content, '--i18n', i18n, '--json', '--strict']);
    expect(done.stdout).toBe('{"locales":{"en":{"translated":3,"missing":0,"stale":0,"orphaned":0,"ui_missing":0}}}\n');
    expect(done.status).toBe(0);
  });

  it('marks a translation stale once its source body is edited', async () => {
    const content = copyOfGood();
    const i18n = matchingBundles();
    const wifi = path.join(content, 'ja/cam/wifi.md');
    writeFileSync(wifi, `${readFileSync(wifi, 'utf8')}\n追加の手順を書きました。\n`);
    const { stdout } = await status(['--content', content, '--i18n', i18n, '--json']);
    expect(JSON.parse(stdout).locales.en).toEqual({ translated: 0, missing: 1, stale: 2, orphaned: 0, ui_missing: 0 });
    expect((await status(['--content', content, '--i18n', i18n])).stdout).toMatch(/camera-wifi\n\s+translation: .*en\/cam\/wifi\.md/);
  });

  it('counts a translation whose source is gone as orphaned', async () => {
    const content = copyOfGood();
    writeFileSync(
      path.join(content, 'en/cam/gone.md'),
      '---\nid: gone-entry\ntype: faq\ntitle: Gone\ncategory: setup\nupdated: 2026-05-01\nsource: { locale: ja, hash: "0000000000000000" }\n---\nText.\n',
    );
    const i18n = matchingBundles();
    const { stdout } = await status(['--content', content, '--i18n', i18n, '--json']);
    expect(JSON.parse(stdout).locales.en.orphaned).toBe(1);
    expect((await status(['--content', content, '--i18n', i18n])).stdout).toMatch(
      /Orphaned[\s\S]*gone-entry\n\s+translation: .*en\/cam\/gone\.md {2}\(source\.locale: ja\)/,
    );
  });

  it("finds missing and unused UI strings, comparing plural keys by the locale's CLDR categories", async () => {
    const i18n = tempDir();
    writeBundle(i18n, 'ja', 'app', { title: 'タイトル', items_other: '{{count}} 件', menu: { open: '開く', close: '閉じる' } });
    writeBundle(i18n, 'en', 'app', { title: 'Title', items_other: '{{count}} items', items_few: 'unused form', menu: { open: 'Open' }, old: 'Old' });
    // A namespace only en has is the reference for every other locale.
    writeBundle(i18n, 'en', 'extra', { hello: 'Hello' });
    const { stdout } = await status(['--content', 'test/fixtures/good-content', '--i18n', i18n, '--json']);
    const locales = JSON.parse(stdout).locales;
    expect(locales.en.ui_missing).toBe(2);
    expect(locales.ja.ui_missing).toBe(1);
    const text = (await status(['--content', 'test/fixtures/good-content', '--i18n', i18n, '--locale', 'en'])).stdout;
    expect(text).toMatch(/UI strings missing[^\n]*\n\s+app:items_one\n\s+app:menu\.close\n/);
    expect(text).toMatch(/UI strings unused[^\n]*\n\s+app:items_few\n\s+app:old\n/);
    expect(text).not.toMatch(/Japanese|日本語/);
    const ja = (await status(['--content', 'test/fixtures/good-content', '--i18n', i18n, '--locale', 'ja'])).stdout;
    expect(ja).toMatch(/file does not exist yet: .*ja\/extra\.json\)\n\s+extra:hello\n/);
    expect(ja).not.toMatch(/items_one/);
  });

  it('takes a key that merely ends in a plural category (error.too_many) for a plain string', async () => {
    const i18n = tempDir();
    writeBundle(i18n, 'ja', 'app', { error: { too_many: '{{maximum}} 個までです。', too_few: '{{minimum}} 個以上必要です。' }, items_other: '{{count}} 件' });
    writeBundle(i18n, 'en', 'app', { error: { too_many: 'At most {{maximum}}.' }, items_one: '{{count}} item', items_other: '{{count}} items' });
    const text = (await status(['--content', 'test/fixtures/good-content', '--i18n', i18n, '--locale', 'en'])).stdout;
    expect(text).toMatch(/UI strings missing[^\n]*\n\s+app:error\.too_few\n/);
    expect(text).not.toMatch(/too_one|too_other|UI strings unused/);
    expect(JSON.parse((await status(['--content', 'test/fixtures/good-content', '--i18n', i18n, '--json'])).stdout).locales.en.ui_missing).toBe(1);
  });

  it('refuses an unknown locale and an unreadable bundle with a clear message', async () => {
    const unknown = await status(['--content', 'test/fixtures/good-content', '--locale', 'fr']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown locale "fr": the site config has ja, en/);
    const i18n = tempDir();
    mkdirSync(path.join(i18n, 'ja'));
    writeFileSync(path.join(i18n, 'ja', 'app.json'), '{ "title": ');
    const broken = await status(['--content', 'test/fixtures/good-content', '--i18n', i18n]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/ja\/app\.json: not valid JSON/);
  });
});

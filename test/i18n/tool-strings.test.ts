import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toolLocale, toolStrings } from '../../scripts/i18n/tool-strings.ts';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

describe('messages of the i18n tools (tools namespace)', () => {
  it('follow KOTAE_LANG, then the POSIX locale, then English', async () => {
    expect(toolLocale({ KOTAE_LANG: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(toolLocale({ LANG: 'ja_JP.UTF-8' })).toBe('ja-JP');
    expect(toolLocale({ LC_ALL: 'C.UTF-8', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(toolLocale({})).toBe('en');
  });

  it('fall back from a regional variant to its language and pick plural forms by the count', async () => {
    const ja = toolStrings('ja-JP');
    expect(ja('status.rows.stale')).toBe('要更新');
    expect(ja('status.contentErrors', { count: 1 })).toMatch(/^注意: コンテンツに 1 件のエラー/);
    const en = toolStrings('fr');
    expect(en('status.contentErrors', { count: 1 })).toMatch(/^note: the content has 1 error,/);
    expect(en('status.contentErrors', { count: 3 })).toMatch(/^note: the content has 3 errors,/);
  });

  it('print i18n:status in Japanese for a Japanese translator', async () => {
    const previous = process.env.KOTAE_LANG;
    process.env.KOTAE_LANG = 'ja';
    try {
      const { stdout } = await runTool('i18n-status', ['--content', 'test/i18n/fixtures/exchange/content', '--i18n', 'test/i18n/fixtures/exchange/i18n']);
      expect(stdout).toMatch(/== English（en）==\n {2}翻訳済み {3}1 {2}原文と一致している翻訳\n {2}未翻訳 {5}2 {2}まだ翻訳されていない記事\n/);
      expect(stdout).toContain('翻訳支援ツールで翻訳するには: npm run i18n:export -- --locale en --format xliff2 --only missing,stale --out en.xlf');
    } finally {
      process.env.KOTAE_LANG = previous;
    }
  });

  it('print i18n:qa findings in Japanese', async () => {
    const previous = process.env.KOTAE_LANG;
    process.env.KOTAE_LANG = 'ja';
    try {
      const root = mkdtempSync(path.join(tmpdir(), 'kotae-tools-ja-'));
      cpSync(path.join(ROOT, 'test/i18n/fixtures/exchange'), root, { recursive: true });
      const en = path.join(root, 'content/en/guide/constructs.md');
      writeFileSync(en, readFileSync(en, 'utf8').replace('Do not use `reset --hard`.', 'Do not reset it.'));
      const r = await runTool('i18n-qa', ['--content', path.join(root, 'content'), '--i18n', path.join(root, 'i18n'), '--locale', 'en']);
      rmSync(root, { recursive: true, force: true });
      expect(r.stdout).toMatch(/constructs\.md:13 {2}インラインコードがありません: コード（そのまま残す）: "`reset --hard`"（原文 12 行目）\n/);
      expect(r.stderr).toMatch(/i18n:qa: 指摘 1 件（en 1）/);
    } finally {
      process.env.KOTAE_LANG = previous;
    }
  });
});

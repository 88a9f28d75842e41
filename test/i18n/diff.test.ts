import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../content/run-cli.ts';
import { runTool } from './run-tool.ts';

// The CLIs speak the user's language (KOTAE_LANG, LANG); these tests read their English messages.
process.env.KOTAE_LANG = 'en';

const temps: string[] = [];
function contentCopy(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-diff-'));
  temps.push(root);
  cpSync(path.join(ROOT, 'test/i18n/fixtures/exchange/content'), path.join(root, 'content'), { recursive: true });
  return path.join(root, 'content');
}
function git(cwd: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.test', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}
const diff = (content: string, id: string) => runTool('i18n-diff', [id, '--locale', 'en', '--content', content]);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run i18n:diff', () => {
  it('shows what changed in the source since the commit the translation was made from', async () => {
    const content = contentCopy();
    const repo = path.dirname(content);
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'Translate the constructs article');
    expect((await diff(content, 'all-constructs')).stdout).toMatch(/The translation is up to date/);

    const ja = path.join(content, 'ja/guide/constructs.md');
    const text = readFileSync(ja, 'utf8')
      .replace('1. 電源を入れます。', '1. 電源アダプターをつないで電源を入れます。')
      .replace('最後の段落です。', '最後の段落です。\n\n新しく追加した段落です。')
      .replace('- [x] 付属の USB-C ケーブル\n', '');
    writeFileSync(ja, text);
    git(repo, 'commit', '-q', '-am', 'Clarify the power step');
    const r = await diff(content, 'all-constructs');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Translated from commit [0-9a-f]{10} \(\d{4}-\d\d-\d\d, "Translate the constructs article"\)/);
    expect(r.stdout).toContain('@@ changed (line 19, list item; was line 20)\n- 電源を入れます。\n+ 電源アダプターをつないで電源を入れます。\n');
    expect(r.stdout).toContain('@@ removed (was line 17, list item)\n- 付属の USB-C ケーブル\n');
    expect(r.stdout).toMatch(/@@ added \(line \d+, paragraph\)\n\+ 新しく追加した段落です。\n/);
    expect(r.stdout).toMatch(/3 changes to carry/);
    expect(r.stdout).toMatch(/set source\.hash in .*en\/guide\/constructs\.md to [0-9a-f]{16}/);
  });

  it('says plainly that the old source cannot be shown when the content is not in git', async () => {
    const content = contentCopy();
    const ja = path.join(content, 'ja/guide/constructs.md');
    writeFileSync(ja, readFileSync(ja, 'utf8').replace('最後の段落です。', '変更しました。'));
    const r = await diff(content, 'all-constructs');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/the old source cannot be shown:\n\s+.*is not in a git repository/);
  });

  it('refuses an entry without a translation and an unknown id', async () => {
    const content = contentCopy();
    expect((await diff(content, 'wifi-setup')).stderr).toMatch(/"wifi-setup" has no en translation yet/);
    const unknown = await diff(content, 'nope');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no entry "nope"/);
  });
});

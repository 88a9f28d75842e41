import { describe, expect, it } from 'vitest';
import { toolStrings } from '../../scripts/i18n/tool-strings.ts';
import { FIXTURES, runScript } from './run-cli.ts';

describe('content counts in tool messages', () => {
  it('say "1 content error" and "2 content errors", in English and Japanese', () => {
    const en = toolStrings('en');
    expect(en('content.buildFailed', { count: 1 })).toBe('build failed: 1 content error; the output folder was left as it was');
    expect(en('content.buildFailed', { count: 2 })).toBe('build failed: 2 content errors; the output folder was left as it was');
    expect(en('content.warningSummary', { count: 1 })).toBe('1 content warning — run `npm run check` to list it');
    expect(en('content.warningSummary', { count: 19 })).toBe('19 content warnings — run `npm run check` to list them');
    const ja = toolStrings('ja');
    expect(ja('content.warningSummary', { count: 19 })).toBe('コンテンツの警告が 19 件あります — 一覧は `npm run check` で表示できます');
    expect(ja('content.errors', { count: 1 })).toBe('エラー 1 件');
  });

  it('build --brief prints errors in full, and no "(s)"', () => {
    const { status, stderr } = runScript('build.ts', ['--content', `${FIXTURES}/broken-content`, '--out', '/nonexistent/kotae-out', '--brief']);
    expect(status).toBe(1);
    expect(stderr).toContain('error: invalid YAML in frontmatter');
    expect(stderr).toMatch(/build failed: \d+ content errors;/);
    expect(stderr).not.toContain('warning:');
    expect(stderr).not.toMatch(/\d+ [a-z ]+\(s\)/);
  });
});

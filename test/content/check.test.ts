import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runScript } from './run-cli.ts';

describe('npm run check', () => {
  it('prints every problem of a broken tree as path:line:col, exactly as the golden file, and exits 1', () => {
    const { status, stdout } = runScript('check.ts', ['--content', 'test/fixtures/broken-content', '--today', '2026-11-24']);
    expect(status).toBe(1);
    expect(stdout).toBe(readFileSync(path.join(FIXTURES, 'broken-content.expected.txt'), 'utf8'));
  });

  it('names each kind of problem the writer must fix', () => {
    const { stdout } = runScript('check.ts', ['--content', 'test/fixtures/broken-content', '--today', '2026-11-24', '--errors-only']);
    for (const expected of [
      /bad-yaml\.md:\d+:\d+ {2}error: invalid YAML/,
      /missing-fields\.md:2:1 {2}error: missing required field `title`/,
      /wrong-types\.md:8:1 {2}error: unknown field `colour`/,
      /wrong-types\.md:4:8 {2}error: `title` must be text/,
      /dup-2\.md:2:5 {2}error: duplicate id "dup"/,
      /en\/a\/refs\.md:3:7 {2}error: type "faq" differs/,
      /ja\/a\/dup-1\.md:2:5 {2}error: id "dup" differs from "other-id"/,
      /refs\.md:5:10 {2}error: unknown product "camra" {2}\(fix: did you mean "camera"\?\)/,
      /refs\.md:7:11 {2}error: unknown category "setpu"/,
      /refs\.md:15:1 {2}error: broken internal link: no entry with id "led-codez"/,
      /refs\.md:17:1 {2}error: missing image/,
      /refs\.md:19:1 {2}error: unsafe or unsupported raw HTML <script>/,
      /empty\.md:8:1 {2}error: the entry has no text/,
      /long\.md:4:8 {2}error: `title` is too long \(130 characters, at most 120\)/,
    ])
      expect(stdout).toMatch(expected);
    expect(stdout).not.toMatch(/warning:/);
  });

  it('reports stale and missing translations and old reviews as warnings, and exits 0', () => {
    const { status, stdout } = runScript('check.ts', ['--content', 'test/fixtures/good-content', '--today', '2026-11-24']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/en\/cam\/led\.md:8:29 {2}warning: stale translation/);
    expect(stdout).toMatch(/ja\/cam\/reset\.md:2:5 {2}warning: no en translation/);
    expect(stdout).toMatch(/0 errors, 2 warnings/);
  });

  it('answers a misspelled flag with usage and exit code 2', () => {
    const { status, stderr } = runScript('check.ts', ['--contnet', 'x']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage: npm run check/);
  });
});

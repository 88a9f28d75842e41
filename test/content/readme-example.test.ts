import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runScript } from './run-cli.ts';

const work = mkdtempSync(path.join(tmpdir(), 'kotae-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The README's "Writing an article" section: its Markdown example and the path it says to save it at. */
function readmeExample(): { text: string; file: string } {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  // The example itself has `##` headings: the section is read from its title on, the first block and line found.
  const section = readme.slice(readme.indexOf('\n## Writing an article\n'));
  const text = /```markdown\n([\s\S]*?)\n```\n/.exec(section)?.[1];
  const file = /Saved as `content\/([^`]+\.md)`/.exec(section)?.[1];
  if (!text || !file) throw new Error('README: "Writing an article" has no ```markdown example or no "Saved as `content/…`" line');
  return { text: `${text}\n`, file };
}

describe('README "Writing an article"', () => {
  it('is an entry that passes check when added to the sample content', () => {
    const { text, file } = readmeExample();
    const content = path.join(work, 'content');
    cpSync(path.join(ROOT, 'content'), content, { recursive: true });
    const target = path.join(content, file);
    // A new entry: copied over an existing one it would prove nothing.
    expect(() => readFileSync(target)).toThrow();
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    const { status, stdout } = runScript('check.ts', ['--content', content, '--today', '2026-12-01']);
    expect(stdout).toMatch(/\n0 errors, \d+ warnings?\n$/);
    expect(status).toBe(0);
    // It was read: it is the one entry without an English translation yet.
    expect(stdout).toMatch(new RegExp(`${path.basename(file)}:\\d+:\\d+ {2}warning: .*en`));
  });
});

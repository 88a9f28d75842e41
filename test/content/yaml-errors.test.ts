import { describe, expect, it } from 'vitest';
import { Problems } from '../../content/problems.ts';
import { parseEntryFile } from '../../scripts/pipeline/load.ts';

/** The problems of one Markdown file whose frontmatter lines are `fields` (the file's line 2 onwards). */
function problemsOf(fields: string[]): { line: number; col: number; message: string; fix: string }[] {
  const problems = new Problems();
  const text = ['---', ...fields, '---', 'Body.', ''].join('\n');
  expect(parseEntryFile('/c/en/x.md', text, 'en', 'x.md', problems)).toBeUndefined();
  return problems.list.map(({ line, col, message, fix }) => ({ line, col, message, fix }));
}

const head = ['id: x', 'type: article', 'title: X', 'category: setup', 'updated: 2026-01-01'];

describe('YAML errors in frontmatter', () => {
  it('points at the line of an unclosed [ (not the next one) and says to close it', () => {
    // Nine lines: the `[` is on line 9 of the file, the parser notices on line 10.
    const [p, ...rest] = problemsOf([...head, 'summary: s', 'product: cam', 'tags: [wifi, setup', 'aliases: []']);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ line: 9, col: 7, message: 'invalid YAML in frontmatter: the [ opened on line 9 is not closed' });
    expect(p!.fix).toBe('close the [ opened on line 9 with ] on the same line');
  });

  it('points at an unclosed [ on the last line', () => {
    const [p] = problemsOf([...head, 'tags: [wifi']);
    expect(p).toMatchObject({ line: 7, col: 7 });
    expect(p!.fix).toContain('close the [ opened on line 7');
  });

  it('points at an unclosed { and an unclosed quote where they open', () => {
    expect(problemsOf(['id: x', 'source: { locale: en', ...head.slice(1)])[0]).toMatchObject({
      line: 3,
      col: 9,
      fix: 'close the { opened on line 3 with } on the same line',
    });
    const [quote] = problemsOf(['id: x', 'type: article', 'title: "Connect', 'category: setup', 'updated: 2026-01-01']);
    expect(quote).toMatchObject({ line: 4, col: 8, message: 'invalid YAML in frontmatter: the " opened on line 4 is not closed' });
    expect(quote!.fix).toContain('write \\" for a quote inside it');
  });

  it('gives the quoting hint only for a ": " inside a plain value, with the value quoted', () => {
    const [p] = problemsOf(['id: x', 'type: article', 'title: Fix: the camera', 'category: setup', 'updated: 2026-01-01']);
    expect(p).toMatchObject({ line: 4, message: 'invalid YAML in frontmatter: a ":" followed by a space inside a value without quotes' });
    expect(p!.fix).toBe('put the value in quotes: title: "Fix: the camera"');
    for (const other of [problemsOf([...head, 'tags: [a']), problemsOf(['id: x', '\ttype: article', ...head.slice(2)]), problemsOf([...head, 'id: y'])])
      expect(other[0]!.fix).not.toContain('quotes:');
  });

  it('names tabs, repeated fields, an over-indented line and text after a closing quote, each on its own line', () => {
    expect(problemsOf(['id: x', '\ttype: article', ...head.slice(2)])[0]).toMatchObject({ line: 3, fix: 'indent with spaces, not tabs' });
    expect(problemsOf([...head, 'id: y'])[0]).toMatchObject({ line: 7, message: 'invalid YAML in frontmatter: the field "id" is written twice' });
    expect(problemsOf(['id: x', 'title: X', '  summary: s', ...head.slice(1)])[0]).toMatchObject({
      line: 4,
      message: 'invalid YAML in frontmatter: this line is indented under a field that already has a value',
    });
    expect(problemsOf(['id: x', "title: 'it's here'", ...head.slice(1)])[0]).toMatchObject({
      line: 3,
      message: 'invalid YAML in frontmatter: text goes on after the closing quote',
    });
  });
});

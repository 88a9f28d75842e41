import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURE_DOCUMENTS, fillFigures, readResults } from '../../scripts/figures.ts';

// Figures in the documentation come from recorded benchmark results (bench/results/*.jsonl), never typed by hand.

const results = readResults();

describe('documented figures', () => {
  it.each(FIGURE_DOCUMENTS.filter((doc) => existsSync(doc)))('%s quotes exactly what bench/results holds (else: npm run figures)', (doc) => {
    const text = readFileSync(doc, 'utf8');
    expect(fillFigures(text, results, doc)).toBe(text);
  });

  it('the README quotes figures of every recorded benchmark', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const bench of results.keys()) expect(readme, bench).toContain(`<!--fig ${bench}`);
  });

  it('every recorded line says when and where it was measured', () => {
    for (const [bench, lines] of results)
      for (const line of lines)
        expect(line, bench).toMatchObject({
          measured: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          node: expect.stringMatching(/^v\d+/),
          cores: expect.any(Number),
        });
  });

  it('rewrites a stale value, and names the marker when no single result matches or the format is unknown', () => {
    const recorded = new Map([
      ['widget', [{ loader_gz: 1808 }]],
      [
        'build',
        [
          { entries: 1000, seconds: 5.36 },
          { entries: 10000, seconds: 23.74 },
        ],
      ],
    ]);
    expect(fillFigures('loader <!--fig widget.loader_gz bytes-->1,741 B<!--/fig--> gz', recorded)).toBe(
      'loader <!--fig widget.loader_gz bytes-->1,808 B<!--/fig--> gz',
    );
    expect(fillFigures('<!--fig build[entries=10000].seconds s-->?<!--/fig-->', recorded)).toBe('<!--fig build[entries=10000].seconds s-->23.7 s<!--/fig-->');
    expect(() => fillFigures('<!--fig build.seconds s-->?<!--/fig-->', recorded, 'X.md')).toThrow('X.md: <!--fig build.seconds s-->: 2 recorded results match');
    expect(() => fillFigures('<!--fig widget.loader_gz furlongs-->?<!--/fig-->', recorded)).toThrow('unknown format "furlongs"');
    expect(() => fillFigures('<!--fig widget.nothing bytes-->?<!--/fig-->', recorded)).toThrow('has no field "nothing"');
  });
});

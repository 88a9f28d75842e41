import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { compileSiteInThreads } from '../../scripts/pipeline/compile-site-in-threads.ts';
import { formatProblem } from '../../content/problems.ts';
import { fileSink } from '../../scripts/pipeline/write-output.ts';
import { tree } from './run-cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const options = (contentDir: string) => ({ contentDir, today: '2026-11-01' });

describe('compileSiteInThreads (the build, one worker thread per locale)', () => {
  for (const content of ['content', 'test/fixtures/good-content']) {
    it(`writes exactly the files compileContent writes for ${content}, and finds the same problems`, async () => {
      const inThread = path.join(tmp, `${path.basename(content)}-thread`);
      const inWorkers = path.join(tmp, `${path.basename(content)}-workers`);
      const single = compileContent(options(content), fileSink(inThread));
      const parallel = await compileSiteInThreads(options(content), inWorkers, 2);
      expect(parallel.problems.errors).toEqual([]);
      expect(parallel.problems.sorted().map((p) => formatProblem(p))).toEqual(single.problems.sorted().map((p) => formatProblem(p)));
      expect(parallel.stats).toEqual(single.stats);
      const expected = tree(inThread);
      expect(expected.size).toBeGreaterThan(10);
      expect(tree(inWorkers)).toEqual(expected);
      // A sink that cannot append gets large files whole, with the same bytes.
      const whole = new Map<string, string>();
      compileContent(options(content), (file, data) => whole.set(file, Buffer.from(data).toString('latin1')));
      expect(whole).toEqual(expected);
    });
  }

  it('reports every problem of a broken tree once, as compileContent does, and writes no manifest', async () => {
    const out = path.join(tmp, 'broken');
    const single = compileContent(options('test/fixtures/broken-content'));
    const parallel = await compileSiteInThreads(options('test/fixtures/broken-content'), out, 2);
    expect(parallel.problems.errors.length).toBeGreaterThan(5);
    expect(parallel.problems.sorted().map((p) => formatProblem(p))).toEqual(single.problems.sorted().map((p) => formatProblem(p)));
    expect(readdirSync(tmp)).not.toContain(path.join('broken', 'data', 'manifest.json'));
    expect(() => readFileSync(path.join(out, 'data/manifest.json'))).toThrow();
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The linter and formatter (Biome, configured in biome.json): the repository passes `biome ci`, and a
// small tree that breaks a rule and the format is reported, so the check cannot pass vacuously.

const BIOME = path.resolve('node_modules/.bin/biome');

interface Diagnostic {
  category: string;
  severity: string;
  location: { path: string };
}

function biomeCi(cwd: string): { status: number | null; errors: string[] } {
  const run = spawnSync(BIOME, ['ci', '--colors=off', '--reporter=json', '.'], { cwd, encoding: 'utf8' });
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.category} ${d.location.path}`);
  return { status: run.status, errors: errors.sort() };
}

const planted: string[] = [];
afterAll(() => planted.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('lint and format (Biome)', () => {
  it('the repository passes `biome ci`', () => {
    expect(biomeCi(process.cwd())).toEqual({ status: 0, errors: [] });
  });

  it('bites: a misformatted file and a suspicious comparison are errors', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kotae-lint-'));
    planted.push(root);
    // The repository's config, but not in a git checkout: no .gitignore to follow, no schema beside it.
    const config = readFileSync('biome.json', 'utf8')
      .replace(/("vcs": \{\s*"enabled": )true/, '$1false')
      .replace(/^\s*"\$schema".*\n/m, '');
    expect(config).toMatch(/"vcs": \{\s*"enabled": false/);
    writeFileSync(path.join(root, 'biome.json'), config);
    mkdirSync(path.join(root, 'widget'));
    writeFileSync(path.join(root, 'widget/formatted.ts'), 'export const one = (a: number): boolean => a === 1;\n');
    writeFileSync(path.join(root, 'widget/loose.ts'), 'export const one = (a: number): boolean => a == 1;\n');
    writeFileSync(path.join(root, 'widget/messy.ts'), 'export const two   =  2\n');
    const { status, errors } = biomeCi(root);
    expect(status).not.toBe(0);
    expect(errors).toEqual(['format widget/messy.ts', 'lint/suspicious/noDoubleEquals widget/loose.ts']);
  });
});

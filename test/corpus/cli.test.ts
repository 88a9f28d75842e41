import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCorpusArgs, UsageError } from '../../scripts/corpus/corpus-args.ts';

const root = mkdtempSync(join(tmpdir(), 'kotae-gen-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function genCorpus(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-corpus.ts', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  }
  return out;
}

describe('gen:corpus arguments', () => {
  it('reads entries, locales, out and seed', () => {
    expect(parseCorpusArgs(['--entries', '12', '--locales', 'ja, en,pt-BR', '--out', 'x', '--seed', 's'])).toEqual({
      entries: 12,
      locales: ['ja', 'en', 'pt-BR'],
      out: resolve('x'),
      seed: 's',
      force: false,
    });
  });

  it.each([
    [[], /missing --entries, --locales, --out/],
    [['--entries', 'ten', '--locales', 'ja', '--out', 'x'], /--entries must be a whole number/],
    [['--entries', '0', '--locales', 'ja', '--out', 'x'], /--entries must be a whole number/],
    [['--entries', '5', '--locales', 'ja,EN', '--out', 'x'], /"EN" is not a language tag/],
    [['--entries', '5', '--locales', 'ja,ja', '--out', 'x'], /lists "ja" twice/],
    [['--entries', '5', '--locales', 'ja', '--out', 'x', '--colour'], /Unknown option '--colour'/],
  ])('rejects %j with a message', (args, message) => {
    expect(() => parseCorpusArgs(args)).toThrow(UsageError);
    expect(() => parseCorpusArgs(args)).toThrow(message);
  });
});

describe('npm run gen:corpus', () => {
  it('writes the same tree twice for the same arguments', () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    const first = genCorpus('--entries', '20', '--locales', 'ja,en', '--out', a, '--seed', 's1');
    expect(first.status, first.stderr).toBe(0);
    expect(genCorpus('--entries', '20', '--locales', 'ja,en', '--out', b, '--seed', 's1').status).toBe(0);
    const files = tree(a);
    expect(Object.keys(files)).toHaveLength(41);
    expect(files['kotae.config.yaml']).toBeDefined();
    expect(tree(b)).toEqual(files);
  });

  it('prints the usage and exits with code 2 on a bad argument', () => {
    const result = genCorpus('--entries', '1.5', '--locales', 'ja', '--out', join(root, 'never'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^gen:corpus: --entries must be a whole number.*\n\nUsage: npm run gen:corpus/);
    expect(result.stdout).toBe('');
  });

  it('refuses a folder that is not empty unless --force is given', () => {
    const dir = join(root, 'full');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const refused = genCorpus('--entries', '3', '--locales', 'en', '--out', dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/is not empty/);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    expect(genCorpus('--entries', '3', '--locales', 'en', '--out', dir, '--force').status).toBe(0);
    expect(Object.keys(tree(dir)).sort()).toEqual(expect.arrayContaining(['kotae.config.yaml']));
    expect(Object.keys(tree(dir))).not.toContain('keep.txt');
  });
});

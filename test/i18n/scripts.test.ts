/**
 * The i18n commands as translators run them: real processes through tsx and `npm run`. Everything else in
 * test/i18n calls the same commands in-process (run-tool.ts); these few spawns keep the script entries — flags
 * from process.argv, output on the process's streams, process.exitCode — covered.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../content/run-cli.ts';
import { runTool, type ToolName } from './run-tool.ts';

type Run = { status: number | null; stdout: string; stderr: string };

/** Runs `command args` from the repository root in English, collecting its output (without blocking the worker). */
function spawned(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, KOTAE_LANG: 'en', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const script = (tool: ToolName, args: string[]) => spawned(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${tool}.ts`), ...args]);

const TOOLS: ToolName[] = ['i18n-add', 'i18n-diff', 'i18n-export', 'i18n-import', 'i18n-pseudo', 'i18n-qa', 'i18n-status'];
const work = mkdtempSync(path.join(tmpdir(), 'kotae-i18n-scripts-'));

// A Node process with tsx takes seconds to start on a loaded machine; these tests wait for real processes.
const SPAWN_TIMEOUT = 120_000;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the i18n commands as scripts', () => {
  it(
    'each prints its usage for --help and exits 0, as its in-process run does',
    async () => {
      const runs = await Promise.all(TOOLS.map((tool) => script(tool, ['--help'])));
      for (const [i, tool] of TOOLS.entries()) {
        const inProcess = await runTool(tool, ['--help']);
        expect(runs[i], tool).toEqual({ status: 0, stdout: inProcess.stdout, stderr: '' });
        expect(runs[i]!.stdout, tool).toMatch(/^usage: npm run i18n:/);
      }
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exits 2 with the usage on stderr for an unknown flag',
    async () => {
      const r = await script('i18n-status', ['--bogus']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Unknown option '--bogus'\n\nusage: npm run i18n:status -- /);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'exports through npm run i18n:export and imports the translated file back through npm run i18n:import',
    async () => {
      cpSync(path.join(ROOT, 'test/i18n/fixtures/exchange'), work, { recursive: true });
      const content = path.join(work, 'content');
      const i18n = path.join(work, 'i18n');
      const file = path.join(work, 'en.po');
      const exported = await spawned('npm', [
        'run',
        '-s',
        'i18n:export',
        '--',
        '--content',
        content,
        '--i18n',
        i18n,
        '--locale',
        'en',
        '--format',
        'po',
        '--only',
        'missing',
        '--out',
        file,
      ]);
      expect(exported.stderr).toMatch(/exported \d+ entries/);
      expect(exported.status).toBe(0);
      const po = readFileSync(file, 'utf8');
      writeFileSync(
        file,
        po.replace(/(msgctxt "wifi-setup\/[^"]+"\nmsgid "([^"]*)"\n)msgstr ""/g, (_, head: string, id: string) => `${head}msgstr "EN ${id}"`),
      );
      const imported = await spawned('npm', ['run', '-s', 'i18n:import', '--', '--content', content, '--i18n', i18n, file]);
      expect(imported.stdout).toMatch(/wrote .*en\/guide\/wifi\.md/);
      expect(imported.status).toBe(0);
      expect(readFileSync(path.join(content, 'en/guide/wifi.md'), 'utf8')).toContain('title: EN Wi-Fi に接続するには？\n');
    },
    SPAWN_TIMEOUT,
  );
});

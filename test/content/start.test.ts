import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function withoutDatabase(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return env;
}

describe('npm start', () => {
  it('builds the content, serves the KB site under a strict CSP and runs the intake, printing the URLs', async () => {
    const port = 41000 + Math.floor(Math.random() * 2000);
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/start.ts',
        '--content',
        'test/fixtures/good-content',
        '--out',
        path.join(tmp, 'dist'),
        '--data',
        path.join(tmp, 'data'),
        '--port',
        String(port),
        '--intake-port',
        String(port + 1),
      ],
      // The embedded store, even when CI exports DATABASE_URL for the intake's PostgreSQL suite.
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: withoutDatabase() },
    );
    try {
      let output = '';
      let log = '';
      child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 100_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('intake ')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
      });
      expect(output).toContain(`KB site        http://127.0.0.1:${port}/`);
      // The fixture's two warnings come as one line that says how to list them, not as a list before the URLs.
      expect(log).toContain('2 content warnings — run `npm run check` to list them');
      expect(log).not.toContain('warning:');
      const page = await fetch(`http://127.0.0.1:${port}/en/faq/camera-reset/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('カメラを初期化するには？');
      const health = await fetch(`http://127.0.0.1:${port + 1}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', store: 'sqlite' });
      expect((await fetch(`http://127.0.0.1:${port}/../../etc/passwd`)).status).not.toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

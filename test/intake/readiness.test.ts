import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startIntake } from '../../intake/server.ts';
import { FIXTURES, holdToDocument, memoryLog, postInquiry, removeTempDirs, ROOT, sampleConfig, tempDir, validInquiry, waitFor } from './fixtures.ts';
import { testDatabase } from './postgres.ts';

/**
 * Liveness and readiness. `/healthz` stays 200 while the process runs and its store answers reads;
 * `/readyz` writes and reads back, and says 503 with the part and a short reason when a write fails. Each
 * failure here is a real one: a full file system (a small tmpfs in a mount namespace of its own, filled up)
 * and a PostgreSQL database that turned read-only. A data folder that cannot be created stops the CLI at once.
 */

afterAll(removeTempDirs);

const CLI_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

describe('npm run intake with a data folder it cannot use', () => {
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'intake/cli.ts', '--port', '0', '--content', FIXTURES, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: CLI_ENV,
      timeout: 60_000,
    });

  it('stops within seconds with a clear message for --data /proc/x (it hung before)', () => {
    const started = Date.now();
    const run = cli(['--data', '/proc/kotae-intake-test']);
    expect(run.signal, 'killed by the timeout: the CLI hung').toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot create the data folder /proc/kotae-intake-test');
    expect(run.stderr).toContain('ENOENT');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('names the file that is in the way for a --data below a file', () => {
    const { dir } = tempDir();
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const run = cli(['--data', path.join(file, 'data')]);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${file} is a file, not a folder`);
  });
});

/** Lines a child writes, as they come. */
function lines(child: ChildProcess): { all: string[] } {
  const out = { all: [] as string[] };
  let rest = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => {
    const parts = (rest + text).split('\n');
    rest = parts.pop() ?? '';
    out.all.push(...parts);
  });
  return out;
}

describe('readiness on a full disk (SQLite)', () => {
  it('/readyz is 503 while every write fails, /healthz stays 200, and /readyz recovers when space is freed', async () => {
    const { dir } = tempDir();
    // A 4 MiB tmpfs visible to this shell and the intake only; on a line from stdin the shell fills it up,
    // on the next it frees it. As root a mount namespace suffices; otherwise a user namespace maps us to root.
    const script = [
      'set -e',
      `mount -t tmpfs -o size=4m kotae-test "$1"`,
      `"$2" --import tsx intake/cli.ts --port 0 --data "$1" --content "$3" &`,
      'read _; dd if=/dev/zero of="$1/filler" bs=64k 2>/dev/null || true; echo filled',
      'read _; rm "$1/filler"; echo freed',
      'wait',
    ].join('\n');
    const unshare = ['--mount', '--propagation', 'private', ...(process.getuid?.() === 0 ? [] : ['--map-root-user'])];
    const child = spawn('unshare', [...unshare, 'sh', '-c', script, 'sh', dir, process.execPath, FIXTURES], {
      cwd: ROOT,
      env: { ...CLI_ENV, KOTAE_INTAKE_LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'inherit'],
      detached: true,
    });
    const out = lines(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const listening = await waitFor(() => out.all.find((l) => l.includes('"intake.listening"')), 60_000, 'the intake to listen');
      const url = String((JSON.parse(listening) as { url: string }).url);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', store: 'sqlite' });

      child.stdin!.write('fill\n');
      await waitFor(() => out.all.includes('filled'), 60_000, 'the disk to fill');
      const full = await waitFor(
        async () => {
          const response = await fetch(`${url}/readyz`);
          return response.status === 503 ? ((await response.json()) as Record<string, string>) : undefined;
        },
        10_000,
        '/readyz to turn 503',
      );
      expect(full).toEqual({ status: 'unavailable', store: 'sqlite', failed: 'store', reason: 'SQLITE_FULL' });
      // Liveness does not restart a process that cannot help it, and indeed no inquiry can be stored.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await postInquiry(url, validInquiry())).status).toBe(500);
      const lines = out.all.filter((l) => l.includes('"ready.failed"'));
      expect(lines.length).toBeGreaterThan(0);

      child.stdin!.write('free\n');
      await waitFor(() => out.all.includes('freed'), 60_000, 'the disk to be freed');
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 60_000, '/readyz to recover');
    } finally {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      child.stdin!.end();
      await exited;
    }
  }, 120_000);
});

describe('readiness on a database that turned read-only (PostgreSQL)', () => {
  it('/readyz is 503 with the SQLSTATE while writes are refused, and ready again once they are not', async () => {
    const database = await testDatabase();
    const name = `kotae_ro_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const url = new URL(database.url);
    url.pathname = `/${name}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const logged = memoryLog();
    const intake = await holdToDocument(
      await startIntake({ env: {}, port: 0, config: await sampleConfig(), log: logged.log, dataDir: tempDir().dir, databaseUrl: url.href }),
    );
    // New sessions of the database start read-only (as after a failover to a standby); the pool's sessions
    // are ended, so the intake reconnects into read-only ones.
    const readOnly = async (on: boolean) => {
      await admin.query(`ALTER DATABASE ${name} SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    };
    try {
      expect((await fetch(`${intake.url}/readyz`)).status).toBe(200);
      await readOnly(true);
      const refused = await waitFor(
        async () => {
          const response = await fetch(`${intake.url}/readyz`);
          return response.status === 503 ? ((await response.json()) as Record<string, string>) : undefined;
        },
        15_000,
        '/readyz to turn 503',
      );
      expect(refused).toEqual({ status: 'unavailable', store: 'postgres', failed: 'store', reason: '25006' });
      expect((await fetch(`${intake.url}/healthz`)).status).toBe(200);
      expect((await postInquiry(intake.url, validInquiry())).status).toBe(500);

      await readOnly(false);
      await waitFor(async () => (await fetch(`${intake.url}/readyz`)).status === 200, 60_000, '/readyz to recover');
      expect((await postInquiry(intake.url, validInquiry())).status).toBe(201);
    } finally {
      await intake.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      database.release();
    }
  }, 240_000);
});

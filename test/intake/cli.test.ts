import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveSettings, settingsFromEnv, settingsFromFile } from '../../intake/settings.ts';
import { openSqliteStore } from '../../intake/store/sqlite.ts';
import { FIXTURES, ROOT, removeTempDirs, tempDir } from './fixtures.ts';

afterAll(removeTempDirs);

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'intake/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 60_000,
  });

describe('npm run intake', () => {
  it('puts dead-lettered messages back in the queue with --requeue-dead', async () => {
    const { dir } = tempDir();
    const store = openSqliteStore(dir);
    const id = randomUUID();
    await store.createInquiry(
      {
        id,
        idempotencyKey: randomUUID(),
        bodyHash: 'h',
        receivedAt: 0,
        firstResponseDue: 0,
        product: 'camera',
        severity: 'c',
        plan: 'standard',
        locale: 'ja',
        uploadTokens: [],
        data: {},
      },
      ['webhook'],
    );
    const [claimed] = await store.claimOutbox(['webhook'], Date.now(), 1, 60_000);
    await store.markFailed(claimed!.id, claimed!.attempts, 'webhook answered HTTP 410', null);
    expect((await store.outboxFor(id))[0]!.status).toBe('dead');
    await store.close();

    const run = cli(['--requeue-dead', '--data', dir, '--content', FIXTURES]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"outbox.requeued"');
    const after = openSqliteStore(dir);
    expect((await after.outboxFor(id))[0]).toMatchObject({ status: 'pending', attempts: 0 });
    await after.close();
  });

  it('refuses bad flags and bad settings with a message instead of a stack trace', () => {
    const badPort = cli(['--port', 'eighty']);
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toContain('--port: expected a number');
    const { dir } = tempDir();
    const file = path.join(dir, 'settings.yaml');
    writeFileSync(file, 'webhook:\n  url: not a url\n  secret: whsec_short\n');
    const badSettings = cli(['--settings', file, '--data', dir]);
    expect(badSettings.status).toBe(1);
    expect(badSettings.stderr).toMatch(/webhook\.url/);
    expect(badSettings.stderr).toMatch(/webhook\.secret/);
    expect(badSettings.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads YAML settings files, which the environment and flags override', () => {
    const { dir } = tempDir();
    const file = path.join(dir, 'settings.yaml');
    writeFileSync(
      file,
      'port: 5000\ncorsOrigins: [https://shop.example]\nzendesk:\n  url: https://nagisa.zendesk.com\n  email: bot@nagisa.example\n  token: secret\n',
    );
    const env = settingsFromEnv({ KOTAE_INTAKE_CORS_ORIGINS: 'https://other.example', KOTAE_INTAKE_PORT: '5002' });
    const settings = resolveSettings(settingsFromFile(file), env, { port: 5001 });
    expect(settings.port).toBe(5001);
    expect(settings.corsOrigins).toEqual(['https://other.example']);
    expect(resolveSettings(settingsFromFile(file)).corsOrigins).toEqual(['https://shop.example']);
    expect(settings.zendesk).toMatchObject({ api: 'tickets', tags: ['kotae'] });
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCredentials } from '../../intake/admin/accounts.ts';
import { openStore } from '../../intake/store/open.ts';
import { ROOT, removeTempDirs, tempDir, waitFor } from './fixtures.ts';
import { dropSchemas, testDatabase } from './postgres.ts';

// `npm run intake -- admin …` in a child process, the way an operator runs it (the password piped in).
const schemas: string[] = [];
let database: Awaited<ReturnType<typeof testDatabase>> | undefined;
afterAll(async () => {
  if (database) {
    await dropSchemas(database.url, schemas);
    database.release();
  }
  removeTempDirs();
});

const admin = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'intake/cli.ts', 'admin', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: input ?? '',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 60_000,
  });

const PASSWORD = 'correct horse battery staple';

describe('npm run intake -- admin', () => {
  it('adds an account with the password from stdin, lists it, changes its password and removes it (SQLite in --data)', async () => {
    const { dir } = tempDir();
    const added = admin(['add', 'alice', '--data', dir], `${PASSWORD}\n`);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('added the console account alice\n');
    expect(added.status).toBe(0);
    expect(admin(['add', 'bob', '--password-stdin', '--data', dir], `${PASSWORD} bob\n`).status).toBe(0);

    const again = admin(['add', 'alice', '--data', dir], `${PASSWORD}\n`);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already an account named alice');

    const list = admin(['list', '--data', dir]);
    expect(list.status).toBe(0);
    expect(
      list.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['alice', 'bob']);
    expect(list.stdout).not.toContain('scrypt');

    let store = await openStore({ dataDir: dir });
    const stored = await store.adminAccount('alice');
    expect(stored!.passwordHash).toMatch(/^scrypt\$N=32768,r=8,p=1\$/);
    expect(stored!.passwordHash).not.toContain(PASSWORD);
    expect((await checkCredentials(store, 'alice', PASSWORD)).account?.user).toBe('alice');
    await store.close();

    expect(admin(['passwd', 'alice', '--data', dir], 'another long password\n').status).toBe(0);
    store = await openStore({ dataDir: dir });
    expect((await checkCredentials(store, 'alice', PASSWORD)).account).toBeUndefined();
    expect((await checkCredentials(store, 'alice', 'another long password')).account?.user).toBe('alice');
    await store.close();

    const removed = admin(['remove', 'alice', '--data', dir]);
    expect(removed.status).toBe(0);
    expect(admin(['remove', 'alice', '--data', dir]).status).toBe(1);
    expect(admin(['list', '--data', dir]).stdout).not.toContain('alice');
  });

  it('asks twice on a terminal, echoing neither, and refuses two that differ', async () => {
    const { dir } = tempDir();
    // `script` gives the command a pseudo-terminal; each answer is typed once its prompt has appeared.
    const onTerminal = async (user: string, answers: string[]) => {
      const child = spawn('script', ['-qefc', `${process.execPath} --import tsx intake/cli.ts admin add ${user} --data ${dir}`, '/dev/null'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' },
      });
      let screen = '';
      child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString('utf8')));
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      for (const [i, prompt] of ['Password: ', 'Password again: '].entries()) {
        await waitFor(() => screen.includes(prompt), 60_000, prompt);
        child.stdin.write(`${answers[i]}\r`);
      }
      const code = await closed;
      return { code, screen };
    };
    const typed = await onTerminal('terry', [PASSWORD, PASSWORD]);
    expect(typed.screen).toContain('added the console account terry');
    expect(typed.screen).not.toContain(PASSWORD);
    expect(typed.code).toBe(0);
    const differ = await onTerminal('tess', [PASSWORD, `${PASSWORD}!`]);
    expect(differ.screen).toContain('the two passwords differ');
    expect(differ.code).toBe(1);
    expect(admin(['list', '--data', dir]).stdout).not.toContain('tess');
  });

  it('refuses short passwords, bad names and bad usage with a message and no stack trace', () => {
    const { dir } = tempDir();
    const short = admin(['add', 'carol', '--data', dir], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    const badName = admin(['add', 'no spaces please', '--data', dir], `${PASSWORD}\n`);
    expect(badName.status).toBe(1);
    expect(badName.stderr).toContain('a user name is');
    const usage = admin(['frobnicate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('npm run intake -- admin add USER');
    const flag = admin(['add', 'carol', '--password', 'x']);
    expect(flag.status).toBe(2);
    for (const run of [short, badName, usage, flag]) expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(admin(['list', '--data', dir]).stdout).toBe('');
  });

  it('uses PostgreSQL when DATABASE_URL is set, like the service', async () => {
    database = await testDatabase();
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    schemas.push(schema);
    const env = { DATABASE_URL: database.url, KOTAE_INTAKE_DATABASE_SCHEMA: schema };
    const added = admin(['add', 'dana', '--data', tempDir().dir], `${PASSWORD}\n`, env);
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    const store = await openStore({ dataDir: tempDir().dir, databaseUrl: database.url, databaseSchema: schema });
    expect((await checkCredentials(store, 'dana', PASSWORD)).account?.user).toBe('dana');
    await store.close();
  }, 240_000);
});

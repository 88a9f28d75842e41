import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell } from '../../intake/inquiry-export.ts';
import { openSqliteStore } from '../../intake/store/sqlite.ts';
import { postgresTarget, postInquiry, ROOT, removeTempDirs, startTestIntake, tempDir, validInquiry, waitFor } from './fixtures.ts';
import { dropSchemas, testDatabase } from './postgres.ts';
import { startReceiver } from './test-servers.ts';

// `npm run inquiries` as a child process against the data folder of a real intake: three inquiries go in over
// HTTP, the webhook refuses them for good (dead letters), and the team lists, shows, forwards and exports them;
// and once against PostgreSQL, named the way the intake names it.

const dataDir = tempDir('kotae-inquiries-').dir;
const out = tempDir('kotae-inquiries-out-').dir;
const ids: string[] = [];
const INJECTION = '=HYPERLINK("http://evil.example","click")';

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/inquiries.ts', ...args, '--data', dataDir], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, KOTAE_LANG: 'en', ...env },
    timeout: 60_000,
  });

beforeAll(async () => {
  const receiver = await startReceiver(() => ({ status: 410 }));
  const intake = await startTestIntake(
    { name: 'sqlite', fresh: async () => ({ dataDir }) },
    {
      webhook: { url: receiver.url, secret: `whsec_${Buffer.alloc(32, 1).toString('base64')}` },
      outbox: { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 2, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 4 },
    },
  );
  try {
    const bodies = [
      validInquiry(),
      validInquiry((x) => {
        x.summary = INJECTION;
        x.description = '+1 for this, "quoted", with, commas\nand a second line';
        x.contact.name = '@admin';
        x.contact.email = 'john@example.com';
        x.locale = 'en';
      }),
      validInquiry((x) => {
        x.summary = '-5 error when restoring a backup';
        x.severity = 'b';
      }),
    ];
    for (const body of bodies) {
      const { status, json } = await postInquiry(intake.url, body);
      expect(status).toBe(201);
      ids.push(String(json.id));
    }
    await waitFor(async () => (await intake.store.outboxCounts()).dead === 3, 60_000, 'three dead letters');
  } finally {
    await intake.close();
    await receiver.close();
  }
}, 60_000);
afterAll(removeTempDirs);

describe('npm run inquiries', () => {
  it('lists one inquiry per line, newest first, each starting with its number', () => {
    const { status, stdout, stderr } = cli(['list']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.map((l) => l.slice(0, 9))).toEqual(['KT-000003', 'KT-000002', 'KT-000001']);
    expect(lines[2]).toContain('NC-320 がWi-Fiから1日に数回切断される');
    expect(stderr).toContain('3 shown of 3 inquiries matching');
  });

  it('filters by Japanese text, severity and state, and limits', () => {
    const japanese = cli(['list', '--text', '切断']).stdout;
    expect(japanese.trim().split('\n')).toHaveLength(1);
    expect(japanese).toMatch(/^KT-000001 /);
    expect(cli(['list', '--severity', 'b']).stdout).toMatch(/^KT-000003 /);
    expect(cli(['list', '--state', 'solved']).stdout).toBe('');
    const limited = cli(['list', '--limit', '2']);
    expect(limited.stdout.trim().split('\n')).toHaveLength(2);
    expect(limited.stderr).toContain('2 shown of 3');
    expect(cli(['list', '--state', 'lost']).status).toBe(2);
  });

  it('lists the undelivered with each waiting destination, its last error and next attempt', () => {
    const { status, stdout } = cli(['list', '--undelivered']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^KT-000003 .*\n {4}→ webhook: dead-lettered, attempts 1, next attempt –, last error: webhook answered HTTP 410\n/);
  });

  it('shows one inquiry by number or id: fields, diagnostics, what was tried, history and deliveries', () => {
    const { status, stdout } = cli(['show', 'KT-000001']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^KT-000001 {2}NC-320 がWi-Fiから1日に数回切断される\n/);
    expect(stdout).toContain(`id             ${ids[0]}`);
    expect(stdout).toContain('firmware: NC-320 2.8.5');
    expect(stdout).toContain('searched “wifi 切れる nc-320” (0)');
    expect(stdout).toMatch(/History:\n {2}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}received\n/);
    expect(stdout).toMatch(/Deliveries:\n {2}webhook {2}dead-lettered {2}1 attempt {2}last error: webhook answered HTTP 410/);
    expect(cli(['show', ids[1]!]).stdout).toMatch(/^KT-000002 /);
    expect(JSON.parse(cli(['show', '2', '--json']).stdout)).toMatchObject({ number: 'KT-000002', row: { id: ids[1] } });
    const ja = cli(['show', 'KT-000001'], { KOTAE_LANG: 'ja' });
    expect(ja.stdout).toContain('転送:\n  webhook  送信停止（デッドレター）');
  });

  it('refuses unknown numbers with exit 1 and what is not a number with exit 2', () => {
    const unknown = cli(['show', 'KT-000999']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('no inquiry KT-000999 in this store\n');
    expect(cli(['forward', '00000000-0000-4000-8000-000000000000']).status).toBe(1);
    expect(cli(['show', 'yesterday']).status).toBe(2);
    expect(cli(['show']).status).toBe(2);
  });

  it('forwards again: the message is pending, due now, attempts from 0, the same id', async () => {
    const before = await readOutbox(ids[0]!);
    const { status, stdout, stderr } = cli(['forward', 'KT-000001', '--to', 'webhook']);
    expect(status).toBe(0);
    expect(stdout).toBe(`requeued KT-000001 for webhook (was dead-lettered; message ${before.id})\n`);
    expect(stderr).toContain('next poll');
    expect(await readOutbox(ids[0]!)).toMatchObject({ id: before.id, status: 'pending', attempts: 0 });
    const wrong = cli(['forward', 'KT-000001', '--to', 'zendesk']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('KT-000001 has no message for zendesk; its destinations: webhook');
  });

  it('exports CSV that a CSV parser reads back: BOM, header, Japanese intact, formulas neutralised, quotes and line breaks kept', () => {
    const file = path.join(out, 'inquiries.csv');
    const { status, stderr } = cli(['export', '--format', 'csv', '--out', file]);
    expect(status).toBe(0);
    expect(stderr).toContain(`wrote ${file}`);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('\r\n');
    // Python's csv module, as a program outside this code base reading the file.
    const parsed = spawnSync(
      'python3',
      ['-c', 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f: print(json.dumps(list(csv.reader(f))))', file],
      { encoding: 'utf8' },
    );
    expect(parsed.status).toBe(0);
    const [header, ...rows] = JSON.parse(parsed.stdout) as string[][];
    expect(header).toEqual([
      'number',
      'received_at',
      'state',
      'product',
      'problem_type',
      'severity',
      'plan',
      'reply_by',
      'summary',
      'contact_name',
      'contact_email',
      'undelivered',
    ]);
    expect(rows.map((r) => r[0])).toEqual(['KT-000003', 'KT-000002', 'KT-000001']);
    const [third, second, first] = rows as [string[], string[], string[]];
    expect(first.slice(2, 9)).toEqual(['received', 'camera', 'wifi', 'c', 'standard', expect.stringMatching(/Z$/), 'NC-320 がWi-Fiから1日に数回切断される']);
    expect(first[9]).toBe('山田 花子');
    // Dead-lettered, then forwarded again (the test above): still waiting.
    expect(first[11]).toBe('webhook');
    expect(second[8]).toBe(`'${INJECTION}`);
    expect(second[9]).toBe("'@admin");
    expect(third[8]).toBe("'-5 error when restoring a backup");
    expect(third[11]).toBe('webhook');
  });

  it('exports JSON Lines: the number, state and stored inquiry per line, filtered', () => {
    const { status, stdout } = cli(['export', '--format', 'jsonl', '--text', 'john@EXAMPLE.com']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      number: 'KT-000002',
      id: ids[1],
      state: 'received',
      undelivered: [{ adapter: 'webhook', status: 'dead', last_error: 'webhook answered HTTP 410' }],
      data: { summary: INJECTION, description: '+1 for this, "quoted", with, commas\nand a second line' },
    });
    expect(cli(['export', '--format', 'xlsx']).status).toBe(2);
  });
});

async function readOutbox(id: string) {
  const store = openSqliteStore(dataDir);
  try {
    return (await store.outboxFor(id))[0]!;
  } finally {
    await store.close();
  }
}

describe('CSV cells', () => {
  it('quote commas, quotes and line breaks (RFC 4180) and neutralise a leading =, +, -, @, tab or carriage return', () => {
    expect(csvCell('plain 日本語')).toBe('plain 日本語');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'].map(csvCell)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx"]);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
  });
});

describe('npm run inquiries without --data', () => {
  it('reads the store the intake settings name: PostgreSQL from DATABASE_URL and its schema', async () => {
    const database = await testDatabase();
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    try {
      const intake = await startTestIntake(
        postgresTarget(() => database.url),
        { databaseSchema: schema },
      );
      try {
        expect(
          (
            await postInquiry(
              intake.url,
              validInquiry((x) => (x.summary = 'ＰＯＳＴＧＲＥＳ で受け付けた問い合わせ')),
            )
          ).status,
        ).toBe(201);
      } finally {
        await intake.close();
      }
      const { status, stdout } = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/inquiries.ts', 'list', '--text', 'postgres'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { PATH: process.env.PATH, HOME: process.env.HOME, KOTAE_LANG: 'en', DATABASE_URL: database.url, KOTAE_INTAKE_DATABASE_SCHEMA: schema },
        timeout: 60_000,
      });
      expect(status).toBe(0);
      expect(stdout).toMatch(/^KT-000001 .*ＰＯＳＴＧＲＥＳ で受け付けた問い合わせ\n$/);
    } finally {
      await dropSchemas(database.url, [schema]);
      database.release();
    }
  }, 240_000);
});

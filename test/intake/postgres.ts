import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './fixtures.ts';
import { postgresReachable } from '../../intake/store/postgres.ts';

/**
 * The PostgreSQL the intake's PostgreSQL suite runs against, never skipped:
 * - `TEST_DATABASE_URL` or `DATABASE_URL` when set (CI sources .ci/postgres.sh, which sets the latter);
 * - in CI (`CI=true`) without one: a loud failure, since a silently skipped suite would prove nothing;
 * - elsewhere: a throwaway cluster started by .ci/postgres.sh, the same way CI starts one, and stopped
 *   afterwards when this run started it.
 */
export async function testDatabase(): Promise<{ url: string; release: () => void }> {
  const given = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (given) {
    await assertReachable(given, 'TEST_DATABASE_URL/DATABASE_URL');
    return { url: given, release: () => {} };
  }
  if (process.env.CI === 'true')
    throw new Error(
      'CI=true but no PostgreSQL: `source .ci/postgres.sh` before `npm test` (it exports DATABASE_URL); the PostgreSQL suite must not be skipped',
    );

  const script = path.join(ROOT, '.ci/postgres.sh');
  const port = process.env.KOTAE_PG_PORT ?? '54329';
  const wasRunning = await postgresReachable(`postgres://postgres@127.0.0.1:${port}/postgres`);
  const started = spawnSync('bash', [script], { encoding: 'utf8', timeout: 240_000 });
  const url = /^DATABASE_URL=(.+)$/m.exec(started.stdout ?? '')?.[1];
  if (started.status !== 0 || !url) throw new Error(`could not start PostgreSQL with .ci/postgres.sh (exit ${started.status}):\n${started.stderr}`);
  await assertReachable(url, '.ci/postgres.sh');
  return {
    url,
    release: () => {
      if (!wasRunning) spawnSync('bash', [script, 'stop'], { encoding: 'utf8', timeout: 60_000 });
    },
  };
}

async function assertReachable(url: string, source: string): Promise<void> {
  if (!(await postgresReachable(url))) throw new Error(`PostgreSQL from ${source} is not reachable: ${url.replace(/:[^:@/]*@/, ':***@')}`);
}

/** Drops the schemas a test run created in `url`. */
export async function dropSchemas(url: string, schemas: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}

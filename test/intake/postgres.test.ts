import { afterAll, beforeAll } from 'vitest';
import { postgresTarget, removeTempDirs } from './fixtures.ts';
import { dropSchemas, testDatabase } from './postgres.ts';
import { adminSuite } from './suites/admin.ts';
import { apiSuite } from './suites/api.ts';
import { consoleSuite } from './suites/console.ts';
import { crashSuite } from './suites/crash.ts';
import { eventsSuite } from './suites/events.ts';
import { failoverSuite } from './suites/failover.ts';
import { forwardingSuite } from './suites/forwarding.ts';
import { lifecycleSuite } from './suites/lifecycle.ts';
import { instancesSuite } from './suites/instances.ts';
import { queriesSuite } from './suites/queries.ts';
import { storeSuite } from './suites/store.ts';

// The intake suite against PostgreSQL: a fresh schema per intake in the database of `testDatabase()`
// (DATABASE_URL / TEST_DATABASE_URL, or a cluster started by .ci/postgres.sh; never skipped).
let database: Awaited<ReturnType<typeof testDatabase>> | undefined;
const schemas: string[] = [];
const target = postgresTarget(() => database!.url, schemas);

beforeAll(async () => {
  database = await testDatabase();
}, 240_000);
afterAll(async () => {
  if (database) {
    await dropSchemas(database.url, schemas);
    database.release();
  }
  removeTempDirs();
});

apiSuite(target);
consoleSuite(target);
forwardingSuite(target);
lifecycleSuite(target);
crashSuite(target);
instancesSuite(target);
failoverSuite(target);
storeSuite(target);
queriesSuite(target);
eventsSuite(target);
adminSuite(target);

import { afterAll } from 'vitest';
import { removeTempDirs, sqliteTarget } from './fixtures.ts';
import { adminSuite } from './suites/admin.ts';
import { apiSuite } from './suites/api.ts';
import { consoleSuite } from './suites/console.ts';
import { crashSuite } from './suites/crash.ts';
import { eventsSuite } from './suites/events.ts';
import { forwardingSuite } from './suites/forwarding.ts';
import { lifecycleSuite } from './suites/lifecycle.ts';
import { queriesSuite } from './suites/queries.ts';
import { storeSuite } from './suites/store.ts';

// The intake suite against the embedded store (SQLite in WAL mode, one file per intake under a temp folder).
const target = sqliteTarget();
apiSuite(target);
consoleSuite(target);
forwardingSuite(target);
lifecycleSuite(target);
crashSuite(target);
storeSuite(target);
queriesSuite(target);
eventsSuite(target);
adminSuite(target);
afterAll(removeTempDirs);

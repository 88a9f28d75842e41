import { afterAll } from 'vitest';
import { removeTempDirs, sqliteTarget } from './fixtures.ts';
import { apiSuite } from './suites/api.ts';

// The intake suite against the embedded store (SQLite in WAL mode, one file per intake under a temp folder).
const target = sqliteTarget();
apiSuite(target);
afterAll(removeTempDirs);

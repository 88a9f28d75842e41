import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { IntakeStore } from './store.ts';

/** PostgreSQL when a database URL is given, else the embedded SQLite store in `dataDir`; initialized. */
export async function openStore(options: { dataDir: string; databaseUrl?: string | undefined; databaseSchema?: string }): Promise<IntakeStore> {
  const store = options.databaseUrl ? openPostgresStore(options.databaseUrl, options.databaseSchema) : openSqliteStore(options.dataDir);
  try {
    await store.init();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

/**
 * The widget's IndexedDB database, `kotae`, shared by the draft store and the outbox: one object store per
 * concept (`drafts` keyed by site scope, `outbox` keyed by the draft's idempotency key). Opened once per page.
 */

export const DB_NAME = 'kotae';
const DB_VERSION = 1;
export type StoreName = 'drafts' | 'outbox';

let opening: Promise<IDBDatabase> | undefined;

/**
 * Opens (creating or upgrading) the database. Rejects when IndexedDB is missing, blocked (private modes,
 * storage disabled, sandboxed frames) or fails to open; the callers then keep their data in memory.
 */
export function openKotaeDb(): Promise<IDBDatabase> {
  return (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox');
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema must not wait for this one forever.
      db.onversionchange = () => {
        db.close();
        opening = undefined;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('IndexedDB open blocked by another tab'));
  }).catch((error: unknown) => {
    opening = undefined;
    throw error;
  }));
}

/** Runs one request in a transaction on `store` and resolves when the transaction has committed. */
// biome-ignore lint/suspicious/noConfusingVoidType: `run` may only queue writes and return nothing
export async function withStore<T>(store: StoreName, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const db = await openKotaeDb();
  return new Promise<T | undefined>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result: T | undefined;
    const request = run(tx.objectStore(store));
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

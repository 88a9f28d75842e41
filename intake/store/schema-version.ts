/**
 * The version of the store's tables, numbered in the order migrations were added. A store records the version
 * it was last opened with (SQLite: `PRAGMA user_version`; PostgreSQL: `meta.schema_version`). Opening runs the
 * migrations the store has not had, then records this version; a store written by a newer Kotae (after a
 * rollback, or one instance of a mixed deployment) is refused before anything is touched, since this code
 * cannot know what the newer tables mean.
 *
 * 1. inquiries, outbox, uploads, events, admin accounts and sessions (unversioned stores are this or older)
 * 2. inquiry states: `inquiries.state` / `state_at` and the `inquiry_states` history
 */
export const STORE_SCHEMA_VERSION = 2;

export class StoreTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly where: string,
  ) {
    super(
      `${where} was written by a newer Kotae (store schema ${found}; this version knows up to ${STORE_SCHEMA_VERSION}). ` +
        'Run the newer Kotae, or restore the backup taken before the upgrade; nothing was changed.',
    );
    this.name = 'StoreTooNewError';
  }
}

/** Throws {@link StoreTooNewError} when `found` is newer than this code's schema. */
export function refuseNewerSchema(found: number, where: string): void {
  if (found > STORE_SCHEMA_VERSION) throw new StoreTooNewError(found, where);
}

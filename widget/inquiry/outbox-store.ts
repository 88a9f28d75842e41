import type { InquiryFieldError, InquiryInput } from '../../content/schema/inquiry.ts';
import type { DraftAttachment } from './draft-store.ts';
import { withStore } from './kotae-db.ts';

/** What the outbox stores per inquiry (IndexedDB `kotae` db, store `outbox`, keyed by the draft key). */
export interface OutboxItem {
  /** The site (its base URL): one database serves every Kotae site of the origin. */
  scope: string;
  key: string;
  body: InquiryInput;
  /** The files, blobs included; `token` is set as soon as a file's upload succeeded. */
  attachments: DraftAttachment[];
  locale: string;
  /** Failed attempts so far. */
  attempts: number;
  createdAt: number;
  /** Set when the intake refused the inquiry for good. */
  rejected?: { status: number; errors: InquiryFieldError[]; message: string };
}

/** The outbox items of one site. */
export interface OutboxStore {
  read(key: string): Promise<OutboxItem | undefined>;
  /** Rejects with a TypeError when the item holds a value IndexedDB cannot store. */
  write(item: OutboxItem): Promise<void>;
  remove(key: string): Promise<void>;
  all(): Promise<OutboxItem[]>;
  /** Whether items survive a reload: false once IndexedDB failed (or never existed) on this page. */
  readonly persistent: boolean;
}

/**
 * The outbox's storage for the site `scope`: IndexedDB while it works, memory from its first failure on
 * (so moving loses nothing: the item being written is kept in memory).
 */
export function openOutboxStore(scope: string): OutboxStore {
  const memory = new Map<string, OutboxItem>();
  let persistent = typeof indexedDB !== 'undefined';
  return {
    get persistent() {
      return persistent;
    },
    async read(key) {
      if (persistent) {
        try {
          const item = await withStore<OutboxItem | undefined>('outbox', 'readonly', (s) => s.get(key));
          return item?.scope === scope ? item : undefined;
        } catch {
          persistent = false;
        }
      }
      return memory.get(key);
    },
    async write(item) {
      if (persistent) {
        try {
          await withStore('outbox', 'readwrite', (s) => s.put(item, item.key));
          return;
        } catch (error) {
          if ((error as DOMException)?.name === 'DataCloneError')
            throw new TypeError(`Outbox.send: the inquiry holds a value that cannot be stored (${(error as Error).message})`);
          persistent = false;
        }
      }
      memory.set(item.key, item);
    },
    async remove(key) {
      memory.delete(key);
      if (!persistent) return;
      try {
        await withStore('outbox', 'readwrite', (s) => s.delete(key));
      } catch {
        persistent = false;
      }
    },
    async all() {
      if (persistent) {
        try {
          const items = (await withStore<OutboxItem[]>('outbox', 'readonly', (s) => s.getAll())) ?? [];
          return items.filter((i) => i.scope === scope);
        } catch {
          persistent = false;
        }
      }
      return [...memory.values()];
    },
  };
}

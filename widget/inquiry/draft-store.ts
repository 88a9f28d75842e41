import { withStore } from './kotae-db.ts';
import { randomKey } from './random-key.ts';

/**
 * The customer's unfinished inquiry, autosaved so that a reload, a closed widget or a crashed tab loses
 * nothing: one draft per site (the scope is the Kotae site's base URL), kept in IndexedDB (`kotae` db,
 * store `drafts`) with the chosen files themselves, or in memory for this page when IndexedDB is unavailable.
 */

/** A file the customer chose; the blob itself is kept so that a reload still has it to upload. */
export interface DraftAttachment {
  /** Stable id within the draft (for list keys and removal). */
  id: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  /** The upload token from `POST /v1/uploads`, once uploaded (tokens expire; see outbox.ts). */
  token?: string;
}

export interface InquiryDraft {
  /** Created with the draft (a UUID); it IS the `Idempotency-Key` of the send, so retries never duplicate. */
  key: string;
  createdAt: number;
  updatedAt: number;
  /** The UI's step id, restored after reload. */
  step: string;
  /** Partial `InquiryInput`-shaped form values; the UI decides the shape. Must be structured-cloneable. */
  values: Record<string, unknown>;
  attachments: DraftAttachment[];
  /** Names of the diagnostics the customer removed. */
  removedDiagnostics: string[];
}

export interface DraftStore {
  /**
   * Whether the draft survives a reload: true while IndexedDB works, false once it failed (unavailable,
   * blocked, quota) and the draft is only kept in memory for this page. Settled after the first `load()`.
   */
  readonly persistent: boolean;
  /** The site's draft, or undefined when there is none (or what was stored is not a draft). Never rejects. */
  load(): Promise<InquiryDraft | undefined>;
  /**
   * Stores the draft (stamping nothing: the caller sets `updatedAt`). Safe to call on every keystroke:
   * writes are serialized and a save superseded by a newer one before it ran is skipped. Never loses the
   * draft: when IndexedDB fails the draft stays in memory and `persistent` turns false. Rejects only for a
   * draft that cannot be stored at all (not structured-cloneable).
   */
  save(draft: InquiryDraft): Promise<void>;
  /** Forgets the site's draft (after a successful send, or when the customer starts over). */
  discard(): Promise<void>;
}

/** Drafts kept in memory, by scope: the fallback without IndexedDB, shared by every store of the page. */
const memory = new Map<string, InquiryDraft>();

/** A fresh, empty draft on the first step (`step: ''` – the UI picks its first step). */
export function newDraft(): InquiryDraft {
  const now = Date.now();
  return { key: randomKey(), createdAt: now, updatedAt: now, step: '', values: {}, attachments: [], removedDiagnostics: [] };
}

/**
 * The draft store of one site (`scope`: the Kotae site's base URL, e.g. `WidgetHost.base`).
 *
 * @example
 *   const drafts = openDraftStore(session.data.base);
 *   const draft = (await drafts.load()) ?? newDraft();
 *   draft.values.summary = text; draft.updatedAt = Date.now(); void drafts.save(draft);
 */
export function openDraftStore(scope: string): DraftStore {
  if (!scope) throw new TypeError('openDraftStore(scope): scope must be the site base URL');
  let persistent = typeof indexedDB !== 'undefined';
  let latest = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const fallBack = (draft: InquiryDraft | undefined) => {
    persistent = false;
    if (draft) memory.set(scope, draft);
    else memory.delete(scope);
  };
  // Writes run one after the other, in call order; `latest` lets a superseded save skip its write.
  const enqueue = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };

  return {
    get persistent() {
      return persistent;
    },

    async load() {
      await queue;
      if (persistent) {
        try {
          const stored = await withStore<unknown>('drafts', 'readonly', (s) => s.get(scope));
          return isDraft(stored) ? stored : undefined;
        } catch {
          persistent = false;
        }
      }
      return memory.get(scope);
    },

    save(draft) {
      if (!isDraft(draft)) return Promise.reject(new TypeError('DraftStore.save: not an InquiryDraft (see newDraft())'));
      const ticket = ++latest;
      return enqueue(async () => {
        if (ticket !== latest) return;
        if (persistent) {
          try {
            await withStore('drafts', 'readwrite', (s) => s.put(draft, scope));
            memory.delete(scope);
            return;
          } catch (error) {
            if ((error as DOMException)?.name === 'DataCloneError')
              throw new TypeError(`DraftStore.save: the draft holds a value that cannot be stored (${(error as Error).message})`);
          }
        }
        fallBack(draft);
      });
    },

    discard() {
      ++latest;
      return enqueue(async () => {
        memory.delete(scope);
        if (!persistent) return;
        try {
          await withStore('drafts', 'readwrite', (s) => s.delete(scope));
        } catch {
          fallBack(undefined);
        }
      });
    },
  };
}

function isDraft(value: unknown): value is InquiryDraft {
  const d = value as InquiryDraft | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.key === 'string' &&
    d.key.length >= 8 &&
    typeof d.step === 'string' &&
    typeof d.values === 'object' &&
    d.values !== null &&
    Array.isArray(d.attachments) &&
    Array.isArray(d.removedDiagnostics)
  );
}

/**
 * Group commit: writes that arrive while a commit is running wait, and go together into the next one, so
 * one commit (one fsync) acknowledges many customers. Both stores queue `createInquiry` through it; what a
 * commit is (one SQLite transaction, one PostgreSQL statement) is theirs.
 *
 * ```ts
 * const creates = groupCommit({ commit: (items) => items.map((i) => ({ ok: true, value: insert(i) })) });
 * const result = await creates.add(item); // resolves once `item`'s commit has returned
 * ```
 */

/** What became of one item of a commit. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

export interface GroupCommitOptions<T, R> {
  /**
   * Commits `items` together and returns one outcome per item, in order. Throwing means nothing was
   * committed: each item is then committed alone, so that one bad item cannot fail its neighbours.
   */
  commit(items: T[]): Outcome<R>[] | Promise<Outcome<R>[]>;
  /** Items that may share a commit have the same key; a batch is committed one key after the other. */
  groupKey?: (item: T) => string;
  /** Most items taken into one batch; default: all that wait. */
  maxBatch?: number;
  /** Batches committing at once; more arrivals wait for the next. Default 1. */
  maxInFlight?: number;
}

export interface GroupCommit<T, R> {
  /** Queues `item` for the next commit; settles with its outcome. Rejects once `close` was called. */
  add(item: T): Promise<R>;
  /** Refuses new items, commits the waiting ones and waits for the commits in flight. */
  close(): Promise<void>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (value: R) => void;
  reject: (error: unknown) => void;
}

export function groupCommit<T, R>(options: GroupCommitOptions<T, R>): GroupCommit<T, R> {
  const { commit, groupKey, maxBatch = Infinity, maxInFlight = 1 } = options;
  let queue: Array<Waiting<T, R>> = [];
  let inFlight = 0;
  let scheduled = false;
  let closed = false;
  let drained: (() => void) | undefined;

  // The first arrival schedules a flush for after the current turn of the event loop, so that everything
  // arriving in the same turn shares the commit.
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };
  const flush = () => {
    scheduled = false;
    while (queue.length && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      inFlight++;
      void commitBatch(batch).finally(() => {
        inFlight--;
        if (queue.length) schedule();
        else if (!inFlight) drained?.();
      });
    }
  };

  const commitBatch = async (batch: Array<Waiting<T, R>>): Promise<void> => {
    for (const group of groupKey ? groupBy(batch, (w) => groupKey(w.item)) : [batch]) {
      try {
        settle(group, await commit(group.map((w) => w.item)));
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else
          for (const w of group) {
            try {
              settle([w], await commit([w.item]));
            } catch (e) {
              w.reject(e);
            }
          }
      }
    }
  };

  return {
    add(item) {
      if (closed) return Promise.reject(new Error('store closed'));
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (queue.length || inFlight)
        await new Promise<void>((resolve) => {
          drained = resolve;
          schedule();
        });
    },
  };
}

function settle<T, R>(group: Array<Waiting<T, R>>, outcomes: Outcome<R>[]): void {
  group.forEach((w, i) => {
    const outcome = outcomes[i];
    if (!outcome) w.reject(new Error('group commit: no outcome for an item'));
    else if (outcome.ok) w.resolve(outcome.value);
    else w.reject(outcome.error);
  });
}

function groupBy<V>(values: V[], key: (value: V) => string): V[][] {
  const groups = new Map<string, V[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return [...groups.values()];
}

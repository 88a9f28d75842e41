import { describe, expect, it } from 'vitest';
import { groupCommit, type Outcome } from '../../intake/store/group-commit.ts';

/** A commit that records its batches and answers each item with its double; `bad` items fail the batch. */
function recorder(options: { bad?: (n: number) => boolean; gate?: () => Promise<void> } = {}) {
  const batches: number[][] = [];
  const commit = async (items: number[]): Promise<Outcome<number>[]> => {
    batches.push(items);
    await options.gate?.();
    if (items.some((n) => options.bad?.(n))) throw new Error(`bad item in ${items.join(',')}`);
    return items.map((n) => ({ ok: true, value: n * 2 }));
  };
  return { batches, commit };
}

describe('group commit (both stores queue createInquiry through it)', () => {
  it('commits the items that arrive in the same turn together, in one commit', async () => {
    const { batches, commit } = recorder();
    const queue = groupCommit({ commit });
    expect(await Promise.all([1, 2, 3].map((n) => queue.add(n)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('retries a failed batch item by item, so one bad item fails alone', async () => {
    const { batches, commit } = recorder({ bad: (n) => n === 2 });
    const queue = groupCommit({ commit });
    const results = await Promise.allSettled([1, 2, 3].map((n) => queue.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('settles each item with its own outcome when the commit reports one item failed', async () => {
    const queue = groupCommit<number, number>({
      commit: (items) => items.map((n) => (n < 0 ? { ok: false, error: new Error('negative') } : { ok: true, value: n })),
    });
    const results = await Promise.allSettled([1, -1].map((n) => queue.add(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('negative') },
    ]);
  });

  it('commits items with different group keys separately, and caps a batch at maxBatch', async () => {
    const { batches, commit } = recorder();
    const queue = groupCommit({ commit, groupKey: (n) => String(n % 2), maxBatch: 4 });
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.add(n)));
    expect(batches).toEqual([[1, 3], [2, 4], [5], [6]]);
  });

  it('keeps at most maxInFlight commits running; later arrivals wait and go together into the next', async () => {
    const release: Array<() => void> = [];
    const { batches, commit } = recorder({ gate: () => new Promise<void>((r) => release.push(r)) });
    const queue = groupCommit({ commit, maxInFlight: 1 });
    const first = queue.add(1);
    await waitUntil(() => batches.length === 1);
    const later = [queue.add(2), queue.add(3)];
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]);
    release.shift()!();
    await first;
    await waitUntil(() => batches.length === 2);
    release.shift()!();
    expect(await Promise.all(later)).toEqual([4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('commits what waits before close resolves, and refuses items added after', async () => {
    const { batches, commit } = recorder();
    const queue = groupCommit({ commit });
    const waiting = [queue.add(1), queue.add(2)];
    await queue.close();
    expect(batches).toEqual([[1, 2]]);
    expect(await Promise.all(waiting)).toEqual([2, 4]);
    await expect(queue.add(3)).rejects.toThrow('store closed');
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setImmediate(r));
  if (!check()) throw new Error('condition never held');
}

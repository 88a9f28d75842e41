import { describe, expect, it } from 'vitest';
import { EVENT_BATCH_MAX, EVENT_BATCH_MAX_BYTES, EventBatch, type SelfServiceEvent } from '../../content/schema/events.ts';
import { takeBatch } from '../../widget/analytics/event-batches.ts';
import { EventSession, randomSessionId } from '../../widget/analytics/event-session.ts';

const search = (query: string): SelfServiceEvent => ({
  type: 'search',
  session: 'AAAAAAAAAAAAAAAAAAAAAA',
  at: '2026-12-02T08:00:00.000Z',
  locale: 'ja',
  surface: 'widget',
  query,
  results: 3,
  answered: true,
});

describe('event batches', () => {
  it('takes at most 50 events, oldest first, and leaves the rest queued', () => {
    const queue = Array.from({ length: 120 }, (_, i) => search(`query ${i}`));
    const batches: EventBatch[] = [];
    for (let body = takeBatch(queue); body; body = takeBatch(queue)) batches.push(EventBatch.parse(JSON.parse(body)));
    expect(batches.map((b) => b.events.length)).toEqual([EVENT_BATCH_MAX, EVENT_BATCH_MAX, 20]);
    expect(batches.flatMap((b) => b.events).map((e) => (e as { query: string }).query)).toEqual(Array.from({ length: 120 }, (_, i) => `query ${i}`));
    expect(queue).toEqual([]);
  });

  it('cuts a batch before its UTF-8 body passes 32 KB', () => {
    // 200 characters of three UTF-8 bytes each: about 800 bytes an event, so 32 KB holds fewer than 50.
    const queue = Array.from({ length: 120 }, (_, i) => search(`${i}番目の質問${'あ'.repeat(190)}`.slice(0, 200)));
    const sizes: number[] = [];
    const counts: number[] = [];
    for (let body = takeBatch(queue); body; body = takeBatch(queue)) {
      sizes.push(new TextEncoder().encode(body).length);
      counts.push(EventBatch.parse(JSON.parse(body)).events.length);
    }
    expect(counts.reduce((a, b) => a + b)).toBe(120);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(EVENT_BATCH_MAX_BYTES);
    // Cut by bytes, not by count: full to within one event.
    expect(counts[0]).toBeLessThan(EVENT_BATCH_MAX);
    expect(sizes[0]).toBeGreaterThan(EVENT_BATCH_MAX_BYTES - 800);
  });

  it('has nothing to send for an empty queue', () => {
    expect(takeBatch([])).toBeUndefined();
  });
});

describe('event session', () => {
  it('is 22 base64url characters of fresh randomness', () => {
    const ids = new Set(Array.from({ length: 1000 }, randomSessionId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('keeps its id while events come, and starts a new one after 30 minutes without any', () => {
    const session = new EventSession();
    const first = session.idAt(0);
    expect(session.idAt(29 * 60_000)).toBe(first);
    expect(session.idAt(58 * 60_000)).toBe(first);
    const next = session.idAt(58 * 60_000 + 30 * 60_000 + 1);
    expect(next).not.toBe(first);
    expect(session.idAt(58 * 60_000 + 30 * 60_000 + 2)).toBe(next);
  });
});

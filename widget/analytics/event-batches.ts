import type { EVENT_BATCH_MAX, EVENT_BATCH_MAX_BYTES, SelfServiceEvent } from '../../content/schema/events.ts';

// The limits of `EventBatch` (content/schema/events.ts), repeated because that module carries zod; these
// lines fail to compile when they differ.
const MAX_EVENTS: typeof EVENT_BATCH_MAX = 50;
const MAX_BYTES: typeof EVENT_BATCH_MAX_BYTES = 32 * 1024;

const utf8 = new TextEncoder();

/**
 * Takes the oldest events off `queue` that fit one `POST /v1/events` body (at most 50 events and 32 KB of
 * UTF-8) and returns that body, or `undefined` when the queue is empty.
 */
export function takeBatch(queue: SelfServiceEvent[]): string | undefined {
  if (!queue.length) return undefined;
  const events: SelfServiceEvent[] = [];
  let bytes = utf8.encode('{"events":[]}').length;
  while (queue.length && events.length < MAX_EVENTS) {
    const size = utf8.encode(JSON.stringify(queue[0])).length + (events.length ? 1 : 0);
    // A single event is far below the limit (queries and texts are capped), so a batch is never empty.
    if (events.length && bytes + size > MAX_BYTES) break;
    bytes += size;
    events.push(queue.shift()!);
  }
  return JSON.stringify({ events });
}

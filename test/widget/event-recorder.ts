import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_BATCH_MAX_BYTES, EventBatch, type SelfServiceEvent } from '../../content/schema/events.ts';

/** One request the recorder received. */
export interface RecordedRequest {
  method: string;
  path: string;
  contentType: string;
  body: string;
}

export interface EventRecorder {
  origin: string;
  /** Every request, preflights included, in the order they arrived. */
  requests: RecordedRequest[];
  /** The bodies of `POST /v1/events`, each parsed with the intake's `EventBatch` schema (throws on a bad one). */
  batches(): EventBatch[];
  /** Every event of every batch, in order. */
  events(): SelfServiceEvent[];
  close(): Promise<void>;
}

/**
 * A stand-in for the intake's `POST /v1/events` on its own port, with the intake's CORS answers: preflights
 * for JSON from any page, credentials allowed for the page's origin (sendBeacon sends with them), 202 on
 * every POST. Any other path is recorded too, so a test can post a sentinel after the page's last chance to
 * send.
 */
export async function startEventRecorder(): Promise<EventRecorder> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        vary: 'origin',
      };
      res.writeHead(req.method === 'OPTIONS' ? 204 : 202, cors).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const batches = () =>
    requests
      .filter((r) => r.method === 'POST' && r.path === '/v1/events')
      .map((r) => {
        if (Buffer.byteLength(r.body) > EVENT_BATCH_MAX_BYTES) throw new Error(`a batch of ${Buffer.byteLength(r.body)} bytes`);
        return EventBatch.parse(JSON.parse(r.body));
      });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    batches,
    events: () => batches().flatMap((b) => b.events),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

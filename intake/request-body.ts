import type { IncomingMessage } from 'node:http';

/**
 * Reading request bodies within a limit, and answering a body that is too large so that the client can read
 * the answer.
 *
 * Why not `for await (const chunk of req)` and `break`: leaving the loop destroys the request and with it the
 * socket, and closing a socket that still has unread bytes makes the kernel send a reset. A client still
 * sending (no `Expect: 100-continue`) then sees `ECONNRESET` instead of our 413, and may lose the 413 it had
 * already received. So the limit is checked chunk by chunk without destroying anything, the answer is
 * written at once (with `Connection: close`, so a client that reads it stops sending), and the response ends
 * only after `discardRest` has read and dropped the rest of the body; then the connection closes with nothing
 * unread. Only a client that goes on sending past `DISCARD_LIMIT` is cut off.
 */

/** How many bytes past an early answer are read and dropped before the connection is closed. */
export const DISCARD_LIMIT = 32 * 1024 * 1024;

/** How reading a body ended: all of it read, more than the limit sent (the rest is unread), or the client left. */
export type BodyEnd = 'complete' | 'too_large' | 'aborted';

/**
 * Passes the body's chunks to `onChunk` (awaited: a slow consumer pauses the client) until the body ends or
 * passes `maxBytes`; a chunk that passes the limit is not passed on. Never destroys the request.
 */
export function readBody(req: IncomingMessage, maxBytes: number, onChunk: (chunk: Buffer) => void | Promise<void>): Promise<{ end: BodyEnd; size: number }> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let settled = false;
    let pending: Promise<void> = Promise.resolve();
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onClose);
    };
    const finish = (end: BodyEnd) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (end === 'too_large') req.pause();
      resolve({ end, size });
    };
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(error);
    };
    function onData(chunk: Buffer) {
      size += chunk.length;
      if (size > maxBytes) return finish('too_large');
      let result: void | Promise<void>;
      try {
        result = onChunk(chunk);
      } catch (error) {
        return fail(error);
      }
      if (result) {
        req.pause();
        pending = result.then(() => {
          if (!settled) req.resume();
        }, fail);
      }
    }
    function onEnd() {
      void pending.then(() => finish('complete'));
    }
    function onGone() {
      finish('aborted');
    }
    function onClose() {
      if (!req.complete) finish('aborted');
    }
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onClose);
  });
}

/**
 * After an answer given before the body was read (too large, wrong type, refused): reads and drops the rest;
 * resolves once the body has ended or the client has gone. A client that sends more than `limit` further
 * bytes is cut off.
 */
export function discardRest(req: IncomingMessage, limit = DISCARD_LIMIT): Promise<void> {
  return new Promise((resolve) => {
    if (req.complete || req.destroyed) return resolve();
    let dropped = 0;
    req.on('data', (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > limit) req.socket.destroy();
    });
    req.on('end', resolve);
    req.on('close', resolve);
    // An aborted body is no concern of ours any more.
    req.on('error', () => resolve());
    req.resume();
  });
}

import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '../../intake/server.ts';
import { holdToDocument, memoryLog, removeTempDirs, sampleConfig, tempDir } from './fixtures.ts';

/**
 * Client mistakes in the request line and the body framing: each is a 4xx with the standard error body,
 * never a 500, a reset connection or a crashed process. Requests go through node:http with the exact target
 * and headers given (fetch would normalise them).
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
  /** Socket errors seen until the connection closed (e.g. ECONNRESET). */
  errors: string[];
}

/**
 * One request with the exact request target; `chunks` are written as the body (chunked unless a
 * Content-Length header is given). Resolves once the answer is read and the connection has closed.
 */
function send(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string | number>; chunks?: Buffer[] } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const errors: string[] = [];
    let answer: Omit<RawAnswer, 'errors'> | undefined;
    const req = request({ host: hostname, port, method: options.method ?? 'GET', path: target, headers: options.headers ?? {}, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        answer = { status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => errors.push(e.code ?? e.message));
    req.on('close', () => (answer ? resolve({ ...answer, errors }) : reject(new Error(`no answer: ${errors.join(', ') || 'closed'}`))));
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('intake answers client mistakes with 4xx', () => {
  let intake: RunningIntake;
  const logged = memoryLog();

  beforeAll(async () => {
    intake = await holdToDocument(await startIntake({ env: {}, port: 0, config: await sampleConfig(), log: logged.log, dataDir: tempDir().dir }));
  });
  afterAll(async () => {
    await intake?.close();
    removeTempDirs();
  });

  it('answers a malformed percent-encoding in a path parameter with 400 malformed_url', async () => {
    for (const id of ['%E0%A4%A', '%', '%ZZ', '%C3%28', 'abc%']) {
      const answer = await send(intake.url, `/v1/inquiries/${id}`);
      expect(answer.status, id).toBe(400);
      expect(Object.keys(answer.json).sort()).toEqual(['error', 'message']);
      expect(answer.json.error).toBe('malformed_url');
      expect(String(answer.json.message)).toMatch(/形式が正しくありません/);
    }
    const english = await send(intake.url, '/v1/inquiries/%E0%A4%A', { headers: { 'accept-language': 'en' } });
    expect(english.json.message).toMatch(/malformed/);
    expect(logged.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('answers a path that reads like an authority (//, //host:99999) with 404, and keeps serving', async () => {
    // `new URL('//', base)` throws: before, this rejected the handler and brought the whole process down.
    for (const target of ['//', '//x:99999/', '/\\', '//v1/inquiries']) {
      const answer = await send(intake.url, target);
      expect(answer.status, target).toBe(404);
      expect(answer.json).toMatchObject({ error: 'not_found' });
    }
    expect((await send(intake.url, '/healthz')).status).toBe(200);
  });

  it('answers an absolute-form target that does not parse with 400, and OPTIONS * like any preflight', async () => {
    for (const target of ['http://a:99999/healthz', 'http://[::1/healthz']) {
      const answer = await send(intake.url, target);
      expect(answer.status, target).toBe(400);
      expect(answer.json.error).toBe('malformed_url');
    }
    expect((await send(intake.url, 'http://intake.example/healthz')).status).toBe(200);
    expect((await send(intake.url, '*', { method: 'OPTIONS' })).status).toBe(204);
  });

  describe('a body over the limit, sent without Expect: 100-continue', () => {
    /** `n` bytes in chunks of 64 KiB. */
    const body = (n: number, byte = 0x41) => Array.from({ length: Math.ceil(n / 65_536) }, (_, i) => Buffer.alloc(Math.min(65_536, n - i * 65_536), byte));

    it('gets a readable 413 for an upload, announced by Content-Length or chunked, not a reset', async () => {
      const limit = (await sampleConfig()).attachments.maxBytes;
      // Small bodies fit in the socket buffers; 16 MB is still being sent when the answer comes.
      for (const [size, headers] of [
        [2 * limit, { 'content-length': 2 * limit }],
        [16 * limit, { 'content-length': 16 * limit }],
        [16 * limit, {}],
      ] as const) {
        const answer = await send(intake.url, '/v1/uploads?filename=big.txt', { method: 'POST', headers, chunks: body(size) });
        expect(answer.errors, `${size} ${JSON.stringify(headers)}`).toEqual([]);
        expect(answer.status).toBe(413);
        expect(answer.json).toMatchObject({ error: 'upload_too_large' });
        expect(String(answer.json.message)).toMatch(/1 MB/);
      }
    });

    it('gets a readable 413 for an inquiry, announced by Content-Length or chunked, not a reset', async () => {
      const limit = intake.settings.maxBodyBytes;
      const headers = { 'content-type': 'application/json', 'idempotency-key': 'k'.repeat(16) };
      for (const [size, extra] of [
        [2 * limit, { 'content-length': 2 * limit }],
        [64 * limit, { 'content-length': 64 * limit }],
        [64 * limit, {}],
      ] as const) {
        const answer = await send(intake.url, '/v1/inquiries', { method: 'POST', headers: { ...headers, ...extra }, chunks: body(size, 0x20) });
        expect(answer.errors, `${size} ${JSON.stringify(extra)}`).toEqual([]);
        expect(answer.status).toBe(413);
        expect(answer.json).toMatchObject({ error: 'body_too_large' });
      }
    });

    it('gets a readable 413 through fetch with a streamed body', async () => {
      const limit = (await sampleConfig()).attachments.maxBytes;
      const response = await fetch(`${intake.url}/v1/uploads?filename=big.txt`, {
        method: 'POST',
        body: new ReadableStream({
          start(controller) {
            for (const chunk of body(3 * limit)) controller.enqueue(new Uint8Array(chunk));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ error: 'upload_too_large' });
    });

    it('leaves no partial upload behind', () => {
      expect(readdirSync(path.join(intake.settings.dataDir, 'uploads', 'tmp'))).toEqual([]);
    });
  });

  it('logs no internal error and answers nothing with 5xx while doing so', () => {
    expect(logged.lines.filter((l) => l.msg === 'request' && Number(l.status) >= 500)).toEqual([]);
    expect(logged.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

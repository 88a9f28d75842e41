import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '../../intake/server.ts';
import { memoryLog, removeTempDirs, sampleConfig, tempDir } from './fixtures.ts';

/**
 * Client mistakes in the request line and the body framing: each is a 4xx with the standard error body,
 * never a 500, a reset connection or a crashed process. Requests go through node:http with the exact target
 * and headers given (fetch would normalise them).
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
}

/** One request with the exact request target; `body` is written in `chunks` (chunked unless a length is set). */
function send(
  base: string,
  target: string,
  options: { method?: string; headers?: Record<string, string | number>; chunks?: Buffer[] } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method: options.method ?? 'GET', path: target, headers: options.headers ?? {}, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('intake answers client mistakes with 4xx', () => {
  let intake: RunningIntake;
  const logged = memoryLog();

  beforeAll(async () => {
    intake = await startIntake({ env: {}, port: 0, config: await sampleConfig(), log: logged.log, dataDir: tempDir().dir });
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

  it('logs no internal error and answers nothing with 5xx while doing so', () => {
    expect(logged.lines.filter((l) => l.msg === 'request' && Number(l.status) >= 500)).toEqual([]);
    expect(logged.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

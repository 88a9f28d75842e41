import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/static-server.ts';

// The `npm start` / test server, attacked as a browser or curl --path-as-is would: raw request targets.

let root: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'kotae-static-'));
  for (const folder of ['en', 'evil.com', 'ja/articles/日本']) {
    mkdirSync(path.join(root, folder), { recursive: true });
    writeFileSync(path.join(root, folder, 'index.html'), '<!doctype html><title>t</title>');
  }
  server = await serveStatic(root, 0);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

/** GET with the request target exactly as given (no client-side normalisation). */
function rawGet(target: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/`, { path: target }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server redirects', () => {
  it('a folder without its slash redirects to the folder under this origin, not to the host in the path', async () => {
    const answer = await rawGet('/.//evil.com/..%2fen');
    expect(answer.status).toBe(301);
    expect(answer.headers.location).toBe('/en/');
  });

  it.each(['//evil.com', '/.//evil.com', '/./evil.com', '/%2fevil.com', '/en/..//evil.com', '/ja/articles/%E6%97%A5%E6%9C%AC', '/en?next=//evil.com', '///en'])(
    '%s redirects within this origin',
    async (target) => {
      const answer = await rawGet(target);
      expect(answer.status).toBe(301);
      const location = String(answer.headers.location);
      expect(location).toMatch(/^\/[^/\\]/);
      expect(new URL(location, origin).origin).toBe(origin);
      // The redirect leads to a page that exists.
      const followed = await rawGet(location);
      expect(followed.status).toBe(200);
    },
  );

  it.each(['/\\evil.com', '/%5cevil.com', '/%5c%5cevil.com', '/.%5c/evil.com'])(
    '%s is not a folder here (a backslash is part of a file name)',
    async (target) => {
      const answer = await rawGet(target);
      expect(answer.status).toBe(404);
      expect(answer.headers.location).toBeUndefined();
    },
  );

  it('keeps the query and encodes non-ASCII folder names', async () => {
    expect((await rawGet('/en?q=a%20b')).headers.location).toBe('/en/?q=a%20b');
    expect((await rawGet('/ja/articles/%E6%97%A5%E6%9C%AC')).headers.location).toBe('/ja/articles/%E6%97%A5%E6%9C%AC/');
  });

  it.each([
    ['301', '/en'],
    ['400', '/%E0%A4%A'],
    ['404', '/..%2f..%2fetc/passwd'],
    ['404', '/nothing-here'],
    ['200', '/en/'],
  ])('a %s answer carries the CSP and nosniff headers', async (status, target) => {
    const answer = await rawGet(target);
    expect(String(answer.status)).toBe(status);
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

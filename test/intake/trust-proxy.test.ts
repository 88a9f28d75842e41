import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientAddress, LOOPBACK, trustedProxies } from '../../intake/client-address.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { resolveSettings, SettingsError, settingsFromEnv, settingsFromFile } from '../../intake/settings.ts';
import { memoryLog, removeTempDirs, sqliteTarget, startTestIntake, tempDir, validInquiry } from './fixtures.ts';

/**
 * Behind proxies: which address the per-IP limits count (the rightmost X-Forwarded-For hop that is not a
 * trusted proxy, and only when the socket peer is one) and where `status_url` points (the configured public
 * URL, else the listening address; never a request header). The test process plays the proxy on loopback.
 */

afterAll(removeTempDirs);

const target = sqliteTarget();
const generous = { limit: 100_000, windowSeconds: 1 };
/** Two inquiries per client per 10 minutes, so the third from one client is refused. */
const twoPerIp = { inquiriesPerIp: { limit: 2, windowSeconds: 600 }, inquiriesPerIdentity: generous, uploadsPerIp: generous, readsPerIp: generous };

/** POSTs a valid inquiry through node:http, which sends Host and X-Forwarded-* headers exactly as given. */
function post(base: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
  const { hostname, port } = new URL(base);
  const body = JSON.stringify(validInquiry());
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        method: 'POST',
        path: '/v1/inquiries',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'idempotency-key': crypto.randomUUID(), ...headers },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown> }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function withIntake<T>(options: Parameters<typeof startTestIntake>[1], run: (intake: RunningIntake) => Promise<T>): Promise<T> {
  const intake = await startTestIntake(target, options);
  try {
    return await run(intake);
  } finally {
    await intake.close();
  }
}

describe('the client address behind proxies', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '2001:db8:1::/48']);

  it('is the rightmost X-Forwarded-For entry that is not a trusted proxy', () => {
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.9, 10.1.2.3', proxies)).toBe('203.0.113.9');
    // Several header lines are one list, in order.
    expect(clientAddress('10.0.0.2', ['6.6.6.6', '203.0.113.9, 10.1.2.3'], proxies)).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('198.51.100.4', '203.0.113.9', proxies)).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1', '203.0.113.9', trustedProxies([]))).toBe('127.0.0.1');
  });

  it('takes the leftmost entry when every hop is a trusted proxy, and the peer without a header', () => {
    expect(clientAddress('10.0.0.2', '10.9.9.9, 10.1.2.3', proxies)).toBe('10.9.9.9');
    expect(clientAddress('10.0.0.2', undefined, proxies)).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', ' , ', proxies)).toBe('10.0.0.2');
  });

  it('gives one address however it is written: ports, brackets, upper case, IPv4-mapped IPv6', () => {
    expect(clientAddress('::ffff:10.0.0.2', '203.0.113.9:51234', proxies)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.2', '[2001:DB8::7]:443, 10.1.2.3:80', proxies)).toBe('2001:db8::7');
    expect(clientAddress('2001:db8:1::5', '::ffff:203.0.113.9', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:198.51.100.4', undefined, proxies)).toBe('198.51.100.4');
  });

  it("stops at an entry that is no address: a trusted proxy wrote it, so it is that proxy's client", () => {
    expect(clientAddress('10.0.0.2', '203.0.113.9, unknown', proxies)).toBe('unknown');
  });

  it('trusts loopback by default', () => {
    const loopback = trustedProxies(LOOPBACK);
    expect(['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1'].map((a) => loopback.has(a))).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '::2', 'localhost'].map((a) => loopback.has(a))).toEqual([false, false, false]);
  });
});

describe('trusted proxy settings', () => {
  it('come from KOTAE_INTAKE_TRUSTED_PROXIES or a settings file, and are unset (loopback) by default', () => {
    const env = settingsFromEnv({ KOTAE_INTAKE_TRUST_PROXY: 'true', KOTAE_INTAKE_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7, fd00::/8' });
    expect(resolveSettings(env)).toMatchObject({ trustProxy: true, trustedProxies: ['10.0.0.0/8', '192.0.2.7', 'fd00::/8'] });
    const file = path.join(tempDir().dir, 'intake.yaml');
    writeFileSync(file, 'trustProxy: true\ntrustedProxies:\n  - 172.16.0.0/12\n');
    expect(resolveSettings(settingsFromFile(file)).trustedProxies).toEqual(['172.16.0.0/12']);
    expect(resolveSettings({ trustProxy: true }).trustedProxies).toBeUndefined();
  });

  it('refuse an entry that is no address or range, naming the setting', () => {
    for (const bad of ['10.0.0.0/33', 'proxy.example', '10.0.0.1:80', '::1/129', '10.0.0.0/8/8'])
      expect(() => resolveSettings({ trustProxy: true, trustedProxies: [bad] }), bad).toThrow(/trustedProxies\.0: expected an IP address or CIDR range/);
  });

  it('refuse trusted proxies while trustProxy is off, instead of ignoring them', () => {
    expect(() => resolveSettings({ trustedProxies: ['10.0.0.0/8'] })).toThrow(SettingsError);
    expect(() => resolveSettings({ trustedProxies: ['10.0.0.0/8'] })).toThrow(/trustedProxies: .*trustProxy is off/);
  });
});

describe('the intake behind a proxy', () => {
  it('counts a client by the hop its proxy appended, so a spoofed leftmost X-Forwarded-For cannot bypass the per-IP limit', async () => {
    await withIntake({ trustProxy: true, rateLimits: twoPerIp }, async (intake) => {
      // The client sends a different X-Forwarded-For each time; the proxy (this process, on loopback) appends its address.
      const statuses = [];
      for (const spoof of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) statuses.push((await post(intake.url, { 'x-forwarded-for': `${spoof}, 203.0.113.9` })).status);
      expect(statuses).toEqual([201, 201, 429]);
      // Another client behind the same proxy has its own allowance.
      expect((await post(intake.url, { 'x-forwarded-for': '203.0.113.10' })).status).toBe(201);
    });
  });

  it('ignores X-Forwarded-For from a peer outside trustedProxies, and says so once without the address', async () => {
    const logged = memoryLog();
    await withIntake({ trustProxy: true, trustedProxies: ['192.0.2.1'], rateLimits: twoPerIp, log: logged.log }, async (intake) => {
      const statuses = [];
      for (const claimed of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await post(intake.url, { 'x-forwarded-for': claimed })).status);
      expect(statuses).toEqual([201, 201, 429]);
    });
    const warnings = logged.lines.filter((l) => l.msg === 'proxy.untrusted_peer');
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(warnings)).not.toMatch(/127\.0\.0\.1|203\.0\.113/);
  });

  it('ignores X-Forwarded-For altogether while trustProxy is off', async () => {
    await withIntake({ rateLimits: twoPerIp }, async (intake) => {
      const statuses = [];
      for (const claimed of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) statuses.push((await post(intake.url, { 'x-forwarded-for': claimed })).status);
      expect(statuses).toEqual([201, 201, 429]);
    });
  });

  it('builds status_url from the configured public URL; X-Forwarded-Host, X-Forwarded-Proto and Host cannot change it', async () => {
    await withIntake({ trustProxy: true, publicUrl: 'https://support.nagisa.example.jp/help/' }, async (intake) => {
      const { status, json } = await post(intake.url, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
      expect(status).toBe(201);
      const statusUrl = new URL(String(json.status_url));
      expect(statusUrl.origin).toBe('https://support.nagisa.example.jp');
      expect(statusUrl.pathname).toBe(`/help/v1/inquiries/${String(json.id)}`);
    });
  });

  it('without a public URL, builds status_url from the listening address (warning behind a proxy), never from request headers', async () => {
    const logged = memoryLog();
    await withIntake({ trustProxy: true, log: logged.log }, async (intake) => {
      const { status, json } = await post(intake.url, { host: 'evil.example:8443', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' });
      expect(status).toBe(201);
      expect(new URL(String(json.status_url)).origin).toBe(intake.url);
      // The status URL works as given.
      expect((await fetch(String(json.status_url))).status).toBe(200);
    });
    expect(logged.lines.filter((l) => l.msg === 'intake.no_public_url')).toHaveLength(1);
  });
});

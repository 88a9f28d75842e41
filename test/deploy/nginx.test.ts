import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createHash, X509Certificate } from 'node:crypto';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntake, type RunningIntake } from '../../intake/server.ts';
import { validInquiry } from '../intake/fixtures.ts';

/**
 * The shipped nginx configuration (deploy/nginx/), run by Debian's nginx exactly as written except for the
 * host name, ports, paths and certificate a test machine has: `nginx -t` accepts it, the KB and the widget
 * load through it in Chromium under its headers, an inquiry goes through its proxy to the real intake, and the
 * intake's per-IP limit counts the address nginx saw, whatever X-Forwarded-For a client sends.
 */

const NGINX = '/usr/sbin/nginx';
const root = mkdtempSync(path.join(os.tmpdir(), 'kotae-nginx-'));
const run: { intake?: RunningIntake; nginx?: ChildProcess; browser?: Browser; origin: string; httpPort: number } = { origin: '', httpPort: 0 };

/** A port free right now on loopback (nginx needs a number in its config, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One request through nginx (the test's self-signed certificate accepted), headers sent exactly as given. */
function fetchThrough(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, { method: init.method ?? 'GET', headers: init.headers, rejectUnauthorized: false, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** The shipped config with this machine's host, ports, paths and certificate put in for the examples. */
function localConfig(sitePort: number, httpPort: number, intakePort: number, dist: string): string {
  const proxy = readFileSync('deploy/nginx/kotae-proxy.conf', 'utf8');
  writeFileSync(path.join(root, 'kotae-proxy.conf'), proxy);
  const shipped = readFileSync('deploy/nginx/kotae.conf', 'utf8');
  const local = shipped
    .replaceAll('listen [::]:80;', '')
    .replaceAll('listen [::]:443 ssl http2;', '')
    .replaceAll('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replaceAll('listen 443 ssl http2;', `listen 127.0.0.1:${sitePort} ssl;`)
    .replaceAll('https://$host$request_uri', `https://$host:${sitePort}$request_uri`)
    .replaceAll('/etc/letsencrypt/live/help.example.com/fullchain.pem', path.join(root, 'cert.pem'))
    .replaceAll('/etc/letsencrypt/live/help.example.com/privkey.pem', path.join(root, 'key.pem'))
    .replaceAll('/etc/nginx/kotae-proxy.conf', path.join(root, 'kotae-proxy.conf'))
    .replaceAll('/srv/kotae/dist', dist)
    .replaceAll('127.0.0.1:4401', `127.0.0.1:${intakePort}`)
    .replaceAll('help.example.com', '127.0.0.1');
  // Every replacement must have hit: a test of a config that silently kept an example value proves nothing.
  for (const example of ['help.example.com', '/srv/kotae', ':4401', 'letsencrypt', '/etc/nginx/kotae-proxy.conf']) expect(local).not.toContain(example);
  const temp = (name: string) => path.join(root, 'tmp', name);
  mkdirSync(path.join(root, 'tmp'), { recursive: true });
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
pid ${path.join(root, 'nginx.pid')};
error_log ${path.join(root, 'error.log')} warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${path.join(root, 'access.log')};
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${local}
}
`;
}

beforeAll(async () => {
  const [sitePort, httpPort] = [await freePort(), await freePort()];
  const origin = `https://127.0.0.1:${sitePort}`;
  run.origin = origin;
  run.httpPort = httpPort;
  // The sample content, configured as the README's deploy guide says: the site and the intake on one origin.
  const content = path.join(root, 'content');
  cpSync('content', content, { recursive: true });
  const configFile = path.join(content, 'kotae.config.yaml');
  const config = readFileSync(configFile, 'utf8')
    .replace(/^ {2}baseUrl: .*$/m, `  baseUrl: ${origin}/`)
    .replace(/^ {2}url: http:\/\/localhost:4401$/m, `  url: ${origin}`);
  expect(config).toContain(`baseUrl: ${origin}/`);
  expect(config).toContain(`url: ${origin}\n`);
  writeFileSync(configFile, config);
  const dist = path.join(root, 'dist');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--content', content, '--out', dist], { stdio: 'pipe' });

  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', path.join(root, 'key.pem'), '-out', path.join(root, 'cert.pem'),
  ], { stdio: 'pipe' }); // biome-ignore format: one openssl invocation reads best as its argument list

  run.intake = await startIntake({
    port: 0,
    dataDir: path.join(root, 'data'),
    contentDir: content,
    publicUrl: origin,
    trustProxy: true,
    logLevel: 'error',
    rateLimits: {
      inquiriesPerIp: { limit: 3, windowSeconds: 600 },
      inquiriesPerIdentity: { limit: 100, windowSeconds: 600 },
      uploadsPerIp: { limit: 100, windowSeconds: 600 },
      readsPerIp: { limit: 1000, windowSeconds: 60 },
      eventsPerIp: { limit: 1000, windowSeconds: 60 },
    },
  } as Parameters<typeof startIntake>[0]);

  const conf = path.join(root, 'nginx.conf');
  writeFileSync(conf, localConfig(sitePort, httpPort, run.intake.port, dist));
  const check = spawnSync(NGINX, ['-t', '-c', conf, '-p', root], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the shipped config:\n${check.stderr}`);
  run.nginx = spawn(NGINX, ['-c', conf, '-p', root], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  run.nginx.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  // Up when it answers; nginx exiting first (a port taken) fails with its own words.
  for (;;) {
    if (run.nginx.exitCode !== null)
      throw new Error(`nginx exited: ${stderr}${existsSync(path.join(root, 'error.log')) ? readFileSync(path.join(root, 'error.log'), 'utf8') : ''}`);
    const up = await fetchThrough(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Chromium trusts the test certificate by its key, as a browser trusts a real one: service workers, which no
  // certificate error allows, register as they would in production.
  const spki = new X509Certificate(readFileSync(path.join(root, 'cert.pem'))).publicKey.export({ type: 'spki', format: 'der' });
  run.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`,
    ],
  });
});

afterAll(async () => {
  await run.browser?.close();
  if (run.nginx && run.nginx.exitCode === null) {
    const exited = new Promise((resolve) => run.nginx!.once('exit', resolve));
    run.nginx.kill('SIGQUIT');
    await exited;
  }
  await run.intake?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the shipped nginx configuration (Debian nginx)', () => {
  it('serves pages with the strict policy and HSTS, hashed files for a year, the rest revalidated', async () => {
    const page = await fetchThrough(`${run.origin}/en/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect(page.headers['strict-transport-security']).toBe('max-age=63072000');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers.server).toBe('nginx');

    const loader = await fetchThrough(`${run.origin}/widget/kotae.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers['cache-control']).toBe('no-cache');
    // The widget runs on other origins and loads its chunks and data from here.
    expect(loader.headers['access-control-allow-origin']).toBe('*');
    const chunk = /[`"'](?:\.\/)?((?:app|engine)-[A-Za-z0-9_-]{8}\.js)[`"']/.exec(loader.body)?.[1];
    expect(chunk, 'the loader names a hashed chunk').toBeDefined();
    const hashed = await fetchThrough(`${run.origin}/widget/${chunk}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const script = /src="(\/assets\/[^"]+\.[0-9a-f]{10}\.js)"/.exec(page.body)?.[1];
    expect(script, 'the page loads a hashed script').toBeDefined();
    expect((await fetchThrough(`${run.origin}${script}`)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Gzip for text, as the budget figures assume.
    expect((await fetchThrough(`${run.origin}/en/`, { headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe('gzip');
  });

  it("answers unknown addresses with the locale's not-found page, old entry URLs and plain HTTP with redirects", async () => {
    const missing = await fetchThrough(`${run.origin}/en/articles/no-such-article/`);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('lang="en"');
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
    const missingJa = await fetchThrough(`${run.origin}/ja/no-such-page`);
    expect(missingJa.status).toBe(404);
    expect(missingJa.body).toContain('lang="ja"');
    // An entry's old URL (the sample renamed audit-log) leads to its page now, through the build's map.
    const moved = await fetchThrough(`${run.origin}/en/faq/audit-log/?from=mail`);
    expect(moved.status).toBe(301);
    expect(moved.headers.location).toBe(`${run.origin}/en/faq/workspace-audit-log/?from=mail`);
    expect((await fetchThrough(moved.headers.location!)).status).toBe(200);
    const plain = await fetchThrough(`http://127.0.0.1:${run.httpPort}/en/?q=x`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe(`${run.origin}/en/?q=x`);
  });

  it('proxies the intake: its own headers, health checks only from this host', async () => {
    const spec = await fetchThrough(`${run.origin}/v1/openapi.json`);
    expect(spec.status).toBe(200);
    expect(JSON.parse(spec.body)).toHaveProperty('openapi');
    // The site's page policy is not stacked on the intake's answers.
    expect(spec.headers['content-security-policy'] ?? '').not.toContain('img-src');
    expect((await fetchThrough(`${run.origin}/readyz`)).status).toBe(200);
    expect((await fetchThrough(`${run.origin}/admin/sign-in`)).status).toBe(200);
  });

  it('the KB and the widget work through it in Chromium, and an inquiry reaches the intake', async () => {
    const context = await run.browser!.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('response', (res) => {
        if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
      });
      await page.goto(`${run.origin}/en/`);
      await page.locator('kotae-widget .launcher').waitFor();
      await page.locator('kotae-widget .launcher').click();
      await page.locator('kotae-widget input.search').fill('migrate from oracle to cloud db');
      await page.locator('kotae-widget [data-action=contact]').click();
      await page.locator('kotae-widget .kq-step[data-step=what]').waitFor();
      await page.locator('kotae-widget #kq-product').selectOption('cloud-db');
      await page.locator('kotae-widget #kq-problem_type').selectOption('backup-restore');
      await page.locator('kotae-widget #kq-problem_subtype').selectOption('restore-failed');
      await page.locator('kotae-widget [data-action=next]').click();
      await page.locator('kotae-widget .kq-step[data-step=solutions]').waitFor();
      await page.locator('kotae-widget [data-action=next]').click();
      await page.locator('kotae-widget .kq-step[data-step=details]').waitFor();
      await page.locator('kotae-widget #kq-description').fill('The nightly restore stops at 80% with "restore failed: E-512".');
      await page.locator('kotae-widget #kq-plan').selectOption('standard');
      await page.locator('kotae-widget #kq-severity-b').check();
      await page.locator('kotae-widget #kq-name').fill('Aki Tanaka');
      await page.locator('kotae-widget #kq-email').fill('aki@example.com');
      await page.locator('kotae-widget [data-action=next]').click();
      await page.locator('kotae-widget .kq-step[data-step=review]').waitFor();
      await page.locator('kotae-widget [data-action=send]').click();
      await page.locator('kotae-widget #kotae-done').waitFor();
      const status = await page.locator('kotae-widget [data-action=status]').getAttribute('href');
      expect(status).toMatch(new RegExp(`^${run.origin}/v1/inquiries/`));
      const id = new URL(status!).pathname.split('/')[3]!;
      expect((await run.intake!.store.inquiryById(id))?.data).toMatchObject({ product: 'cloud-db', problem_type: 'backup-restore', severity: 'b' });
      // The status link works through the proxy too, under the intake's own policy.
      await page.goto(status!);
      await expect.poll(() => page.locator('h1').textContent()).toBeTruthy();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('a client cannot name another address in X-Forwarded-For to walk past the per-IP limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const body = JSON.stringify(validInquiry());
      const answer = await fetchThrough(`${run.origin}/v1/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), 'x-forwarded-for': `203.0.113.${i + 1}` },
        body,
      });
      statuses.push(answer.status);
      if (answer.status === 201) expect((JSON.parse(answer.body) as { status_url: string }).status_url.startsWith(`${run.origin}/v1/`)).toBe(true);
    }
    // Three allowed per address (the browser's inquiry above was one of them): refused before the fourth,
    // although each request named a different client. Honouring the header would have taken all four.
    expect(statuses).toContain(429);
    expect(statuses.slice(statuses.indexOf(429))).toEqual(statuses.slice(statuses.indexOf(429)).map(() => 429));
  });
});

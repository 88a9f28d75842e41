import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { cliArgs, helpRequested } from './cli-args.ts';
import { startIntake } from '../intake/server.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { serveStatic } from './static-server.ts';

const USAGE = 'npm start -- [--content DIR] [--out DIR] [--port 4400] [--intake-port 4401] [--data DIR] [--host 127.0.0.1]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  port: { type: 'string', default: '4400' },
  'intake-port': { type: 'string', default: '4401' },
  data: { type: 'string', default: '.data/intake' },
  host: { type: 'string', default: '127.0.0.1' },
});
helpRequested(values, USAGE);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The same build a deployment runs, so what you see here is what gets published.
// Warnings are summed up in one line: a newcomer's first screen should end with the URLs, not a list to fix.
const build = spawnSync(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), path.join(root, 'scripts/build.ts'), '--content', values.content!, '--out', values.out!, '--brief'],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(values.port);
const hostName = values.host === '0.0.0.0' ? 'localhost' : values.host!;
const origin = `http://${hostName}:${port}`;
const intakePort = Number(values['intake-port']);
// The widget sends inquiries to the config's intake URL; the pages' CSP must let it, as a deployment's would.
const configuredIntake = loadSiteConfig(values.content!).config?.intake.url;
const intakeOrigins = [
  ...new Set(
    [
      URL.canParse(configuredIntake ?? '') ? new URL(configuredIntake!).origin : undefined,
      `http://localhost:${intakePort}`,
      `http://127.0.0.1:${intakePort}`,
    ].filter((o): o is string => !!o),
  ),
];
// The demo host app's "server": it signs identity tokens for its signed-in user, as a real app's server
// does, with a secret made for this run (or KOTAE_INTAKE_JWT_SECRET) that the intake below verifies.
const identitySecret = process.env.KOTAE_INTAKE_JWT_SECRET ?? randomBytes(32).toString('base64url');
const demoIdentityToken = (_req: IncomingMessage, res: ServerResponse) => {
  void new SignJWT({ name: 'Aki Tanaka', email: 'aki@example.com', plan: 'professional-direct' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('user-42')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(identitySecret))
    .then((token) => res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify({ token })));
};
await serveStatic(values.out!, port, values.host!, { connectTo: intakeOrigins, routes: { '/demo/identity-token': demoIdentityToken } });
// The intake on its embedded store (SQLite under --data); the pages served above may call it.
const intake = await startIntake({
  port: intakePort,
  host: values.host!,
  dataDir: values.data!,
  contentDir: values.content!,
  corsOrigins: [origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
  env: { ...process.env, KOTAE_INTAKE_JWT_SECRET: identitySecret },
});
process.stdout.write(`\nKotae is running (Ctrl+C to stop)\n`);
if (existsSync(path.join(values.out!, 'index.html'))) process.stdout.write(`  KB site        ${origin}/\n`);
if (existsSync(path.join(values.out!, 'demo/index.html'))) process.stdout.write(`  widget demos   ${origin}/demo/  ${origin}/demo/app.html\n`);
process.stdout.write(`  content data   ${origin}/data/manifest.json\n`);
process.stdout.write(`  intake         ${intake.url}/healthz  (API: ${intake.url}/v1/openapi.json, data in ${path.resolve(values.data!)})\n`);
process.stdout.write(
  `  team console   ${intake.url}/admin/  (insights: ${intake.url}/admin/insights; add an account: npm run intake -- admin add NAME --data ${values.data})\n`,
);
const stop = () => {
  void intake.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

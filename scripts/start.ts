import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, helpRequested } from './cli-args.ts';
import { startIntake } from '../intake/server.ts';
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
const build = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build.ts'), '--content', values.content!, '--out', values.out!], {
  stdio: 'inherit',
  cwd: process.cwd(),
});
if (build.status !== 0) process.exit(build.status ?? 1);

const port = Number(values.port);
const hostName = values.host === '0.0.0.0' ? 'localhost' : values.host!;
const origin = `http://${hostName}:${port}`;
await serveStatic(values.out!, port, values.host!);
// The intake on its embedded store (SQLite under --data); the pages served above may call it.
const intake = await startIntake({
  port: Number(values['intake-port']),
  host: values.host!,
  dataDir: values.data!,
  contentDir: values.content!,
  corsOrigins: [origin, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
});
process.stdout.write(`\nKotae is running (Ctrl+C to stop)\n`);
if (existsSync(path.join(values.out!, 'index.html'))) process.stdout.write(`  KB site        ${origin}/\n`);
if (existsSync(path.join(values.out!, 'demo/index.html'))) process.stdout.write(`  widget demos   ${origin}/demo/  ${origin}/demo/app.html\n`);
process.stdout.write(`  content data   ${origin}/data/manifest.json\n`);
process.stdout.write(`  intake         ${intake.url}/healthz  (API: ${intake.url}/v1/openapi.json, data in ${path.resolve(values.data!)})\n`);
const stop = () => {
  void intake.close().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliArgs, helpRequested } from './cli-args.ts';
import { serveStatic } from './static-server.ts';

const USAGE = 'npm start -- [--content DIR] [--out DIR] [--port 4400] [--host 127.0.0.1]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  port: { type: 'string', default: '4400' },
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
await serveStatic(values.out!, port, values.host!);
const origin = `http://${values.host === '0.0.0.0' ? 'localhost' : values.host}:${port}`;
process.stdout.write(`\nKotae is running (Ctrl+C to stop)\n`);
process.stdout.write(`  content data   ${origin}/data/manifest.json\n`);
if (existsSync(path.join(values.out!, 'index.html'))) process.stdout.write(`  KB site        ${origin}/\n`);

/**
 * `npm run package:check`: what `npm pack` would ship, as one JSON line (`tarball_bytes`, `unpacked_bytes`,
 * `files`), exit 1 when it ships what users must not get (tests, fixtures, benchmarks, docs' images,
 * maintainers' tools) or lacks what they need (the CLI, `kotae/widget` and its types).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Ships with the package: the command line, the widget API for bundlers, the code the commands run. */
export const REQUIRED = ['bin/kotae.mjs', 'sdk/widget.js', 'sdk/widget.d.ts', 'sdk/api.d.ts', 'scripts/build.ts', 'intake/cli.ts', 'tsconfig.package.json'];
/** Never ships: what only this repository's maintainers and CI use. */
export const FORBIDDEN = [
  /^test\//,
  /^bench\//,
  /^docs\//,
  /^deploy\//,
  /^\.ci\//,
  /fixtures?\//,
  /\.test\.tsx?$/,
  /\.png$/,
  /^scripts\/(corpus|package)\//,
  /^content\/(en|ja|announcements|assets)\//,
];

export interface PackReport {
  name: string;
  version: string;
  tarball_bytes: number;
  unpacked_bytes: number;
  files: number;
  missing: string[];
  unwanted: string[];
}

export function packReport(): PackReport {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as {
    name: string;
    version: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const paths = pack!.files.map((f) => f.path);
  return {
    name: pack!.name,
    version: pack!.version,
    tarball_bytes: pack!.size,
    unpacked_bytes: pack!.unpackedSize,
    files: paths.length,
    missing: REQUIRED.filter((f) => !paths.includes(f)),
    unwanted: paths.filter((f) => FORBIDDEN.some((re) => re.test(f))),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = packReport();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.missing.length || report.unwanted.length) process.exitCode = 1;
}

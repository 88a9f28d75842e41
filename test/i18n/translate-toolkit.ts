/**
 * Debian's translate-toolkit and xmllint, as the tests use them on exports. Both must be installed (CI installs
 * them): a missing one fails the test with the package to install, never skips it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../content/run-cli.ts';

const SCHEMAS = path.join(ROOT, 'test/i18n/schemas');
export const XLIFF12_STRICT = path.join(SCHEMAS, 'xliff-core-1.2-strict.xsd');

function run(command: string, args: string[], debianPackage: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') throw new Error(`${command} is not installed: apt-get install ${debianPackage}`);
  if (r.error) throw r.error;
  return r;
}

/** `xmllint --schema` against the OASIS XLIFF 1.2 strict schema, offline (the catalog maps xml.xsd): status and validity errors. */
export function validateXliff12(file: string): { status: number | null; errors: string[]; stderr: string } {
  const r = run('xmllint', ['--nonet', '--noout', '--schema', XLIFF12_STRICT, file], 'libxml2-utils', {
    ...process.env,
    XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml'),
  });
  return { status: r.status, stderr: r.stderr, errors: r.stderr.split('\n').filter((line) => line.includes('Schemas validity error')) };
}

/** What `pocount` says of a file: messages translated, fuzzy (to review) and untranslated. */
export function pocount(file: string): { translated: number; fuzzy: number; untranslated: number; total: number } {
  const r = run('pocount', ['--no-color', file], 'translate-toolkit');
  if (r.status !== 0) throw new Error(`pocount ${file} failed: ${r.stderr}`);
  const count = (label: string) => Number(new RegExp(`^${label}:\\s+(\\d+)`, 'm').exec(r.stdout)?.[1] ?? NaN);
  return { translated: count('Translated'), fuzzy: count('Fuzzy'), untranslated: count('Untranslated'), total: count('Total') };
}

/**
 * Opens `file` with translate-toolkit's Python library, sets the target of one unit (translate-toolkit's unit id),
 * marks it finished and saves to `out`: a translator's edit in a tool built on translate-toolkit. The Python that
 * runs it is the one `pocount` runs on, which is the one that has the library.
 */
export function resaveWithTranslateToolkit(file: string, out: string, unitId: string, text: string): void {
  const where = run('sh', ['-c', 'command -v pocount'], 'translate-toolkit');
  const pocountPath = where.stdout.trim();
  if (!pocountPath) throw new Error('pocount is not installed: apt-get install translate-toolkit');
  const python = /^#!\s*(\S+)/.exec(readFileSync(pocountPath, 'utf8'))?.[1] ?? 'python3';
  const r = run(python, [path.join(ROOT, 'test/i18n/tt-resave.py'), file, out, unitId, text], 'translate-toolkit');
  if (r.status !== 0) throw new Error(`translate-toolkit could not re-save ${file}: ${r.stderr}`);
}

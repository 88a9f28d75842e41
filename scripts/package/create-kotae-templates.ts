/**
 * create-kotae's `prepack`: what the scaffold needs from this repository, written into its package.
 * - `templates/sample/`: the repository's sample content, as `npm start` here shows it.
 * - `templates/i18n/<locale>/`: the UI strings customers see (`site`, `widget`, `content`), which a project
 *   keeps in its own `i18n/` to reword and translate.
 * - `templates/minimal/hashes.json`: the source hash of each minimal entry in each language, so whichever
 *   locale a new project makes its default, its translations carry the right `source.hash` (and
 *   `i18n:status` says they are current) without the scaffold knowing how Kotae hashes.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { sourceHash } from '../../content/source-hash.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The UI string namespaces a project translates and rewords: what its customers read. */
const CUSTOMER_NAMESPACES = ['site', 'widget', 'content'];
export const CREATE_KOTAE = path.join(ROOT, 'packages/create-kotae');

export function writeTemplates(): void {
  const sample = path.join(CREATE_KOTAE, 'templates/sample');
  rmSync(sample, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'content'), sample, {
    recursive: true,
    filter: (src) => !src.endsWith('.ts') && !src.endsWith('tsconfig.json') && !src.includes(`${path.sep}schema`),
  });
  const strings = path.join(CREATE_KOTAE, 'templates/i18n');
  rmSync(strings, { recursive: true, force: true });
  for (const locale of readdirSync(path.join(ROOT, 'i18n'), { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const namespace of CUSTOMER_NAMESPACES.filter((n) => existsSync(path.join(ROOT, 'i18n', locale.name, `${n}.json`))))
      cpSync(path.join(ROOT, 'i18n', locale.name, `${namespace}.json`), path.join(strings, locale.name, `${namespace}.json`));
  const minimal = path.join(CREATE_KOTAE, 'templates/minimal');
  const hashes: Record<string, string> = {};
  for (const locale of readdirSync(minimal, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const file of readdirSync(path.join(minimal, locale.name), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const text = readFileSync(path.join(minimal, locale.name, file), 'utf8');
      const [, header = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? [];
      const meta = parse(header) as { title: string; summary?: string; aliases?: string[] };
      hashes[`${locale.name}/${file.split(path.sep).join('/')}`] = sourceHash({ title: meta.title, summary: meta.summary, aliases: meta.aliases ?? [], body });
    }
  }
  writeFileSync(path.join(minimal, 'hashes.json'), `${JSON.stringify(hashes, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) writeTemplates();

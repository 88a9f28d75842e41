import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cliArgs, helpRequested } from './cli-args.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { segmentFile, type Segment } from './i18n/markdown-segments.ts';
import { diffSegments } from './i18n/segment-diff.ts';
import { findSourceVersion } from './i18n/source-history.ts';
import { configOrExit, DEFAULT_I18N_DIR, requireLocale } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:diff -- <entry-id> --locale xx [--content DIR]';
const { values, positionals } = cliArgs(USAGE, { content: { type: 'string', default: 'content' }, locale: { type: 'string' } }, true);
helpRequested(values, USAGE);
if (positionals.length !== 1) {
  process.stderr.write(`give one entry id (as \`npm run i18n:status\` lists it)\n\nusage: ${USAGE}\n`);
  process.exit(2);
}
const id = positionals[0]!;
const config = configOrExit(values.content!);
const locale = requireLocale(config, values.locale, USAGE);
const ws = loadWorkspace(values.content!, DEFAULT_I18N_DIR, config);
const family = ws.model.families.get(id);
if (!family) {
  process.stderr.write(`no entry "${id}" in ${values.content}\n`);
  process.exit(2);
}
const translation = family.translations.get(locale);
const rel = (f: string) => path.relative(process.cwd(), f) || f;
if (!translation) {
  process.stderr.write(`"${id}" has no ${locale} translation yet, so nothing has changed since one was made: translate ${rel(family.source.file)} (see \`npm run i18n:status -- --locale ${locale}\`)\n`);
  process.exit(1);
}
const recorded = translation.meta.source?.hash;
const out: string[] = [`${id}: ${family.source.locale} source ${rel(family.source.file)}, ${locale} translation ${rel(translation.file)}`];
if (recorded === family.sourceHash) {
  out.push(`The translation is up to date: it records the current source hash ${recorded}. Nothing to do.`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(0);
}
if (!recorded) {
  process.stderr.write(`${rel(translation.file)} records no source.hash, so the version it was made from is unknown\n`);
  process.exit(1);
}
const found = findSourceVersion(family.source.file, family.source.locale, recorded);
if ('reason' in found) {
  out.push(`The source changed since the translation was made (hash ${recorded} → ${family.sourceHash}), but the old source cannot be shown:`);
  out.push(`  ${found.reason}.`);
  out.push(`Compare the translation with the whole current source instead, then set source.hash to ${family.sourceHash}.`);
  process.stdout.write(`${out.join('\n')}\n`);
  process.exit(1);
}
const before = segmentFile(found.text).segments;
const after = segmentFile(readFileSync(family.source.file, 'utf8')).segments;
out.push(`Translated from commit ${found.commit.slice(0, 10)} (${found.date}, "${found.subject}"), source hash ${recorded}; the source now has hash ${family.sourceHash}.`);
const changes = diffSegments(before, after);
out.push(`${changes.length} change(s) to carry into the translation:`, '');
const where = (s: Segment) => `line ${s.line}, ${s.kind.replace('-', ' ')}`;
const quote = (sign: string, s: Segment) => s.text.split('\n').map((l) => `${sign} ${l}`);
for (const c of changes) {
  if (c.kind === 'changed') out.push(`@@ changed (${where(c.after!)}; was line ${c.before!.line})`, ...quote('-', c.before!), ...quote('+', c.after!), '');
  else if (c.kind === 'added') out.push(`@@ added (${where(c.after!)})`, ...quote('+', c.after!), '');
  else out.push(`@@ removed (was line ${c.before!.line}, ${c.before!.kind.replace('-', ' ')})`, ...quote('-', c.before!), '');
}
out.push(`When the translation is updated, set source.hash in ${rel(translation.file)} to ${family.sourceHash}.`);
process.stdout.write(`${out.join('\n')}\n`);

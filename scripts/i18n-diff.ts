import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { segmentFile, type Segment } from './i18n/markdown-segments.ts';
import { diffSegments } from './i18n/segment-diff.ts';
import { findSourceVersion } from './i18n/source-history.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { configOrExit, DEFAULT_I18N_DIR, requireLocale } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:diff -- <entry-id> --locale xx [--content DIR]';

/** `npm run i18n:diff`: what changed in the source of an entry since its translation was made. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => diff(argv, io));
}

function diff(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCliArgs(argv, USAGE, { content: { type: 'string', default: 'content' }, locale: { type: 'string' } }, true);
  throwIfHelp(values, USAGE);
  if (positionals.length !== 1) {
    io.stderr(`give one entry id (as \`npm run i18n:status\` lists it)\n\nusage: ${USAGE}\n`);
    return 2;
  }
  const id = positionals[0]!;
  const config = configOrExit(values.content!);
  const locale = requireLocale(config, values.locale, USAGE);
  const ws = loadWorkspace(values.content!, DEFAULT_I18N_DIR, config);
  const t = toolStrings(toolLocale(io.env));
  const family = ws.model.families.get(id);
  if (!family) {
    io.stderr(`${t('diff.unknownEntry', { id, dir: values.content! })}\n`);
    return 2;
  }
  const translation = family.translations.get(locale);
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  if (!translation) {
    io.stderr(`${t('diff.noTranslation', { id, locale, file: rel(family.source.file) })}\n`);
    return 1;
  }
  const recorded = translation.meta.source?.hash;
  const out: string[] = [
    t('diff.header', { id, sourceLocale: family.source.locale, sourceFile: rel(family.source.file), locale, file: rel(translation.file) }),
  ];
  if (recorded === family.sourceHash) {
    out.push(t('diff.upToDate', { hash: recorded }));
    io.stdout(`${out.join('\n')}\n`);
    return 0;
  }
  if (!recorded) {
    io.stderr(`${t('diff.noHash', { file: rel(translation.file) })}\n`);
    return 1;
  }
  const found = findSourceVersion(family.source.file, family.source.locale, recorded, t);
  if ('reason' in found) {
    out.push(t('diff.cannotShow', { old: recorded, new: family.sourceHash }));
    out.push(`  ${found.reason}.`);
    out.push(t('diff.compareWhole', { hash: family.sourceHash }));
    io.stdout(`${out.join('\n')}\n`);
    return 1;
  }
  const before = segmentFile(found.text).segments;
  const after = segmentFile(readFileSync(family.source.file, 'utf8')).segments;
  out.push(t('diff.from', { commit: found.commit.slice(0, 10), date: found.date, subject: found.subject, old: recorded, new: family.sourceHash }));
  const changes = diffSegments(before, after);
  out.push(t('diff.changes', { count: changes.length }), '');
  const kind = (s: Segment) => t(`diff.kinds.${s.kind}`);
  const where = (s: Segment) => t('diff.where', { line: s.line, kind: kind(s) });
  const quote = (sign: string, s: Segment) => s.text.split('\n').map((l) => `${sign} ${l}`);
  for (const c of changes) {
    if (c.kind === 'changed')
      out.push(t('diff.changed', { where: where(c.after!), was: c.before!.line }), ...quote('-', c.before!), ...quote('+', c.after!), '');
    else if (c.kind === 'added') out.push(t('diff.added', { where: where(c.after!) }), ...quote('+', c.after!), '');
    else if (c.kind === 'removed') out.push(t('diff.removed', { line: c.before!.line, kind: kind(c.before!) }), ...quote('-', c.before!), '');
  }
  out.push(t('diff.setHash', { file: rel(translation.file), hash: family.sourceHash }));
  io.stdout(`${out.join('\n')}\n`);
  return 0;
}

runAsScript(import.meta.url, run);

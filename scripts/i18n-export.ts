import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { buildExport, loadWorkspace } from './i18n/exchange.ts';
import { FORMATS, type Format } from './i18n/exchange-format.ts';
import { SegmentError } from './i18n/markdown-segments.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { writePo } from './i18n/po.ts';
import { BundleError } from './i18n/ui-status.ts';
import { configOrExit, DEFAULT_I18N_DIR, requireLocale, usageError } from './i18n/workspace-cli.ts';
import { writeXliff12 } from './i18n/xliff12.ts';
import { writeXliff2 } from './i18n/xliff2.ts';

const USAGE =
  'npm run i18n:export -- [--content DIR] --locale xx --format xliff2|xliff12|po [--only missing,stale] [--source-locale xx] --out FILE [--i18n DIR]';

/** `npm run i18n:export`: writes the entries and UI strings of a locale to an XLIFF 2.0, XLIFF 1.2 or PO file for a CAT tool. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => exportFile(argv, io));
}

function exportFile(argv: string[], io: CliIo): number {
  const { values } = parseCliArgs(argv, USAGE, {
    content: { type: 'string', default: 'content' },
    locale: { type: 'string' },
    format: { type: 'string' },
    only: { type: 'string' },
    'source-locale': { type: 'string' },
    out: { type: 'string' },
    i18n: { type: 'string', default: DEFAULT_I18N_DIR },
  });
  throwIfHelp(values, USAGE);

  if (!values.format || !FORMATS.includes(values.format as Format)) usageError(`--format must be one of ${FORMATS.join(', ')}`, USAGE);
  if (!values.out) usageError('--out FILE is required', USAGE);
  const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined;
  for (const o of only ?? []) if (o !== 'missing' && o !== 'stale') usageError(`--only takes missing, stale or both ("missing,stale"), not "${o}"`, USAGE);

  const config = configOrExit(values.content!);
  const targetLocale = requireLocale(config, values.locale, USAGE);
  const defaultSource =
    targetLocale === config.locales.default ? (config.locales.available.find((l) => l.code !== targetLocale)?.code ?? targetLocale) : config.locales.default;
  const sourceLocale = requireLocale(config, values['source-locale'] ?? defaultSource, USAGE, '--source-locale');
  if (sourceLocale === targetLocale) usageError(`the source and target locale are both ${targetLocale}`, USAGE);

  try {
    const ws = loadWorkspace(values.content!, values.i18n!, config);
    const doc = buildExport(ws, { targetLocale, sourceLocale, only: only as Set<'missing' | 'stale'> | undefined });
    const text = values.format === 'xliff2' ? writeXliff2(doc) : values.format === 'xliff12' ? writeXliff12(doc) : writePo(doc);
    mkdirSync(path.dirname(path.resolve(values.out!)), { recursive: true });
    writeFileSync(values.out!, text);
    const units = doc.files.reduce((n, f) => n + f.units.length, 0);
    const todo = doc.files.reduce((n, f) => n + f.units.filter((u) => u.state !== 'final').length, 0);
    const entries = doc.files.filter((f) => !f.id.startsWith('ui.')).length;
    const t = toolStrings(toolLocale(io.env));
    // Entries written first in a third language need their own file: an exchange file has one source language.
    const others = new Map<string, number>();
    for (const family of ws.model.families.values())
      if (family.source.locale !== sourceLocale && family.source.locale !== targetLocale)
        others.set(family.source.locale, (others.get(family.source.locale) ?? 0) + 1);
    for (const [locale, count] of others) io.stderr(`${t('export.otherSource', { count, locale, target: targetLocale })}\n`);
    io.stderr(
      `${t('export.done', { entries, namespaces: doc.files.length - entries, segments: units, todo, source: sourceLocale, target: targetLocale, format: values.format!, file: values.out! })}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof SegmentError || error instanceof BundleError) {
      io.stderr(`export failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

runAsScript(import.meta.url, run);

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { applyImport } from './i18n/apply-import.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { detectFormat, ExchangeFormatError, type ImportedDoc } from './i18n/exchange-format.ts';
import { SegmentError } from './i18n/markdown-segments.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { readPo } from './i18n/po.ts';
import { BundleError } from './i18n/ui-status.ts';
import { configOrExit, DEFAULT_I18N_DIR } from './i18n/workspace-cli.ts';
import { readXliff12 } from './i18n/xliff12.ts';
import { readXliff2 } from './i18n/xliff2.ts';

const USAGE = 'npm run i18n:import -- [--content DIR] [--i18n DIR] FILE';

/** `npm run i18n:import`: writes the translations of an exchange file back into the content and UI bundles. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => importFile(argv, io));
}

function importFile(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCliArgs(
    argv,
    USAGE,
    { content: { type: 'string', default: 'content' }, i18n: { type: 'string', default: DEFAULT_I18N_DIR } },
    true,
  );
  throwIfHelp(values, USAGE);
  if (positionals.length !== 1) {
    io.stderr(`give exactly one file to import (an .xlf or .po from \`npm run i18n:export\`)\n\nusage: ${USAGE}\n`);
    return 2;
  }
  const file = positionals[0]!;
  const config = configOrExit(values.content!);

  let doc: ImportedDoc;
  try {
    const text = readFileSync(file, 'utf8');
    const format = detectFormat(text);
    doc = format === 'xliff2' ? readXliff2(text) : format === 'xliff12' ? readXliff12(text) : readPo(text);
  } catch (error) {
    if (error instanceof ExchangeFormatError || (error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`${file}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }

  try {
    const ws = loadWorkspace(values.content!, values.i18n!, config);
    const t = toolStrings(toolLocale(io.env));
    const result = applyImport(ws, doc, t);
    const rel = (f: string) => path.relative(process.cwd(), f) || f;
    for (const f of result.written) io.stdout(`${t('import.wrote', { file: rel(f) })}\n`);
    for (const line of result.messages) io.stderr(`${line.replace(/^(\S+)/, (p) => (path.isAbsolute(p) ? rel(p) : p))}\n`);
    io.stdout(
      `${t('import.summary', { format: doc.format, locale: doc.targetLocale, written: result.written.length, unchanged: result.unchanged.length, untranslated: result.untranslated.length, refused: result.errors })}\n`,
    );
    return result.errors ? 1 : 0;
  } catch (error) {
    if (error instanceof SegmentError || error instanceof BundleError) {
      io.stderr(`import failed: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

runAsScript(import.meta.url, run);

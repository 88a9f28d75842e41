import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cliArgs, helpRequested } from './cli-args.ts';
import { applyImport } from './i18n/apply-import.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { detectFormat, ExchangeFormatError, type ImportedDoc } from './i18n/exchange-format.ts';
import { SegmentError } from './i18n/markdown-segments.ts';
import { toolStrings } from './i18n/tool-strings.ts';
import { readPo } from './i18n/po.ts';
import { BundleError } from './i18n/ui-status.ts';
import { configOrExit, DEFAULT_I18N_DIR } from './i18n/workspace-cli.ts';
import { readXliff12 } from './i18n/xliff12.ts';
import { readXliff2 } from './i18n/xliff2.ts';

const USAGE = 'npm run i18n:import -- [--content DIR] [--i18n DIR] FILE';
const { values, positionals } = cliArgs(USAGE, { content: { type: 'string', default: 'content' }, i18n: { type: 'string', default: DEFAULT_I18N_DIR } }, true);
helpRequested(values, USAGE);
if (positionals.length !== 1) {
  process.stderr.write(`give exactly one file to import (an .xlf or .po from \`npm run i18n:export\`)\n\nusage: ${USAGE}\n`);
  process.exit(2);
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
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    process.exit(2);
  }
  throw error;
}

try {
  const ws = loadWorkspace(values.content!, values.i18n!, config);
  const result = applyImport(ws, doc);
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  const t = toolStrings();
  for (const f of result.written) process.stdout.write(`${t('import.wrote', { file: rel(f) })}\n`);
  for (const line of result.messages) process.stderr.write(`${line.replace(/^(\S+)/, (p) => (path.isAbsolute(p) ? rel(p) : p))}\n`);
  process.stdout.write(`${t('import.summary', { format: doc.format, locale: doc.targetLocale, written: result.written.length, unchanged: result.unchanged.length, untranslated: result.untranslated.length, refused: result.errors })}\n`);
  process.exit(result.errors ? 1 : 0);
} catch (error) {
  if (error instanceof SegmentError || error instanceof BundleError) {
    process.stderr.write(`import failed: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

import { cliArgs, helpRequested } from './cli-args.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { GlossaryError, loadGlossary } from './i18n/glossary.ts';
import { SegmentError } from './i18n/markdown-segments.ts';
import { formatFinding, qaLocale } from './i18n/qa.ts';
import { toolStrings } from './i18n/tool-strings.ts';
import { BundleError } from './i18n/ui-status.ts';
import { configOrExit, DEFAULT_I18N_DIR, requireLocale } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:qa -- [--locale xx] [--content DIR] [--i18n DIR]';
const { values } = cliArgs(USAGE, { content: { type: 'string', default: 'content' }, locale: { type: 'string' }, i18n: { type: 'string', default: DEFAULT_I18N_DIR } });
helpRequested(values, USAGE);
const config = configOrExit(values.content!);
const locales = values.locale ? [requireLocale(config, values.locale, USAGE)] : config.locales.available.map((l) => l.code);

try {
  const ws = loadWorkspace(values.content!, values.i18n!, config);
  let total = 0;
  const counts: string[] = [];
  for (const locale of locales) {
    const findings = qaLocale(ws, locale, loadGlossary(values.i18n!, locale).glossary);
    for (const f of findings) process.stdout.write(`${formatFinding(f)}\n`);
    total += findings.length;
    counts.push(`${locale} ${findings.length}`);
  }
  process.stderr.write(`${toolStrings()('qa.summary', { total, perLocale: counts.join(', ') })}\n`);
  process.exit(total ? 1 : 0);
} catch (error) {
  if (error instanceof GlossaryError || error instanceof BundleError || error instanceof SegmentError) {
    process.stderr.write(`i18n:qa failed: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

import { parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { loadWorkspace } from './i18n/exchange.ts';
import { GlossaryError, loadGlossary } from './i18n/glossary.ts';
import { SegmentError } from './i18n/markdown-segments.ts';
import { formatFinding, qaLocale } from './i18n/qa.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { BundleError } from './i18n/ui-status.ts';
import { configOrExit, DEFAULT_I18N_DIR, requireLocale } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:qa -- [--locale xx] [--content DIR] [--i18n DIR]';

/** `npm run i18n:qa`: checks translations against their sources and the glossary; exits 1 when it finds something. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => qa(argv, io));
}

function qa(argv: string[], io: CliIo): number {
  const { values } = parseCliArgs(argv, USAGE, {
    content: { type: 'string', default: 'content' },
    locale: { type: 'string' },
    i18n: { type: 'string', default: DEFAULT_I18N_DIR },
  });
  throwIfHelp(values, USAGE);
  const config = configOrExit(values.content!);
  const locales = values.locale ? [requireLocale(config, values.locale, USAGE)] : config.locales.available.map((l) => l.code);

  try {
    const t = toolStrings(toolLocale(io.env));
    const ws = loadWorkspace(values.content!, values.i18n!, config);
    let total = 0;
    const counts: string[] = [];
    for (const locale of locales) {
      const findings = qaLocale(ws, locale, loadGlossary(values.i18n!, locale).glossary, t);
      for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
      total += findings.length;
      counts.push(`${locale} ${findings.length}`);
    }
    io.stderr(`${t('qa.summary', { count: total, perLocale: counts.join(', ') })}\n`);
    return total ? 1 : 0;
  } catch (error) {
    if (error instanceof GlossaryError || error instanceof BundleError || error instanceof SegmentError) {
      io.stderr(`i18n:qa failed: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

runAsScript(import.meta.url, run);

import { loadEntries } from './pipeline/load.ts';
import { formatProblem, Problems } from '../content/problems.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { validateContent } from './pipeline/validate.ts';
import { CliExit, parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { contentStatus } from './i18n/content-status.ts';
import { needsWork, statusJson, statusText, type LocaleStatus } from './i18n/status-report.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';
import { BundleError, uiStatus } from './i18n/ui-status.ts';
import { DEFAULT_I18N_DIR } from './i18n/workspace-cli.ts';

const USAGE = 'npm run i18n:status -- [--content DIR] [--locale xx] [--json] [--strict] [--i18n DIR]';

/** `npm run i18n:status`: per locale, which entries and UI strings are translated, missing, stale or orphaned. */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => status(argv, io));
}

function status(argv: string[], io: CliIo): number {
  const { values } = parseCliArgs(argv, USAGE, {
    content: { type: 'string', default: 'content' },
    locale: { type: 'string' },
    json: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    i18n: { type: 'string', default: DEFAULT_I18N_DIR },
  });
  throwIfHelp(values, USAGE);

  const contentDir = values.content!;
  const loaded = loadSiteConfig(contentDir);
  if (!loaded.config)
    throw new CliExit(
      2,
      loaded.problems
        .sorted()
        .map((problem) => `${formatProblem(problem)}\n`)
        .join(''),
    );
  const config = loaded.config;
  const known = config.locales.available.map((l) => l.code);
  if (values.locale && !known.includes(values.locale))
    throw new CliExit(2, `unknown locale "${values.locale}": the site config has ${known.join(', ')}\n\nusage: ${USAGE}\n`);

  const problems = new Problems();
  const entries = loadEntries(contentDir, config, problems);
  const model = validateContent(entries, config, problems, { today: new Date().toISOString().slice(0, 10), contentDir });
  const content = contentStatus(entries, model, config, contentDir);
  let ui: ReturnType<typeof uiStatus>;
  try {
    ui = uiStatus(values.i18n!, config.locales.default, known);
  } catch (error) {
    if (!(error instanceof BundleError)) throw error;
    throw new CliExit(2, `${error.message}\n`);
  }

  // The default locale is the source of most entries: shown only when something is translated into it.
  const locales: LocaleStatus[] = config.locales.available
    .map((l) => ({ code: l.code, name: l.name, content: content.get(l.code)!, ui: ui.get(l.code)! }))
    .filter((l) => (values.locale ? l.code === values.locale : l.code !== config.locales.default || hasAny(l)));

  io.stdout(values.json ? `${statusJson(locales)}\n` : statusText(locales, config.locales.default, process.cwd(), toolStrings(toolLocale(io.env))));
  const unreadable = problems.errors.filter((p) => !p.message.startsWith('orphaned translation')).length;
  if (unreadable) io.stderr(`${toolStrings(toolLocale(io.env))('status.contentErrors', { count: unreadable })}\n`);
  return values.strict && locales.some(needsWork) ? 1 : 0;
}

runAsScript(import.meta.url, run);

function hasAny(l: LocaleStatus): boolean {
  const c = l.content;
  return c.translated.length + c.missing.length + c.stale.length + c.orphaned.length + l.ui.missing.length + l.ui.unused.length > 0;
}

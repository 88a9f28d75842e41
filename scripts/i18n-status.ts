import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEntries } from './pipeline/load.ts';
import { formatProblem, Problems } from './pipeline/problems.ts';
import { loadSiteConfig } from './pipeline/site-config.ts';
import { validateContent } from './pipeline/validate.ts';
import { cliArgs, helpRequested } from './cli-args.ts';
import { contentStatus } from './i18n/content-status.ts';
import { needsWork, statusJson, statusText, type LocaleStatus } from './i18n/status-report.ts';
import { toolStrings } from './i18n/tool-strings.ts';
import { BundleError, uiStatus } from './i18n/ui-status.ts';

const USAGE = 'npm run i18n:status -- [--content DIR] [--locale xx] [--json] [--strict] [--i18n DIR]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  locale: { type: 'string' },
  json: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  i18n: { type: 'string', default: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../i18n') },
});
helpRequested(values, USAGE);

const contentDir = values.content!;
const loaded = loadSiteConfig(contentDir);
if (!loaded.config) {
  for (const problem of loaded.problems.sorted()) process.stderr.write(`${formatProblem(problem)}\n`);
  process.exit(2);
}
const config = loaded.config;
const known = config.locales.available.map((l) => l.code);
if (values.locale && !known.includes(values.locale)) {
  process.stderr.write(`unknown locale "${values.locale}": the site config has ${known.join(', ')}\n\nusage: ${USAGE}\n`);
  process.exit(2);
}

const problems = new Problems();
const entries = loadEntries(contentDir, config, problems);
const model = validateContent(entries, config, problems, { today: new Date().toISOString().slice(0, 10), contentDir });
const content = contentStatus(entries, model, config, contentDir);
let ui;
try {
  ui = uiStatus(values.i18n!, config.locales.default, known);
} catch (error) {
  if (!(error instanceof BundleError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}

// The default locale is the source of most entries: shown only when something is translated into it.
const locales: LocaleStatus[] = config.locales.available
  .map((l) => ({ code: l.code, name: l.name, content: content.get(l.code)!, ui: ui.get(l.code)! }))
  .filter((l) => (values.locale ? l.code === values.locale : l.code !== config.locales.default || hasAny(l)));

process.stdout.write(values.json ? `${statusJson(locales)}\n` : statusText(locales, config.locales.default));
const unreadable = problems.errors.filter((p) => !p.message.startsWith('orphaned translation')).length;
if (unreadable) process.stderr.write(`${toolStrings()('status.contentErrors', { count: unreadable })}\n`);
process.exit(values.strict && locales.some(needsWork) ? 1 : 0);

function hasAny(l: LocaleStatus): boolean {
  const c = l.content;
  return c.translated.length + c.missing.length + c.stale.length + c.orphaned.length + l.ui.missing.length + l.ui.unused.length > 0;
}

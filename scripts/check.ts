import { compileContent } from './pipeline/compile-site.ts';
import { formatProblem } from '../content/problems.ts';
import { cliArgs, helpRequested } from './cli-args.ts';
import { toolStrings } from './i18n/tool-strings.ts';

const USAGE = 'npm run check -- [--content DIR] [--today YYYY-MM-DD] [--errors-only] [--previous BUILD_DIR]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  today: { type: 'string' },
  'errors-only': { type: 'boolean', default: false },
  previous: { type: 'string' },
});
helpRequested(values, USAGE);

// Runs the whole pipeline without writing anything, so check finds exactly what build would stop on.
const { problems } = compileContent({
  contentDir: values.content!,
  ...(values.today && { today: values.today }),
  ...(values.previous && { previousBuild: values.previous }),
});
const shown = problems.sorted().filter((p) => !values['errors-only'] || p.severity === 'error');
for (const problem of shown) process.stdout.write(`${formatProblem(problem)}\n`);
const errors = problems.errors.length;
const warnings = problems.warnings.length;
const t = toolStrings();
process.stdout.write(
  `\n${t('content.checkSummary', { errors: t('content.errors', { count: errors }), warnings: t('content.warnings', { count: warnings }) })}\n`,
);
process.exit(errors ? 1 : 0);

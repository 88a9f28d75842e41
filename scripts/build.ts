import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compileSiteInThreads } from './pipeline/compile-site-in-threads.ts';
import { renderSiteFromData } from './pipeline/site-from-data.ts';
import { buildWidgetInWorker } from './pipeline/widget-worker.ts';
import { formatProblem } from '../content/problems.ts';
import { OutputWriter } from './pipeline/write-output.ts';
import { cliArgs, helpRequested } from './cli-args.ts';
import { toolStrings } from './i18n/tool-strings.ts';

const USAGE = 'npm run build -- [--content DIR] [--out DIR] [--drafts] [--quiet] [--brief] [--stats FILE]';
const { values } = cliArgs(USAGE, {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  drafts: { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  // Errors in full, warnings as one line that says how to list them (`npm start`, before its URLs).
  brief: { type: 'boolean', default: false },
  stats: { type: 'string' },
});
helpRequested(values, USAGE);

const started = performance.now();
const log = (line: string) => {
  if (!values.quiet) process.stderr.write(`${line}\n`);
};

let writer: OutputWriter;
try {
  writer = new OutputWriter(values.out!);
} catch (error) {
  process.stderr.write(`build failed: ${(error as Error).message}\n`);
  process.exit(1);
}
const result = await compileSiteInThreads({ contentDir: values.content!, drafts: values.drafts! }, writer.staging);
const { problems } = result;
const t = toolStrings();
for (const p of problems.sorted()) if (p.severity === 'error' || !(values.quiet || values.brief)) process.stderr.write(`${formatProblem(p)}\n`);
if (problems.errors.length || !result.config) {
  writer.abort();
  process.stderr.write(`\n${t('content.buildFailed', { count: problems.errors.length })}\n`);
  process.exit(1);
}
// The widget does not depend on the content. It is bundled in a thread of its own beside the KB site,
// not beside the compile: Vite's memory on top of the compile's would be the build's peak.
const widget = buildWidgetInWorker(writer.staging).then(
  () => undefined,
  (error: unknown) => error,
);
try {
  // The KB site is rendered from the data files just written, exactly as any other consumer reads them.
  renderSiteFromData(writer.staging, result.config);
} catch (error) {
  await widget;
  writer.abort();
  process.stderr.write(`build failed: the KB site could not be rendered: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
}
const widgetFailure = await widget;
if (widgetFailure) {
  writer.abort();
  process.stderr.write(`build failed: the widget could not be bundled: ${(widgetFailure as Error).stack ?? String(widgetFailure)}\n`);
  process.exit(1);
}
writer.commit();

const seconds = (performance.now() - started) / 1000;
log(
  t('content.built', {
    entries: result.stats.entries,
    locales: result.stats.locales,
    warnings: t('content.warnings', { count: problems.warnings.length }),
    seconds: seconds.toFixed(2),
    out: path.resolve(values.out!),
  }),
);
if (values.brief && problems.warnings.length) log(t('content.warningSummary', { count: problems.warnings.length }));
if (values.stats) {
  const rss = process.resourceUsage().maxRSS / 1024;
  writeFileSync(values.stats, `${JSON.stringify({ entries: result.stats.entries, locales: result.stats.locales, seconds, peak_rss_mb: Math.round(rss) })}\n`);
}

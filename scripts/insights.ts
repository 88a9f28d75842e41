import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, Problems } from '../content/problems.ts';
import { loadSiteConfig } from '../content/site-config.ts';
import { type InsightsReport, localize } from '../content/schema/index.ts';
import { bundleTranslator } from '../i18n/bundles.ts';
import { renderDashboard } from '../intake/insights/dashboard.ts';
import { gapDrafts } from '../intake/insights/gap-drafts.ts';
import { buildReport } from '../intake/insights/report.ts';
import { readReportRows } from '../intake/insights/report-source.ts';
import { openStore } from '../intake/store/open.ts';
import { CliExit, parseCliArgs, runAsScript, runCli, throwIfHelp, type CliIo } from './cli-args.ts';
import { loadEntries } from './pipeline/load.ts';
import { toolLocale, toolStrings } from './i18n/tool-strings.ts';

const USAGE =
  'npm run insights -- [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--locale xx] [--product id] [--json] [--out report.html] [--gaps --draft DIR] [--data DIR] [--content DIR]';
const DAY_MS = 86_400_000;
/** Days a report covers when --since is not given. */
const DEFAULT_DAYS = 28;

/**
 * `npm run insights`: what customers searched, what answered them, what is missing, and where inquiries pile
 * up, read from the intake's store (`--data DIR`, else `DATABASE_URL`, else `.data/intake`). Prints a summary, the report as
 * JSON (`--json`), writes the dashboard (`--out`), and with `--gaps --draft DIR` one draft FAQ per group of
 * unanswered questions.
 */
export function run(argv: string[], io: CliIo): Promise<number> {
  return runCli(io, () => insights(argv, io));
}

async function insights(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs(argv, USAGE, {
    since: { type: 'string' },
    until: { type: 'string' },
    locale: { type: 'string' },
    product: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    gaps: { type: 'boolean', default: false },
    draft: { type: 'string' },
    data: { type: 'string' },
    content: { type: 'string', default: 'content' },
    today: { type: 'string' },
  });
  throwIfHelp(values, USAGE);
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  const until = values.until ?? today;
  const since = values.since ?? new Date(Date.parse(`${until}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  for (const [flag, value] of [
    ['--since', since],
    ['--until', until],
  ])
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value!) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new CliExit(2, `${flag} ${value}: write a date as YYYY-MM-DD\n\nusage: ${USAGE}\n`);
  if (since > until) throw new CliExit(2, `--since ${since} is after --until ${until}\n`);
  if (values.gaps !== !!values.draft) throw new CliExit(2, `--gaps and --draft DIR go together\n\nusage: ${USAGE}\n`);

  const loaded = loadSiteConfig(values.content!);
  if (!loaded.config)
    throw new CliExit(
      2,
      loaded.problems
        .sorted()
        .map((p) => `${formatProblem(p)}\n`)
        .join(''),
    );
  const config = loaded.config;
  if (values.locale && !config.locales.available.some((l) => l.code === values.locale))
    throw new CliExit(2, `unknown locale "${values.locale}": the site config has ${config.locales.available.map((l) => l.code).join(', ')}\n`);
  if (values.product && !config.products.some((p) => p.id === values.product))
    throw new CliExit(2, `unknown product "${values.product}": the site config has ${config.products.map((p) => p.id).join(', ')}\n`);

  // The entries' own words, to tell which phrasings that worked an entry does not hold yet.
  const entries = loadEntries(values.content!, config, new Problems());
  const text = new Map(entries.map((e) => [`${e.locale}/${e.meta.id}`, [e.meta.title, ...e.meta.aliases, e.meta.summary ?? '', e.body].join('\n')]));

  // An explicit --data is the SQLite store in that folder; otherwise the intake's own choice: DATABASE_URL
  // (PostgreSQL) when set, else its data folder.
  const store = values.data
    ? await openStore({ dataDir: values.data })
    : await openStore({ dataDir: process.env.KOTAE_INTAKE_DATA ?? '.data/intake', databaseUrl: process.env.DATABASE_URL });
  let report: InsightsReport;
  try {
    const rows = await readReportRows(store, { since, until });
    report = buildReport(
      { config, ...rows, entryText: (entry, locale) => text.get(`${locale}/${entry}`) ?? text.get(`${config.locales.default}/${entry}`) },
      { since, until, locale: values.locale, product: values.product },
    );
  } finally {
    await store.close();
  }

  if (values.out) {
    const locale = values.locale ?? config.locales.default;
    writeFileSync(values.out, renderDashboard(report, { locale, siteName: localize(config.site.name, locale), generated: today }));
    io.stderr(`wrote ${values.out}\n`);
  }
  if (values.gaps) {
    const drafts = gapDrafts(report.unanswered, {
      config,
      takenIds: new Set(entries.map((e) => e.meta.id)),
      today,
      range: { since, until },
      t: (locale) => bundleTranslator('tools', [locale]).t,
    });
    for (const d of drafts) {
      const file = path.join(values.draft!, d.file);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, d.text);
    }
    io.stderr(`${toolStrings(toolLocale(io.env))('content.draftsWritten', { count: drafts.length, dir: values.draft! })}\n`);
  }
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else if (!values.out && !values.gaps) io.stdout(summary(report, values.locale ?? config.locales.default));
  return 0;
}

/** The headline numbers and the top questions nothing answered, for a terminal. */
function summary(report: InsightsReport, locale: string): string {
  const { t } = bundleTranslator('insights', [locale]);
  const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  const x = report.totals;
  const lines = [
    `${t('title')} (${t('range', report.range)})`,
    `  ${t('totals.sessions')}: ${x.sessions}  ${t('totals.searches')}: ${x.searches}  ${t('totals.answeredRate')}: ${pct(x.answered_rate)}`,
    `  ${t('totals.selfServiceScore')}: ${x.self_service_score === null ? '–' : x.self_service_score.toFixed(1)}  ${t('totals.deflectionRate')}: ${pct(x.deflection_rate)}  ${t('totals.inquiries')}: ${x.inquiries}`,
    `${t('unanswered.heading')}:`,
    ...(report.unanswered.length ? report.unanswered.slice(0, 10).map((g) => `  ${String(g.count).padStart(5)}  ${g.example}`) : [`  ${t('unanswered.none')}`]),
  ];
  return `${lines.join('\n')}\n`;
}

runAsScript(import.meta.url, run);

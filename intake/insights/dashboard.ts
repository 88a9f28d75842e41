import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { ChartSpec, InquiryTrend, InsightsReport, WeekInsight } from '../../content/schema/index.ts';
import { bundleTranslator } from '../../i18n/bundles.ts';

/**
 * The insights dashboard as one self-contained HTML file (`npm run insights -- --out report.html`): charts
 * drawn by uPlot (bundled into the page, no CDN), and every chart's numbers in a table beside it, so the
 * page reads with a screen reader, without JavaScript and on paper.
 */
export interface DashboardOptions {
  locale: string;
  siteName: string;
  /** When the report was made (shown in the footer). */
  generated: string;
  /**
   * Served live (the intake's `/admin/insights`): the stylesheet and chart script as files at these URLs,
   * so the page runs under a CSP without inline code, and a form to change the range and filters.
   * Without it the page is one self-contained file.
   */
  live?: {
    assets: { css: string; js: string };
    /** The form's choices: locales and products as [value, name]. */
    locales: readonly [string, string][];
    products: readonly [string, string][];
  };
}

// Colour pairs chosen to stay apart for the common colour-vision deficiencies, and with 3:1 contrast on white.
const PALETTE = ['#0b5cad', '#c2410c', '#047857', '#7e22ce', '#a16207', '#be123c'];

export function renderDashboard(report: InsightsReport, options: DashboardOptions): string {
  const { t } = bundleTranslator('insights', [options.locale]);
  const lang = options.locale;
  const percent = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);
  const ratio = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)}×`);
  const number = (v: number) => v.toLocaleString(lang);
  const change = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : ''}${Math.round(v * 100)}%`);
  const weeks = report.weeks;
  const x = weeks.map((w) => Date.parse(`${w.start}T00:00:00Z`) / 1000);

  const charts: ChartSpec[] = [
    {
      id: 'chart-scores',
      x,
      unit: 'ratio',
      series: [{ label: t('series.selfServiceScore'), values: weeks.map((w) => w.self_service_score), color: PALETTE[0]! }],
    },
    {
      id: 'chart-deflection',
      x,
      unit: 'percent',
      series: [{ label: t('series.deflectionRate'), values: weeks.map((w) => w.deflection_rate), color: PALETTE[1]! }],
    },
    {
      id: 'chart-searches',
      x,
      unit: 'count',
      series: [
        { label: t('series.searches'), values: weeks.map((w) => w.searches), color: PALETTE[0]! },
        {
          label: t('series.answeredRate'),
          values: weeks.map((w) => (w.answered_rate === null ? null : Math.round(w.answered_rate * w.searches))),
          color: PALETTE[2]!,
          dash: true,
        },
      ],
    },
    {
      id: 'chart-inquiries',
      x,
      unit: 'count',
      series: report.inquiries.product.slice(0, PALETTE.length).map((p, i) => ({
        label: p.name,
        values: weeks.map((w) => p.weeks.find((pw) => pw.week === w.week)?.count ?? 0),
        color: PALETTE[i]!,
      })),
    },
  ];

  const weekTable = (columns: [string, (w: WeekInsight) => string][]) =>
    table(
      [t('charts.week'), ...columns.map(([h]) => h)],
      weeks.map((w) => [w.start, ...columns.map(([, f]) => f(w))]),
    );
  const chart = (id: string, title: string, numbers: string) => `<figure class="chart">
<figcaption>${esc(title)}</figcaption>
<div class="plot" id="${id}" aria-hidden="true"></div>
<details><summary>${esc(t('charts.numbers'))}</summary>${numbers}</details>
</figure>`;

  const totals = report.totals;
  const kpis: [string, string, string?][] = [
    [t('totals.sessions'), number(totals.sessions)],
    [t('totals.searches'), number(totals.searches)],
    [t('totals.answeredRate'), percent(totals.answered_rate)],
    [t('totals.selfServiceScore'), ratio(totals.self_service_score), t('totals.selfServiceScoreHint')],
    [t('totals.deflectionRate'), percent(totals.deflection_rate), t('totals.deflectionRateHint')],
    [t('totals.inquiries'), number(totals.inquiries)],
  ];
  const filters = [
    report.filters.locale ? t('filters.locale', { locale: report.filters.locale }) : '',
    report.filters.product ? t('filters.product', { product: report.filters.product }) : '',
  ].filter(Boolean);

  const trendTable = (list: readonly InquiryTrend[]) =>
    list.length
      ? table(
          [t('inquiries.name'), t('inquiries.total'), t('inquiries.previous'), t('inquiries.change')],
          list.map((r) => [r.name, number(r.total), number(r.previous), change(r.change)]),
        )
      : `<p>${esc(t('inquiries.none'))}</p>`;

  const body = `<header>
<h1>${esc(t('title'))} — ${esc(options.siteName)}</h1>
<p class="range">${esc(t('range', { since: report.range.since, until: report.range.until }))}${filters.map((f) => ` · ${esc(f)}`).join('')}</p>
${options.live ? filterForm(report, options.live, t) : ''}
</header>
<main>
<section aria-labelledby="totals"><h2 id="totals">${esc(t('totals.heading'))}</h2>
<dl class="kpis">${kpis.map(([label, value, hint]) => `<div><dt>${esc(label)}</dt><dd>${esc(value)}</dd>${hint ? `<dd class="hint">${esc(hint)}</dd>` : ''}</div>`).join('')}</dl>
</section>
<section aria-labelledby="trends"><h2 id="trends">${esc(t('charts.scores'))}</h2>
<div class="charts">
${chart('chart-scores', t('series.selfServiceScore'), weekTable([[t('series.selfServiceScore'), (w) => ratio(w.self_service_score)]]))}
${chart('chart-deflection', t('series.deflectionRate'), weekTable([[t('series.deflectionRate'), (w) => percent(w.deflection_rate)]]))}
${chart(
  'chart-searches',
  t('charts.searches'),
  weekTable([
    [t('series.searches'), (w) => number(w.searches)],
    [t('series.answeredRate'), (w) => percent(w.answered_rate)],
  ]),
)}
${chart('chart-inquiries', t('charts.inquiries'), trendTable(report.inquiries.product))}
</div>
</section>
<section aria-labelledby="unanswered"><h2 id="unanswered">${esc(t('unanswered.heading'))}</h2>
<p>${esc(t('unanswered.intro'))}</p>
${
  report.unanswered.length
    ? table(
        [t('unanswered.example'), t('unanswered.count'), t('unanswered.variants'), t('unanswered.where')],
        report.unanswered.map((g) => [
          g.example,
          number(g.count),
          g.variants
            .filter((v) => v.query !== g.example)
            .map((v) => `${v.query} (${number(v.count)})`)
            .join(' · '),
          g.products.map((p) => p.product).join(', '),
        ]),
      )
    : `<p>${esc(t('unanswered.none'))}</p>`
}
</section>
<section aria-labelledby="top"><h2 id="top">${esc(t('top.heading'))}</h2>
${
  report.top_searches.length
    ? table(
        [t('top.query'), t('top.count'), t('top.answered')],
        report.top_searches.map((q) => [q.query, number(q.count), percent(q.answered_rate)]),
      )
    : `<p>${esc(t('top.none'))}</p>`
}
</section>
<section aria-labelledby="articles"><h2 id="articles">${esc(t('articles.heading'))}</h2>
${
  report.articles.length
    ? table(
        [
          t('articles.entry'),
          t('articles.views'),
          t('articles.helpful'),
          t('articles.notHelpful'),
          t('articles.reasons'),
          t('articles.solved'),
          t('articles.inquiriesAfter'),
          t('articles.suggested'),
        ],
        report.articles.map((a) => [
          a.entry,
          number(a.views),
          number(a.helpful),
          number(a.not_helpful),
          Object.entries(a.reasons)
            .map(([r, n]) => `${r} (${number(n)})`)
            .join(', '),
          number(a.solved),
          number(a.inquiries_after),
          a.suggested_questions.map((q) => q.query).join(' · '),
        ]),
      )
    : `<p>${esc(t('articles.none'))}</p>`
}
</section>
<section aria-labelledby="inquiries"><h2 id="inquiries">${esc(t('inquiries.heading'))}</h2>
${(['product', 'resource', 'problem_type', 'severity'] as const).map((key) => `<h3>${esc(t(`inquiries.${key}`))}</h3>${trendTable(report.inquiries[key])}`).join('\n')}
</section>
</main>
<footer><p>${esc(t('generated', { date: options.generated }))}</p></footer>`;

  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t('title'))} — ${esc(options.siteName)}</title>
${options.live ? `<link rel="stylesheet" href="${esc(options.live.assets.css)}">\n<script defer src="${esc(options.live.assets.js)}"></script>` : `<style>${DASHBOARD_STYLESHEET}</style>`}
</head>
<body>
${body}
<script type="application/json" id="insights-charts">${jsonForScript(charts)}</script>
${options.live ? '' : `<script>${dashboardScript().replace(/<\/script/gi, '<\\/script')}</script>`}
</body>
</html>
`;
}

/** The range and filters of a live dashboard, as a GET form: the URL keeps them, so a view can be shared. */
function filterForm(report: InsightsReport, live: NonNullable<DashboardOptions['live']>, t: (key: string) => string): string {
  const select = (name: string, label: string, choices: readonly [string, string][], value: string | undefined) =>
    `<label>${esc(label)} <select name="${name}"><option value="">${esc(t('form.all'))}</option>${choices
      .map(([v, n]) => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(n)}</option>`)
      .join('')}</select></label>`;
  return `<form class="filters" method="get">
<label>${esc(t('form.since'))} <input type="date" name="since" value="${esc(report.range.since)}" required></label>
<label>${esc(t('form.until'))} <input type="date" name="until" value="${esc(report.range.until)}" required></label>
${select('locale', t('form.locale'), live.locales, report.filters.locale)}
${select('product', t('form.product'), live.products, report.filters.product)}
<button type="submit">${esc(t('form.show'))}</button>
</form>`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return `<div class="table"><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON inside <script>: `<` escaped so no value can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const require = createRequire(import.meta.url);
const UPLOT_CSS = readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8');

let client: string | undefined;
/** The chart script with uPlot, bundled once per process. */
export function dashboardScript(): string {
  client ??= buildSync({
    entryPoints: [fileURLToPath(new URL('./browser/dashboard-client.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    legalComments: 'none',
  }).outputFiles[0]!.text;
  return client;
}

const DASHBOARD_CSS = `
:root{color-scheme:light;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif;color:#1b1f24;background:#fff}
body{margin:0 auto;max-width:1100px;padding:1rem 1.25rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2rem 0 .75rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem}h3{font-size:1.05rem;margin:1.25rem 0 .5rem}
.range{color:#4b5563;margin:0}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;margin:0}
.kpis div{border:1px solid #d0d7de;border-radius:8px;padding:.75rem}
.kpis dt{color:#4b5563;font-size:.9rem}.kpis dd{margin:0;font-size:1.6rem;font-weight:600}.kpis dd.hint{font-size:.8rem;font-weight:400;color:#4b5563}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr));gap:1rem}
.chart{margin:0;border:1px solid #d0d7de;border-radius:8px;padding:.75rem;min-width:0}
.chart figcaption{font-weight:600;margin-bottom:.5rem}
.plot{min-height:240px}
details{margin-top:.5rem}summary{cursor:pointer;color:#0b5cad}
.table{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:start;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb;vertical-align:top}
thead th{background:#f6f8fa}td{font-variant-numeric:tabular-nums}
footer{margin-top:3rem;color:#4b5563;font-size:.85rem}
.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:1rem 0 0}
.filters label{display:flex;flex-direction:column;font-size:.85rem;color:#4b5563}
.filters input,.filters select,.filters button{font:inherit;font-size:1rem;padding:.3rem .5rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:#1b1f24}
.filters button{background:#0b5cad;border-color:#0b5cad;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
`;

/** uPlot's stylesheet and the dashboard's own. */
export const DASHBOARD_STYLESHEET = `${UPLOT_CSS}\n${DASHBOARD_CSS}`;

import { localize, type InsightsReport, type SiteConfig } from '../../content/schema/index.ts';
import type { IntakeStore } from '../store/store.ts';
import { DASHBOARD_STYLESHEET, dashboardScript, renderDashboard } from './dashboard.ts';
import { buildReport } from './report.ts';
import { readReportRows } from './report-source.ts';

/**
 * The insights dashboard served live by the intake at `/admin/insights`, behind the team's sign-in: the same
 * report and page as `npm run insights -- --out`, read from the store at request time, with its stylesheet
 * and chart script as files (the admin pages' CSP allows no inline code) and a form for the range and filters.
 *
 * Unlike the CLI, the intake does not read the entries' Markdown, so "phrasings that worked" are not checked
 * against the entry's own text here: the list can name a phrasing the entry already holds.
 */
export const LIVE_DASHBOARD_ASSETS = { css: '/admin/insights/dashboard.css', js: '/admin/insights/dashboard.js' } as const;

const DAY_MS = 86_400_000;
/** Days shown when the form names none, as in the CLI. */
const DEFAULT_DAYS = 28;
/** The longest range one request may read: a year and a day of raw events. */
const MAX_DAYS = 366;
/** A report is kept this long for the same range and filters: a team reloading the page does not re-read a million events. */
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 16;

export interface LiveDashboard {
  /** The page for the form's query (`since`, `until`, `locale`, `product`); values that make no sense fall back to the defaults. */
  page(query: URLSearchParams, locale: string, now?: number): Promise<string>;
  stylesheet(): string;
  script(): string;
}

export function createLiveDashboard(deps: { store: IntakeStore; config: SiteConfig }): LiveDashboard {
  const { store, config } = deps;
  const cache = new Map<string, { at: number; report: InsightsReport }>();

  const reportFor = async (options: { since: string; until: string; locale?: string; product?: string }, now: number) => {
    const key = JSON.stringify(options);
    const hit = cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.report;
    const rows = await readReportRows(store, options);
    const report = buildReport({ config, ...rows }, options);
    cache.delete(key);
    cache.set(key, { at: now, report });
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    return report;
  };

  return {
    async page(query, locale, now = Date.now()) {
      const options = liveOptions(query, config, now);
      const report = await reportFor(options, now);
      const chain = [locale, config.locales.default];
      return renderDashboard(report, {
        locale,
        siteName: localize(config.site.name, locale, chain),
        generated: new Date(now).toISOString().slice(0, 16).replace('T', ' '),
        live: {
          assets: LIVE_DASHBOARD_ASSETS,
          locales: config.locales.available.map((l) => [l.code, l.name] as [string, string]),
          products: config.products.map((p) => [p.id, localize(p.name, locale, chain)] as [string, string]),
        },
      });
    },
    stylesheet: () => DASHBOARD_STYLESHEET,
    script: () => dashboardScript(),
  };
}

/** The report's range and filters from the form: dates as YYYY-MM-DD, at most {@link MAX_DAYS}, known locales and products only. */
export function liveOptions(query: URLSearchParams, config: SiteConfig, now: number): { since: string; until: string; locale?: string; product?: string } {
  const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const until = day(query.get('until')) ?? iso(now);
  const untilMs = Date.parse(`${until}T00:00:00Z`);
  const earliest = iso(untilMs - (MAX_DAYS - 1) * DAY_MS);
  let since = day(query.get('since')) ?? iso(untilMs - (DEFAULT_DAYS - 1) * DAY_MS);
  if (since > until) since = until;
  if (since < earliest) since = earliest;
  const locale = query.get('locale') ?? '';
  const product = query.get('product') ?? '';
  return {
    since,
    until,
    ...(config.locales.available.some((l) => l.code === locale) ? { locale } : {}),
    ...(config.products.some((p) => p.id === product) ? { product } : {}),
  };
}

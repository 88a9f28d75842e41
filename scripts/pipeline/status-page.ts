import { readFileSync } from 'node:fs';
import path from 'node:path';
import { siteConfigFile } from '../../content/site-config.ts';
import { humanizeIssues } from '../../content/human-errors.ts';
import type { Problems } from '../../content/problems.ts';
import { fallbackChain, StatuspageSummary, type Announcement, type SiteConfig, type StatusEvent } from '../../content/schema/index.ts';
import { bundleTranslator } from '../../i18n/bundles.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * A status page's `summary.json` as read for one build: its text, or why there is none. A URL is fetched
 * once, before the build, by the caller that may wait (`build`); a file is read when the site is finished.
 */
export type StatusSummaryText = { source: string; text: string } | { source: string; error: string };

const FETCH_TIMEOUT_MS = 10_000;

export function isStatusUrl(summary: string): boolean {
  return /^https?:\/\//i.test(summary);
}

/** Fetches a status page's summary; a failure is returned, not thrown (the site is built without its notices). */
export async function fetchStatusSummary(url: string): Promise<StatusSummaryText> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/json' } });
    if (!response.ok) return { source: url, error: `the status page answered ${response.status}` };
    return { source: url, text: await response.text() };
  } catch (error) {
    return { source: url, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The configured summary, read from its file, or what `fetched` holds for its URL (nothing when not fetched, as in `check`). */
export function readStatusSummary(config: SiteConfig, contentDir: string, fetched?: StatusSummaryText): StatusSummaryText | undefined {
  const summary = config.statusPage?.summary;
  if (!summary) return undefined;
  if (isStatusUrl(summary)) return fetched?.source === summary ? fetched : undefined;
  const file = path.resolve(contentDir, summary);
  try {
    return { source: file, text: readFileSync(file, 'utf8') };
  } catch (error) {
    return { source: file, error: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error) };
  }
}

/** Incident states of a Statuspage incident that are over; `summary.json` lists only open ones, but says so. */
const CLOSED_INCIDENT = new Set(['resolved', 'postmortem']);
const CLOSED_MAINTENANCE = new Set(['completed']);

/**
 * A status page's open incidents and scheduled or running maintenance as each locale's announcements. The
 * page is written in one language (`statusPage.locale`), so every locale shows its text, marked with that
 * locale; only the link label is the reader's. An open incident shows from its start until `incidentHours`
 * after the build.
 */
export function statusAnnouncements(
  config: SiteConfig,
  contentDir: string,
  read: StatusSummaryText | undefined,
  now: number,
  problems: Problems,
): Map<string, Announcement[]> {
  const out = new Map<string, Announcement[]>();
  const status = config.statusPage;
  if (!status || !read) return out;
  const configFile = siteConfigFile(contentDir);
  const fix = 'check statusPage.summary in the site config; the site is built without the status page’s notices';
  if ('error' in read) {
    problems.warning(configFile, 1, 1, `status page ${read.source} could not be read: ${read.error}`, fix);
    return out;
  }
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    problems.warning(configFile, 1, 1, `status page ${read.source} is not JSON: ${(error as Error).message}`, fix);
    return out;
  }
  const parsed = StatuspageSummary.safeParse(json);
  if (!parsed.success) {
    const issue = humanizeIssues(parsed.error.issues)[0]!;
    problems.warning(configFile, 1, 1, `status page ${read.source} is not a Statuspage summary: ${issue.message}`, fix);
    return out;
  }
  const summary = parsed.data;
  const locale = status.locale ?? config.locales.default;
  const products = (event: StatusEvent): string[] => {
    const ids = new Set(event.components.flatMap((c) => status.components[c.id] ?? status.components[c.name] ?? []));
    return [...ids].sort();
  };
  const iso = (time: string) => new Date(time).toISOString();
  const openUntil = new Date(now + status.incidentHours * 3_600_000).toISOString();
  const notices = [
    ...summary.incidents
      .filter((i) => !CLOSED_INCIDENT.has(i.status))
      .map((i) => ({ event: i, severity: 'incident' as const, starts: iso(i.started_at ?? i.created_at), ends: openUntil })),
    ...summary.scheduled_maintenances
      .filter((m) => !CLOSED_MAINTENANCE.has(m.status) && Date.parse(m.scheduled_until) > Date.parse(m.scheduled_for))
      .map((m) => ({ event: m, severity: 'maintenance' as const, starts: iso(m.scheduled_for), ends: iso(m.scheduled_until) })),
  ];
  for (const { code } of config.locales.available) {
    const { t } = bundleTranslator('content', fallbackChain(config, code));
    out.set(
      code,
      notices.map(({ event, severity, starts, ends }) => ({
        id: `status-${event.id
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}`,
        locale,
        title: event.name,
        severity,
        products: products(event),
        starts,
        ends,
        html: noticeHtml(event, t('statusPage.details')),
      })),
    );
  }
  return out;
}

/** The latest update's text as paragraphs (the page's text is plain, never HTML of ours) and a link to the incident. */
function noticeHtml(event: StatusEvent, linkLabel: string): string {
  const shown = (u: { display_at?: string | null | undefined; created_at: string }) => Date.parse(u.display_at ?? u.created_at);
  const latest = [...event.incident_updates].sort((a, b) => shown(b) - shown(a))[0];
  const paragraphs = (latest?.body ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  const link = event.shortlink && /^https?:\/\//i.test(event.shortlink) ? `<p><a href="${escapeHtml(event.shortlink)}">${escapeHtml(linkLabel)}</a></p>` : '';
  return paragraphs.join('') + link;
}

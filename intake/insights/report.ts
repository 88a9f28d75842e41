import { localize, type InquiryTrend, type InsightsReport, type SelfServiceEvent, type SiteConfig, type WeekInsight } from '../../content/schema/index.ts';
import { createAnalyzer, normalize } from '../../search/index.ts';
import { groupQuestions } from './question-groups.ts';

/**
 * The insights report, computed from stored self-service events and inquiries. Pure: the caller reads the
 * store (`intake/insights/report-source.ts`) and passes rows in, so the same code serves the CLI, the
 * dashboard and the tests.
 */

/**
 * A stored event: the event as sent, plus when the intake received it (the clock reports count by), as ISO
 * text or epoch milliseconds (what the store reads fastest).
 */
export type ReportEvent = SelfServiceEvent & { received_at: string | number };

/** The facts of a stored inquiry a report counts. */
export interface ReportInquiry {
  id: string;
  received_at: string;
  locale: string;
  product: string;
  resource?: string | undefined;
  problem_type: string;
  severity: string;
}

export interface ReportOptions {
  /** First and last day included, YYYY-MM-DD (UTC). */
  since: string;
  until: string;
  locale?: string | undefined;
  product?: string | undefined;
}

export interface ReportInput {
  config: Pick<SiteConfig, 'locales' | 'products' | 'severities'>;
  events: Iterable<ReportEvent>;
  inquiries: Iterable<ReportInquiry>;
  /** The text of each entry (title, aliases, body) per locale, to tell which good queries it lacks. */
  entryText?: (entry: string, locale: string) => string | undefined;
}

const TOP_SEARCHES = 20;
const SUGGESTIONS_PER_ENTRY = 10;
const DAY_MS = 86_400_000;

export function buildReport(input: ReportInput, options: ReportOptions): InsightsReport {
  const from = Date.parse(`${options.since}T00:00:00Z`);
  const to = Date.parse(`${options.until}T00:00:00Z`) + DAY_MS;
  const inRange = (when: string | number) => {
    const t = typeof when === 'number' ? when : Date.parse(when);
    return t >= from && t < to;
  };
  const wanted = (e: { locale: string; product?: string | undefined }) =>
    (!options.locale || e.locale === options.locale || e.locale.startsWith(`${options.locale}-`)) && (!options.product || e.product === options.product);

  // Sessions in order of their events: scores and "after" counts need what happened before what.
  const sessions = new Map<string, ReportEvent[]>();
  for (const e of input.events) {
    if (!inRange(e.received_at) || !wanted(e)) continue;
    const list = sessions.get(e.session);
    if (list) list.push(e);
    else sessions.set(e.session, [e]);
  }
  // ISO 8601 times of one clock compare as text; `<` rather than localeCompare, which is slow and locale-aware.
  for (const list of sessions.values()) if (list.length > 1) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const totals = { searches: 0, answered: 0, article_views: 0, helpful: 0, not_helpful: 0, solved: 0, contact_opens: 0 };
  const byLocale = new Map<string, { searches: number; answered: number }>();
  const queries = new Map<string, { query: string; count: number; answered: number }>();
  const unanswered: { query: string; locale: string; product?: string | undefined }[] = [];
  const articles = new Map<string, ArticleTally>();
  const article = (entry: string) => {
    let a = articles.get(entry);
    if (!a) articles.set(entry, (a = { views: 0, helpful: 0, not_helpful: 0, reasons: {}, solved: 0, inquiries_after: 0, good: new Map() }));
    return a;
  };
  const weeks = new Map<string, WeekTally>();
  const week = (iso: string) => {
    const key = isoWeek(iso);
    let w = weeks.get(key.week);
    if (!w) weeks.set(key.week, (w = { ...key, sessions: 0, searches: 0, answered: 0, selfService: 0, inquiry: 0, contact: 0, deflected: 0 }));
    return w;
  };
  let selfServiceSessions = 0;
  let inquirySessions = 0;
  let contactSessions = 0;
  let deflectedSessions = 0;

  for (const events of sessions.values()) {
    const first = events[0]!.received_at;
    const w = week(typeof first === 'number' ? new Date(first).toISOString() : first);
    w.sessions++;
    let usedSelfService = false;
    let sentInquiry = false;
    let openedContact = false;
    let deflectedAfterContact = false;
    const viewed = new Set<string>();
    let lastQuery: { query: string; locale: string } | undefined;
    for (const e of events) {
      switch (e.type) {
        case 'search': {
          usedSelfService = true;
          totals.searches++;
          w.searches++;
          const l = byLocale.get(e.locale) ?? { searches: 0, answered: 0 };
          byLocale.set(e.locale, l);
          l.searches++;
          const key = normalize(e.query).trim();
          const q = queries.get(key) ?? { query: e.query, count: 0, answered: 0 };
          queries.set(key, q);
          q.count++;
          if (e.answered) {
            totals.answered++;
            w.answered++;
            l.answered++;
            q.answered++;
          } else unanswered.push({ query: e.query, locale: e.locale, product: e.product });
          lastQuery = { query: e.query, locale: e.locale };
          break;
        }
        case 'article_view':
          usedSelfService = true;
          totals.article_views++;
          article(e.entry).views++;
          viewed.add(e.entry);
          break;
        case 'vote': {
          const a = article(e.entry);
          if (e.helpful) {
            totals.helpful++;
            a.helpful++;
            if (lastQuery) bumpGood(a, lastQuery);
          } else {
            totals.not_helpful++;
            a.not_helpful++;
            if (e.reason) a.reasons[e.reason] = (a.reasons[e.reason] ?? 0) + 1;
          }
          break;
        }
        case 'deflect':
          usedSelfService = true;
          totals.solved++;
          article(e.entry).solved++;
          if (openedContact) deflectedAfterContact = true;
          if (lastQuery) bumpGood(article(e.entry), lastQuery);
          break;
        case 'contact_open':
          totals.contact_opens++;
          openedContact = true;
          break;
        case 'inquiry_submit':
          sentInquiry = true;
          for (const entry of viewed) article(entry).inquiries_after++;
          viewed.clear();
          break;
      }
    }
    if (usedSelfService) selfServiceSessions++, w.selfService++;
    if (sentInquiry) inquirySessions++, w.inquiry++;
    if (openedContact) contactSessions++, w.contact++;
    if (deflectedAfterContact) deflectedSessions++, w.deflected++;
  }

  const inquiries = [...input.inquiries].filter((i) => wanted(i));
  const current = inquiries.filter((i) => inRange(i.received_at));
  const span = to - from;
  const previous = inquiries.filter((i) => {
    const t = Date.parse(i.received_at);
    return t >= from - span && t < from;
  });
  const locale = options.locale ?? input.config.locales.default;
  const chain = [locale, input.config.locales.default];
  const named = (list: readonly { id: string; name: Parameters<typeof localize>[0] }[]) => (id: string) =>
    localize(list.find((x) => x.id === id)?.name ?? id, locale, chain);
  const problemTypes = input.config.products.flatMap((p) => p.problemTypes);
  const resources = input.config.products.flatMap((p) => p.resources);

  return {
    range: { since: options.since, until: options.until },
    filters: { ...(options.locale ? { locale: options.locale } : {}), ...(options.product ? { product: options.product } : {}) },
    totals: {
      sessions: sessions.size,
      ...totals,
      answered_rate: rate(totals.answered, totals.searches),
      inquiries: current.length,
      self_service_score: rate(selfServiceSessions, inquirySessions),
      deflection_rate: rate(deflectedSessions, contactSessions),
    },
    locales: [...byLocale]
      .map(([code, l]) => ({ locale: code, searches: l.searches, answered: l.answered, answered_rate: rate(l.answered, l.searches) }))
      .sort((a, b) => b.searches - a.searches || a.locale.localeCompare(b.locale)),
    top_searches: [...queries.values()]
      .sort((a, b) => b.count - a.count || a.query.localeCompare(b.query))
      .slice(0, TOP_SEARCHES)
      .map((q) => ({ query: q.query, count: q.count, answered_rate: rate(q.answered, q.count) })),
    unanswered: groupQuestions(unanswered),
    articles: [...articles]
      .map(([entry, a]) => ({
        entry,
        views: a.views,
        helpful: a.helpful,
        not_helpful: a.not_helpful,
        reasons: a.reasons,
        solved: a.solved,
        inquiries_after: a.inquiries_after,
        suggested_questions: suggestions(entry, a, input.entryText),
      }))
      .sort((a, b) => b.views - a.views || a.entry.localeCompare(b.entry)),
    weeks: [...weeks.values()].sort((a, b) => a.start.localeCompare(b.start)).map(weekInsight),
    inquiries: {
      product: trends(current, previous, (i) => i.product, named(input.config.products)),
      resource: trends(current, previous, (i) => i.resource, named(resources)),
      problem_type: trends(current, previous, (i) => i.problem_type, named(problemTypes)),
      severity: trends(current, previous, (i) => i.severity, named(input.config.severities)),
    },
  };
}

interface ArticleTally {
  views: number;
  helpful: number;
  not_helpful: number;
  reasons: Record<string, number>;
  solved: number;
  inquiries_after: number;
  /** Queries that led to "solved it" or "yes", by normalized text. */
  good: Map<string, { query: string; locale: string; count: number }>;
}

interface WeekTally {
  week: string;
  start: string;
  sessions: number;
  searches: number;
  answered: number;
  selfService: number;
  inquiry: number;
  contact: number;
  deflected: number;
}

function bumpGood(a: ArticleTally, q: { query: string; locale: string }): void {
  const key = normalize(q.query).trim();
  const found = a.good.get(key);
  if (found) found.count++;
  else a.good.set(key, { ...q, count: 1 });
}

/** Good queries whose terms the entry's own text does not all contain: candidates for its `aliases`. */
function suggestions(entry: string, a: ArticleTally, entryText: ReportInput['entryText']): { query: string; count: number }[] {
  return [...a.good.values()]
    .filter((q) => {
      const text = entryText?.(entry, q.locale);
      if (text === undefined) return true;
      const analyzer = createAnalyzer(q.locale);
      const have = new Set(analyzer.analyze(text).map((t) => t.term));
      return analyzer.analyze(q.query).some((t) => !have.has(t.term));
    })
    .sort((x, y) => y.count - x.count || x.query.localeCompare(y.query))
    .slice(0, SUGGESTIONS_PER_ENTRY)
    .map(({ query, count }) => ({ query, count }));
}

function weekInsight(w: WeekTally): WeekInsight {
  return {
    week: w.week,
    start: w.start,
    sessions: w.sessions,
    searches: w.searches,
    answered_rate: rate(w.answered, w.searches),
    self_service_sessions: w.selfService,
    inquiry_sessions: w.inquiry,
    self_service_score: rate(w.selfService, w.inquiry),
    contact_sessions: w.contact,
    deflected_sessions: w.deflected,
    deflection_rate: rate(w.deflected, w.contact),
  };
}

function trends(
  current: readonly ReportInquiry[],
  previous: readonly ReportInquiry[],
  key: (i: ReportInquiry) => string | undefined,
  name: (id: string) => string,
): InquiryTrend[] {
  const ids = new Set([...current, ...previous].map(key).filter((k): k is string => !!k));
  return [...ids]
    .map((id) => {
      const mine = current.filter((i) => key(i) === id);
      const before = previous.filter((i) => key(i) === id).length;
      const perWeek = new Map<string, number>();
      for (const i of mine) {
        const w = isoWeek(i.received_at).week;
        perWeek.set(w, (perWeek.get(w) ?? 0) + 1);
      }
      return {
        id,
        name: name(id),
        total: mine.length,
        previous: before,
        change: before ? (mine.length - before) / before : null,
        weeks: [...perWeek].sort((a, b) => a[0].localeCompare(b[0])).map(([week, count]) => ({ week, count })),
      };
    })
    .sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
}

function rate(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

/** ISO 8601 week of a UTC instant: `2026-W49` and the date of its Monday. */
export function isoWeek(iso: string): { week: string; start: string } {
  const d = new Date(iso);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return { week: `${year}-W${String(week).padStart(2, '0')}`, start: monday.toISOString().slice(0, 10) };
}

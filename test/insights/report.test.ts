import { describe, expect, it } from 'vitest';
import { InsightsReport } from '../../content/schema/index.ts';
import { buildReport, isoWeek, type ReportEvent, type ReportInquiry } from '../../intake/insights/report.ts';
import { sampleConfig } from '../intake/fixtures.ts';

// Customer journeys as the intake stores them, and the numbers a support lead reads off the report.
let clock = Date.parse('2026-11-30T09:00:00Z');
const at = () => new Date((clock += 1_000)).toISOString();
const ev = (session: string, e: Record<string, unknown>): ReportEvent => {
  const when = at();
  return { session: session.padEnd(22, 'x'), at: when, received_at: when, locale: 'en', surface: 'widget', ...e } as ReportEvent;
};

const events: ReportEvent[] = [
  // A: a question nothing answers, then an inquiry.
  ev('a', { type: 'search', query: 'roll back router firmware', results: 2, answered: false }),
  ev('a', { type: 'contact_open' }),
  ev('a', { type: 'inquiry_submit', inquiry: 'inq-a' }),
  // B: an answer that does not help ("No", incomplete), then an inquiry.
  ev('b', { type: 'search', query: 'reset camera', results: 4, answered: true, top: 'camera-reset', product: 'camera' }),
  ev('b', { type: 'article_view', entry: 'camera-reset', via: 'widget', rank: 1, product: 'camera' }),
  ev('b', { type: 'vote', entry: 'camera-reset', helpful: false, reason: 'incomplete' }),
  ev('b', { type: 'contact_open' }),
  ev('b', { type: 'inquiry_submit', inquiry: 'inq-b' }),
  // C: solved by an article, from a phrasing the article does not use.
  ev('c', { type: 'search', query: 'camera offline after new router', results: 3, answered: true, top: 'camera-wifi' }),
  ev('c', { type: 'article_view', entry: 'camera-wifi', via: 'widget', rank: 1 }),
  ev('c', { type: 'deflect', entry: 'camera-wifi' }),
  // D: the same unanswered question with a typo, in another order.
  ev('d', { type: 'search', query: 'router firmwre roll back', results: 0, answered: false }),
  // E: opened contact, then found the answer on the KB page instead.
  ev('e', { type: 'contact_open', surface: 'kb' }),
  ev('e', { type: 'article_view', entry: 'camera-wifi', via: 'kb_page', surface: 'kb' }),
  ev('e', { type: 'deflect', entry: 'camera-wifi', surface: 'kb' }),
  // Outside the range: not counted.
  { ...ev('f', { type: 'search', query: 'old question', results: 0, answered: false }), received_at: '2026-10-01T00:00:00Z' },
];

const inquiry = (id: string, received_at: string, product: string, severity = 'c'): ReportInquiry => ({
  id,
  received_at,
  locale: 'en',
  product,
  problem_type: 'connectivity',
  severity,
});
const inquiries = [
  inquiry('inq-a', '2026-11-30T09:01:00Z', 'camera'),
  inquiry('inq-b', '2026-12-01T10:00:00Z', 'camera', 'b'),
  inquiry('old-1', '2026-11-25T10:00:00Z', 'camera'),
  inquiry('old-2', '2026-11-24T10:00:00Z', 'cloud-db'),
];

describe('the insights report', () => {
  it('counts searches, answers, votes and scores from scripted journeys', async () => {
    const config = await sampleConfig();
    const report = InsightsReport.parse(
      buildReport(
        { config, events, inquiries, entryText: (entry) => (entry === 'camera-wifi' ? 'Connect the camera to Wi-Fi. Choose your network.' : undefined) },
        { since: '2026-11-30', until: '2026-12-06' },
      ),
    );
    expect(report.totals).toEqual({
      sessions: 5,
      searches: 4,
      answered: 2,
      answered_rate: 0.5,
      article_views: 3,
      helpful: 0,
      not_helpful: 1,
      solved: 2,
      contact_opens: 3,
      inquiries: 2,
      // A, B, C, D and E used self-service (searched or read); A and B sent an inquiry.
      self_service_score: 5 / 2,
      // Of A, B and E, who opened contact, only E then solved it.
      deflection_rate: 1 / 3,
    });
    expect(report.unanswered).toEqual([
      expect.objectContaining({ count: 2, variants: [expect.objectContaining({ count: 1 }), expect.objectContaining({ count: 1 })] }),
    ]);
    expect(report.unanswered[0]!.variants.map((v) => v.query).sort()).toEqual(['roll back router firmware', 'router firmwre roll back']);
    const reset = report.articles.find((a) => a.entry === 'camera-reset');
    expect(reset).toMatchObject({ views: 1, not_helpful: 1, reasons: { incomplete: 1 }, inquiries_after: 1, solved: 0 });
    const wifi = report.articles.find((a) => a.entry === 'camera-wifi');
    expect(wifi).toMatchObject({ views: 2, solved: 2, inquiries_after: 0, suggested_questions: [{ query: 'camera offline after new router', count: 1 }] });
    expect(report.weeks).toEqual([
      expect.objectContaining({ week: '2026-W49', start: '2026-11-30', sessions: 5, self_service_score: 2.5, deflection_rate: 1 / 3 }),
    ]);
    // Two camera inquiries this week against one in the week before: +100 %.
    expect(report.inquiries.product[0]).toMatchObject({ id: 'camera', total: 2, previous: 1, change: 1 });
    expect(report.inquiries.product.find((p) => p.id === 'cloud-db')).toMatchObject({ total: 0, previous: 1, change: -1 });
  });

  it('filters by locale and product', async () => {
    const config = await sampleConfig();
    const report = buildReport({ config, events, inquiries }, { since: '2026-11-30', until: '2026-12-06', product: 'camera' });
    expect(report.totals.searches).toBe(1);
    expect(report.totals.inquiries).toBe(2);
    expect(buildReport({ config, events, inquiries }, { since: '2026-11-30', until: '2026-12-06', locale: 'ja' }).totals.sessions).toBe(0);
  });

  it('numbers ISO weeks across a year boundary', () => {
    expect(isoWeek('2026-12-31T23:00:00Z')).toEqual({ week: '2026-W53', start: '2026-12-28' });
    expect(isoWeek('2027-01-04T00:00:00Z')).toEqual({ week: '2027-W01', start: '2027-01-04' });
    expect(isoWeek('2025-12-29T00:00:00Z')).toEqual({ week: '2026-W01', start: '2025-12-29' });
  });
});

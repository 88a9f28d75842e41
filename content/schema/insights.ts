import { z } from 'zod';

/**
 * What `npm run insights -- --json` prints and the dashboard shows: whether self-service works (searches,
 * answers, scores), which articles help, what is missing, and where inquiries pile up. Rates are 0‥1, or
 * null when there is nothing to divide by. Weeks are ISO weeks (Monday first), in UTC.
 */
const Count = z.number().int().min(0);
const Rate = z.number().min(0).nullable();

const Counted = <K extends string>(key: K) => z.object({ [key]: z.string(), count: Count } as { [P in K]: z.ZodString } & { count: typeof Count });

export const UnansweredGroup = z.object({
  example: z.string(),
  count: Count,
  variants: z.array(Counted('query')),
  locales: z.array(Counted('locale')),
  products: z.array(Counted('product')),
});

export const ArticleInsight = z.object({
  entry: z.string(),
  views: Count,
  helpful: Count,
  not_helpful: Count,
  /** "What was missing?" answers given with "No", by reason id. */
  reasons: z.record(z.string(), Count),
  /** "This solved it". */
  solved: Count,
  /** Sessions that viewed the entry and then sent an inquiry. */
  inquiries_after: Count,
  /** Queries after which the customer said this entry solved it or voted yes, and that its text does not hold. */
  suggested_questions: z.array(Counted('query')),
});

export const WeekInsight = z.object({
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** Monday of the week, YYYY-MM-DD. */
  start: z.string(),
  sessions: Count,
  searches: Count,
  answered_rate: Rate,
  self_service_sessions: Count,
  inquiry_sessions: Count,
  /** Sessions that used self-service ÷ sessions that sent an inquiry (Zendesk's self-service score). */
  self_service_score: Rate,
  contact_sessions: Count,
  deflected_sessions: Count,
  /** Sessions that opened contact and then solved it themselves ÷ sessions that opened contact. */
  deflection_rate: Rate,
});

export const InquiryTrend = z.object({
  id: z.string(),
  name: z.string(),
  total: Count,
  /** The same number of days just before `since`. */
  previous: Count,
  /** total − previous, relative to previous (null when previous is 0). */
  change: Rate.or(z.number()),
  weeks: z.array(z.object({ week: z.string(), count: Count })),
});

export const InsightsReport = z.object({
  range: z.object({ since: z.string(), until: z.string() }),
  filters: z.object({ locale: z.string().optional(), product: z.string().optional() }),
  totals: z.object({
    sessions: Count,
    searches: Count,
    answered: Count,
    answered_rate: Rate,
    article_views: Count,
    helpful: Count,
    not_helpful: Count,
    solved: Count,
    contact_opens: Count,
    inquiries: Count,
    self_service_score: Rate,
    deflection_rate: Rate,
  }),
  locales: z.array(z.object({ locale: z.string(), searches: Count, answered: Count, answered_rate: Rate })),
  top_searches: z.array(z.object({ query: z.string(), count: Count, answered_rate: Rate })),
  unanswered: z.array(UnansweredGroup),
  articles: z.array(ArticleInsight),
  weeks: z.array(WeekInsight),
  inquiries: z.object({
    product: z.array(InquiryTrend),
    resource: z.array(InquiryTrend),
    problem_type: z.array(InquiryTrend),
    severity: z.array(InquiryTrend),
  }),
});
export type InsightsReport = z.infer<typeof InsightsReport>;
export type UnansweredGroup = z.infer<typeof UnansweredGroup>;
export type ArticleInsight = z.infer<typeof ArticleInsight>;
export type WeekInsight = z.infer<typeof WeekInsight>;
export type InquiryTrend = z.infer<typeof InquiryTrend>;

/** One chart of the dashboard, as the page hands it to its chart script. */
export interface ChartSpec {
  id: string;
  /** Monday of each week, seconds since the epoch (UTC). */
  x: number[];
  series: { label: string; values: (number | null)[]; color: string; dash?: boolean }[];
  /** Rates 0‥1 shown as percentages, a score shown as `2.5×`, or plain counts. */
  unit: 'count' | 'percent' | 'ratio';
}

import { InquiryState } from '../../content/schema/index.ts';
import { wallTimeToInstant } from '../../content/business-hours.ts';
import type { InquiryFilter } from '../store/inquiry-query.ts';

/**
 * The console's filter as URL query parameters, the same on the page (`/admin/?state=waiting&q=…`, so a
 * filtered list is a link to share and the back button restores it) and on the API and export URLs:
 * `state` (repeatable), `product`, `problem_type`, `severity`, `plan`, `from` and `to` (`YYYY-MM-DD`, both
 * days included, read in the site's business time zone), `q` (free text), `undelivered=1` (a destination has
 * not received it yet).
 */
export const FILTER_PARAMS = ['state', 'product', 'problem_type', 'severity', 'plan', 'from', 'to', 'q', 'undelivered'] as const;

/** A query parameter the console cannot read; the API answers 400 `invalid_filter` naming it. */
export class FilterError extends Error {
  constructor(readonly param: string) {
    super(`invalid ${param}`);
  }
}

const ID = /^[a-z0-9]+([-_][a-z0-9]+)*$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_TEXT = 200;

export function filterFromQuery(query: URLSearchParams, timeZone: string): InquiryFilter {
  const filter: InquiryFilter = {};
  const states = query.getAll('state').filter(Boolean);
  if (states.length) {
    const parsed = states.map((s) => InquiryState.safeParse(s));
    if (parsed.some((p) => !p.success)) throw new FilterError('state');
    filter.states = parsed.map((p) => p.data!);
  }
  const id = (param: string) => {
    const value = query.get(param);
    if (!value) return undefined;
    if (!ID.test(value) || value.length > 80) throw new FilterError(param);
    return value;
  };
  const product = id('product');
  const problemType = id('problem_type');
  const severity = id('severity');
  const plan = id('plan');
  if (product) filter.product = product;
  if (problemType) filter.problemType = problemType;
  if (severity) filter.severity = severity;
  if (plan) filter.plan = plan;
  const day = (param: string, plusDays: number) => {
    const value = query.get(param);
    if (!value) return undefined;
    const m = DAY.exec(value);
    const [year, month, dayOfMonth] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
    // A day that does not exist (2026-02-30) would roll over into the next month: refused instead.
    if (!m || new Date(Date.UTC(year, month - 1, dayOfMonth)).toISOString().slice(0, 10) !== value) throw new FilterError(param);
    const date = new Date(Date.UTC(year, month - 1, dayOfMonth + plusDays));
    return wallTimeToInstant({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, 0, timeZone);
  };
  const from = day('from', 0);
  // `to` names the last day included: the range ends at the next midnight.
  const to = day('to', 1);
  if (from !== undefined) filter.receivedFrom = from;
  if (to !== undefined) filter.receivedTo = to;
  const undelivered = query.get('undelivered');
  if (undelivered) {
    if (undelivered !== '1') throw new FilterError('undelivered');
    filter.undelivered = true;
  }
  const text = query.get('q')?.trim();
  if (text) {
    if ([...text].length > MAX_TEXT) throw new FilterError('q');
    filter.text = text;
  }
  return filter;
}

/** `before`: the cursor of the next page (a positive integer), absent on the first page. */
export function cursorFromQuery(query: URLSearchParams): number | undefined {
  const raw = query.get('before');
  if (!raw) return undefined;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new FilterError('before');
  return Number(raw);
}

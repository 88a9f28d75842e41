import type { DeflectionTrail, InquiryInput } from '../../content/schema/inquiry.ts';
import { INQUIRY_LIMITS } from '../../content/schema/inquiry.ts';
import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { plansFor } from '../../content/support-promise.ts';
import type { KotaeContext, KotaePrefill, KotaeTrailStep } from '../api.ts';
import type { IdentityClaims } from './identity-claims.ts';

/** The site config as `data/site.json` publishes it (everything but the editorial review settings). */

/**
 * What the customer typed or chose, flat, as the form's inputs hold it (strings; '' = nothing chosen). Stored
 * in the draft as is; `inquiryBody` turns it into the intake's JSON.
 */
export interface FormValues {
  product: string;
  resource: string;
  problem_type: string;
  problem_subtype: string;
  summary: string;
  description: string;
  /** An `<input type="datetime-local">` value (`2026-11-24T09:30`), read in the browser's time zone. */
  started_at: string;
  plan: string;
  severity: string;
  name: string;
  email: string;
  phone: string;
  preferred_method: string;
  language: string;
  time_zone: string;
}

export type FieldName = keyof FormValues;

/** The intake's dotted field path of each form value (`contact.email`). */
export const FIELD_PATH: Record<FieldName, string> = {
  product: 'product',
  resource: 'resource',
  problem_type: 'problem_type',
  problem_subtype: 'problem_subtype',
  summary: 'summary',
  description: 'description',
  started_at: 'started_at',
  plan: 'plan',
  severity: 'severity',
  name: 'contact.name',
  email: 'contact.email',
  phone: 'contact.phone',
  preferred_method: 'contact.preferred_method',
  language: 'contact.language',
  time_zone: 'contact.time_zone',
};

/** The browser's IANA time zone, or the site's business-hours zone when the browser does not say. */
export function browserTimeZone(fallback: string): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || fallback;
  } catch {
    return fallback;
  }
}

/** The last query the customer searched for, which becomes the inquiry's summary. */
export function lastQuery(steps: readonly KotaeTrailStep[]): string {
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (step.type === 'search') return step.query.slice(0, INQUIRY_LIMITS.summary);
  }
  return '';
}

/**
 * The values a new inquiry starts with: product and resource from `setContext` (or `prefill`, else from the
 * entry the inquiry follows from, `entry`: see tried-entries.ts), the problem type from `prefill` or that
 * entry when it is about the same product, the summary
 * from the last search, contact details from the identity token's claims and `prefill`, the language of the
 * widget and the browser's time zone. Ids the site does not know are dropped, and so is a plan this customer
 * may not choose (one that requires identity, without a token claiming it).
 */
export function initialValues(input: {
  config: PublicSiteConfig;
  locale: string;
  context: KotaeContext;
  prefill: KotaePrefill;
  claims: IdentityClaims;
  trail: readonly KotaeTrailStep[];
  entry?: { product?: string; resource?: string; problem_type?: string };
}): FormValues {
  const { config, context, prefill, claims, entry = {} } = input;
  const product = config.products.find((p) => p.id === (context.product ?? prefill.product ?? entry.product));
  const sameProduct = !!product && entry.product === product.id;
  const resourceId = context.resource ?? prefill.resource ?? (sameProduct ? entry.resource : undefined);
  const resource = product?.resources.find((r) => r.id === resourceId);
  const problemType = product?.problemTypes.find((t) => t.id === (prefill.problem_type ?? (sameProduct ? entry.problem_type : undefined)));
  // Only a plan this customer may choose: the one their identity claims, else one open to all.
  const plans = plansFor(config, claims.plan);
  const plan = plans.find((p) => p.id === (claims.plan ?? prefill.plan)) ?? (plans.length === 1 ? plans[0] : undefined);
  const locales = config.locales.available.map((l) => l.code);
  const method = config.contactMethods.find((m) => m.id === prefill.preferred_method) ?? config.contactMethods[0];
  return {
    product: product?.id ?? '',
    resource: resource?.id ?? '',
    problem_type: problemType?.id ?? '',
    problem_subtype: problemType?.subtypes.find((s) => s.id === prefill.problem_subtype)?.id ?? '',
    summary: (prefill.subject ?? lastQuery(input.trail)).slice(0, INQUIRY_LIMITS.summary),
    description: prefill.message ?? '',
    started_at: '',
    plan: plan?.id ?? '',
    severity: '',
    name: claims.name ?? prefill.name ?? '',
    email: claims.email ?? prefill.email ?? '',
    phone: prefill.phone ?? '',
    preferred_method: method?.id ?? '',
    language: locales.includes(prefill.language ?? '') ? prefill.language! : locales.includes(input.locale) ? input.locale : config.locales.default,
    time_zone: prefill.time_zone ?? browserTimeZone(config.businessHours.timeZone),
  };
}

/** A provider's diagnostics as named text items: an array of `{name, value}`, or an object's entries. */
export function diagnosticItems(raw: unknown): { name: string; value: string }[] {
  if (raw === undefined || raw === null) return [];
  const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));
  const pairs: [string, unknown][] = Array.isArray(raw)
    ? raw.map((item, i) =>
        item && typeof item === 'object' && 'name' in item
          ? [String((item as { name: unknown }).name), (item as { value?: unknown }).value]
          : [`item ${i + 1}`, item],
      )
    : typeof raw === 'object'
      ? Object.entries(raw as Record<string, unknown>)
      : [['value', raw]];
  return pairs
    .filter(([name]) => name.trim())
    .slice(0, INQUIRY_LIMITS.diagnostics)
    .map(([name, value]) => ({ name: name.slice(0, INQUIRY_LIMITS.diagnosticName), value: text(value).slice(0, INQUIRY_LIMITS.diagnosticValue) }));
}

const ID = /^[a-z0-9]+([-_][a-z0-9]+)*$/;
const iso = (at: number) => new Date(at).toISOString();

/** The widget's deflection trail in the intake's shape: queries typed, entries opened, votes given. */
export function deflection(steps: readonly KotaeTrailStep[], locale: string): DeflectionTrail {
  const queries: DeflectionTrail['queries'] = [];
  const opened: DeflectionTrail['opened'] = [];
  const votes: DeflectionTrail['votes'] = [];
  for (const step of steps) {
    if (step.type === 'search') queries.push({ query: step.query.slice(0, INQUIRY_LIMITS.query), results: step.results, at: iso(step.at) });
    else if (step.type === 'article' && ID.test(step.id)) opened.push({ entry_id: step.id, locale, at: iso(step.at) });
    else if (step.type === 'vote' && ID.test(step.id)) votes.push({ entry_id: step.id, helpful: step.helpful, at: iso(step.at) });
  }
  // The most recent steps matter most when a long session exceeds the limits.
  return {
    queries: queries.slice(-INQUIRY_LIMITS.queries),
    opened: opened.slice(-INQUIRY_LIMITS.opened),
    votes: votes.slice(-INQUIRY_LIMITS.votes),
  };
}

/**
 * The body of `POST /v1/inquiries` for these values. Empty values are left out, so the schema reports a
 * required field as `required`; `attachments` are the upload tokens (the outbox fills in the missing ones).
 */
export function inquiryBody(
  values: FormValues,
  extra: {
    locale: string;
    trail: readonly KotaeTrailStep[];
    diagnostics: { name: string; value: string }[];
    attachments: string[];
    identity: string | null;
    pageUrl?: string;
  },
): InquiryInput {
  const v = (value: string) => (value.trim() ? value.trim() : undefined);
  const started = v(values.started_at) ? new Date(values.started_at) : undefined;
  const contact: Record<string, string | undefined> = {
    name: v(values.name),
    email: v(values.email),
    phone: v(values.phone),
    preferred_method: v(values.preferred_method),
    language: v(values.language),
    time_zone: v(values.time_zone),
  };
  const body: Record<string, unknown> = {
    product: v(values.product),
    resource: v(values.resource),
    problem_type: v(values.problem_type),
    problem_subtype: v(values.problem_subtype),
    severity: v(values.severity),
    plan: v(values.plan),
    summary: v(values.summary),
    description: v(values.description),
    // An unreadable date is passed on as typed, so the schema names the field.
    started_at: started ? (Number.isNaN(started.getTime()) ? values.started_at : started.toISOString()) : undefined,
    attachments: extra.attachments,
    diagnostics: extra.diagnostics,
    contact: dropUndefined(contact),
    identity_token: extra.identity ?? undefined,
    deflection: deflection(extra.trail, extra.locale),
    locale: extra.locale,
    page_url: extra.pageUrl && /^https?:/.test(extra.pageUrl) && extra.pageUrl.length <= INQUIRY_LIMITS.pageUrl ? extra.pageUrl : undefined,
  };
  return dropUndefined(body) as unknown as InquiryInput;
}

function dropUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as T;
}

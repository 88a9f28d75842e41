import { localize, type Inquiry, type LocalizedText, type SiteConfig } from '../../content/schema/index.ts';
import { cleanFileName, hasSafeName, nameForType } from '../file-names.ts';
import type { InquiryDetail } from '../store/inquiry-query.ts';
import { ticketNumber, type InquiryRow, type OutboxMessage } from '../store/store.ts';
import type { AttachmentView, Choice, Choices, DeliveryView, InquirySummary, InquiryView } from './browser/wire.ts';

/**
 * Stored inquiries as the console shows them (browser/wire.ts): config ids resolved to their names in the
 * console's language, times as ISO instants, attachments with their download URL and a safe file name.
 */
export interface ViewContext {
  config: SiteConfig;
  /** Ticket number prefix (`KT`). */
  prefix: string;
  /** The console's language. */
  locale: string;
}

/** A name in `locale`, else in the site's fallback chain for it, else the default locale's. */
function named(ctx: ViewContext, list: ReadonlyArray<{ id: string; name: LocalizedText }> | undefined, id: unknown): Choice | null {
  if (typeof id !== 'string') return null;
  const item = list?.find((x) => x.id === id);
  if (!item) return { id, name: id };
  const chain = ctx.config.locales.available.find((l) => l.code === ctx.locale)?.fallback ?? [];
  return { id, name: localize(item.name, ctx.locale, [...chain, ctx.config.locales.default]) };
}

/** The filters' choices: every product with its problem types, the severities and the plans, named. */
export function choicesView(ctx: ViewContext): Choices {
  const { config } = ctx;
  return {
    products: config.products.map((p) => ({
      ...named(ctx, config.products, p.id)!,
      problemTypes: p.problemTypes.map((t) => named(ctx, p.problemTypes, t.id)!),
    })),
    severities: config.severities.map((s) => named(ctx, config.severities, s.id)!),
    plans: config.plans.map((p) => named(ctx, config.plans, p.id)!),
    timeZone: config.businessHours.timeZone,
  };
}

type Stored = Inquiry & Record<string, unknown>;

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export function summaryView(row: InquiryRow, ctx: ViewContext, messages: readonly OutboxMessage[] = []): InquirySummary {
  const d = row.data as Stored;
  const product = ctx.config.products.find((p) => p.id === row.product);
  return {
    id: row.id,
    number: ticketNumber(ctx.prefix, row.seq),
    receivedAt: iso(row.receivedAt)!,
    state: row.state,
    stateAt: iso(row.stateAt),
    product: named(ctx, ctx.config.products, row.product)!,
    problemType: named(ctx, product?.problemTypes, d.problem_type) ?? { id: '', name: '' },
    severity: named(ctx, ctx.config.severities, row.severity)!,
    plan: named(ctx, ctx.config.plans, row.plan)!,
    summary: String(d.summary ?? ''),
    contactName: String(d.contact?.name ?? ''),
    undelivered: messages
      .filter((m) => m.inquiryId === row.id && m.status !== 'delivered')
      .map((m) => ({ adapter: m.adapter, status: m.status as 'pending' | 'dead' })),
  };
}

/** A file name that is safe to hand a browser: cleaned, and with the extension its detected type has. */
export function safeAttachment(name: string, type: string): { name: string; type: string } {
  const safeType = hasSafeName(type) ? type : 'application/octet-stream';
  return { type: safeType, name: nameForType(cleanFileName(name) ?? 'attachment', safeType) };
}

/** A locale with the language's own name for itself (`日本語`, `English`), as the site config gives it. */
function language(ctx: ViewContext, code: string): Choice {
  return { id: code, name: ctx.config.locales.available.find((l) => l.code === code)?.name ?? code };
}

export function deliveryView(m: OutboxMessage): DeliveryView {
  return {
    adapter: m.adapter,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError,
    nextAttemptAt: m.status === 'pending' ? iso(m.nextAttemptAt) : null,
    deliveredAt: iso(m.deliveredAt),
    result: m.result,
  };
}

export function inquiryView(detail: InquiryDetail, ctx: ViewContext): InquiryView {
  const { row } = detail;
  const d = row.data as Stored & { plan_verified?: boolean; identity?: Record<string, unknown> | null; first_response_due?: string };
  const product = ctx.config.products.find((p) => p.id === row.product);
  const problemType = product?.problemTypes.find((t) => t.id === d.problem_type);
  const stored = (d.attachments ?? []) as unknown as { token: string; name: string; type: string; size: number; sha256: string }[];
  const attachments: AttachmentView[] = stored.map((a) => ({
    token: a.token,
    ...safeAttachment(a.name, a.type),
    size: a.size,
    sha256: a.sha256,
    url: `/admin/api/inquiries/${encodeURIComponent(row.id)}/attachments/${encodeURIComponent(a.token)}`,
  }));
  const deflection = d.deflection ?? { queries: [], opened: [], votes: [] };
  return {
    ...summaryView(row, ctx, detail.outbox),
    resource: named(ctx, product?.resources, d.resource),
    problemSubtype: named(ctx, problemType?.subtypes, d.problem_subtype),
    planVerified: d.plan_verified === true,
    description: String(d.description ?? ''),
    startedAt: d.started_at ?? null,
    firstResponseDue: d.first_response_due ?? iso(row.firstResponseDue),
    contact: {
      name: d.contact.name,
      email: d.contact.email,
      phone: d.contact.phone ?? null,
      preferredMethod: named(ctx, ctx.config.contactMethods, d.contact.preferred_method)!,
      language: language(ctx, d.contact.language),
      timeZone: d.contact.time_zone,
    },
    identity: d.identity ?? null,
    diagnostics: (d.diagnostics ?? []).map(({ name, value }) => ({ name, value })),
    tried: {
      queries: deflection.queries.map((q) => ({ query: q.query, results: q.results ?? null, at: q.at ?? null })),
      opened: deflection.opened.map((o) => ({ entryId: o.entry_id, locale: o.locale ?? null, at: o.at ?? null })),
      votes: deflection.votes.map((v) => ({ entryId: v.entry_id, helpful: v.helpful, at: v.at ?? null })),
    },
    locale: language(ctx, d.locale),
    pageUrl: d.page_url ?? null,
    clientVersion: d.client_version ?? null,
    attachments,
    history: detail.history.map((h) => ({ state: h.state, at: iso(h.at)!, source: h.source })),
    deliveries: detail.outbox.map(deliveryView),
  };
}

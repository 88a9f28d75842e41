import { localize, type Inquiry, type SiteConfig } from '../content/schema/index.ts';
import type { FirstResponseDue } from '../content/business-hours.ts';
import { cleanFileName, hasSafeName, nameForType } from './file-names.ts';
import type { VerifiedIdentity } from './identity.ts';
import { ticketNumber, type InquiryRow, type StoredInquiryData, type UploadRecord } from './store/store.ts';
import type { Clock } from '../content/schema/config.ts';

/** The stored form of an accepted inquiry (see `storedInquiryData`). */
export type StoredInquiry = Omit<Inquiry, 'identity_token' | 'website' | 'plan' | 'attachments'> & {
  plan: string;
  plan_verified: boolean;
  identity: ({ verified: true } & VerifiedIdentity) | null;
  attachments: Pick<UploadRecord, 'token' | 'name' | 'type' | 'size' | 'sha256'>[];
  received_at: string;
  first_response_due: string;
  first_response: { minutes: number; clock: Clock };
};

/**
 * What is stored for an accepted inquiry and what support receives: the validated inquiry without the
 * identity token and honeypot, the verified identity claims instead of the token, attachment metadata and
 * the first-response promise made to the customer.
 */
export function storedInquiryData(input: {
  inquiry: Inquiry;
  plan: string;
  planVerified: boolean;
  identity: VerifiedIdentity | undefined;
  attachments: readonly UploadRecord[];
  receivedAt: Date;
  due: FirstResponseDue;
}): StoredInquiry & StoredInquiryData {
  const { identity_token: _token, website: _honeypot, plan: _claimedPlan, attachments: _tokens, ...inquiry } = input.inquiry;
  return {
    ...inquiry,
    plan: input.plan,
    plan_verified: input.planVerified,
    identity: input.identity ? { verified: true, ...input.identity } : null,
    attachments: input.attachments.map(({ token, name, type, size, sha256 }) => ({ token, name, type, size, sha256 })),
    received_at: input.receivedAt.toISOString(),
    first_response_due: input.due.due.toISOString(),
    first_response: { minutes: input.due.minutes, clock: input.due.clock },
  };
}

/** A config item shown to support: its id and its name in the site's default locale. */
export interface Named {
  id: string;
  name: string;
}

export interface AttachmentMeta {
  token: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
}

/** The inquiry as adapters forward it. */
export interface ForwardedInquiry {
  id: string;
  number: string;
  received_at: string;
  first_response_due: string;
  first_response: { minutes: number; clock: Clock };
  product: Named;
  resource: Named | null;
  problem_type: Named;
  problem_subtype: Named | null;
  severity: Named;
  plan: Named & { verified: boolean };
  summary: string;
  description: string;
  started_at: string | null;
  contact: Inquiry['contact'];
  identity: (VerifiedIdentity & { verified: true }) | null;
  attachments: AttachmentMeta[];
  diagnostics: Inquiry['diagnostics'];
  deflection: Inquiry['deflection'];
  locale: string;
  page_url: string | null;
  client_version: string | null;
}

/** Resolves a stored inquiry against the site config for forwarding; names in the site's default locale. */
export function forwardedInquiry(row: InquiryRow, config: SiteConfig, prefix: string): ForwardedInquiry {
  const d = row.data as Record<string, unknown> & Inquiry;
  const locale = config.locales.default;
  const name = (list: ReadonlyArray<{ id: string; name: Parameters<typeof localize>[0] }> | undefined, id: unknown): Named | null =>
    typeof id === 'string' ? { id, name: localize(list?.find((x) => x.id === id)?.name ?? id, locale) } : null;
  const product = config.products.find((p) => p.id === d.product);
  const problemType = product?.problemTypes.find((t) => t.id === d.problem_type);
  return {
    id: row.id,
    number: ticketNumber(prefix, row.seq),
    received_at: String(d.received_at),
    first_response_due: String(d.first_response_due),
    first_response: d.first_response as ForwardedInquiry['first_response'],
    product: name(config.products, d.product)!,
    resource: name(product?.resources, d.resource),
    problem_type: name(product?.problemTypes, d.problem_type)!,
    problem_subtype: name(problemType?.subtypes, d.problem_subtype),
    severity: name(config.severities, d.severity)!,
    plan: { ...name(config.plans, d.plan)!, verified: d.plan_verified === true },
    summary: d.summary,
    description: d.description,
    started_at: d.started_at ?? null,
    contact: d.contact,
    identity: (d.identity as ForwardedInquiry['identity']) ?? null,
    attachments: (d.attachments as unknown as AttachmentMeta[]).map(forwardedAttachment),
    diagnostics: d.diagnostics,
    deflection: d.deflection,
    locale: d.locale,
    page_url: d.page_url ?? null,
    client_version: d.client_version ?? null,
  };
}

/**
 * An attachment as adapters forward it, named by the same rules as a new upload (`file-names.ts`), so an
 * upload stored before those rules cannot reach support as `page.html`; a type without a safe name (active
 * content) goes as opaque bytes, `.bin`.
 */
function forwardedAttachment(a: AttachmentMeta): AttachmentMeta {
  const type = hasSafeName(a.type) ? a.type : 'application/octet-stream';
  return { ...a, type, name: nameForType(cleanFileName(a.name) ?? 'attachment', type) };
}

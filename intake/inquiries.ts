import { randomUUID } from 'node:crypto';
import {
  InquiryCreated,
  InquiryStatusView,
  inquirySchema,
  inquiryFieldErrors,
  type Inquiry,
  type InquiryFieldError,
  type SiteConfig,
} from '../content/schema/index.ts';
import { supportPromise } from '../content/support-promise.ts';
import { bodyHash } from './canonical-json.ts';
import { IdentityError, type IdentityVerifier, type VerifiedIdentity } from './identity.ts';
import { storedInquiryData } from './inquiry-record.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { IntakeSettings } from './settings.ts';
import { statusToken, statusTokenValid } from './status-token.ts';
import { ticketNumber, type InquiryRow, type IntakeStore } from './store/store.ts';

export type SubmitOutcome =
  | { kind: 'created' | 'replayed'; response: InquiryCreated; row: InquiryRow }
  | { kind: 'invalid'; errors: InquiryFieldError[] }
  | { kind: 'honeypot' }
  | { kind: 'identity_required' }
  | { kind: 'identity_invalid'; reason: string }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  | { kind: 'conflict' };

/** `Idempotency-Key`: 8–128 characters of letters, digits and `-_.:` (a UUID fits). */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * Accepting inquiries: validation against the site config, honeypot, identity, idempotency, the
 * first-response promise, and durable storage with the outbox messages. Knows nothing of HTTP.
 */
export class InquiryService {
  private readonly schema;

  constructor(
    private readonly deps: {
      config: SiteConfig;
      settings: IntakeSettings;
      store: IntakeStore;
      verifyIdentity: IdentityVerifier;
      identityLimiter: RateLimiter;
      adapters: readonly string[];
      statusSecret: Buffer;
      onCreated: () => void;
      now?: () => number;
    },
  ) {
    this.schema = inquirySchema(deps.config, deps.now);
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /**
   * Handles one submission. `origin` is the public origin for the status URL; `bearerToken` an identity
   * token from the `Authorization` header (the body's `identity_token` is the other way to send one; two
   * different tokens are refused). Resolves `created` only after the inquiry is durably stored; the same key
   * with the same body resolves `replayed` with the original answer, with another body `conflict`.
   */
  async submit(body: unknown, idempotencyKey: string, origin: string, bearerToken?: string): Promise<SubmitOutcome> {
    const { config, settings, store } = this.deps;
    if (isObject(body) && typeof body.website === 'string' && body.website.trim() !== '') return { kind: 'honeypot' };

    const parsed = this.schema.safeParse(body);
    if (!parsed.success) return { kind: 'invalid', errors: inquiryFieldErrors(parsed.error.issues, body) };
    const inquiry = parsed.data;

    // A retry is answered before the identity token is checked again: it may have expired meanwhile.
    // Without a token there is nothing to re-check, and the insert below detects a retry by itself.
    const hash = bodyHash(body);
    const token = inquiry.identity_token ?? bearerToken;
    if (token !== undefined) {
      const existing = await store.inquiryByKey(idempotencyKey);
      if (existing) return this.replay(existing, hash, origin);
    }
    if (inquiry.identity_token !== undefined && bearerToken !== undefined && bearerToken !== inquiry.identity_token)
      return { kind: 'identity_invalid', reason: 'ambiguous' };

    let identity: VerifiedIdentity | undefined;
    if (token !== undefined) {
      try {
        identity = await this.deps.verifyIdentity(token);
      } catch (error) {
        return { kind: 'identity_invalid', reason: error instanceof IdentityError ? error.reason : 'malformed' };
      }
    } else if (settings.identity.required) return { kind: 'identity_required' };
    if (identity) {
      const wait = this.deps.identityLimiter.take(`${identity.issuer ?? ''}|${identity.sub}`);
      if (wait) return { kind: 'rate_limited', retryAfterSeconds: wait };
    }

    // The plan and the promise, by the rule the widget shows (content/support-promise.ts): a verified plan
    // claim the site knows overrides the form's plan; a plan that requires identity needs that claim; the
    // severity needs a target in the plan.
    const receivedAt = new Date(this.now());
    const outcome = supportPromise(config, { plan: inquiry.plan, severity: inquiry.severity, claim: identity?.plan }, receivedAt);
    if (outcome.refused) return { kind: 'invalid', errors: [{ field: outcome.refused.field, code: outcome.refused.code, params: {} }] };
    const { plan, planVerified, due } = outcome.promise;

    const uploads = inquiry.attachments.length ? await store.uploads(inquiry.attachments) : [];
    const ttl = settings.uploadTtlHours * 3_600_000;
    const missing = inquiry.attachments.flatMap((token, i): InquiryFieldError[] => {
      const upload = uploads.find((u) => u.token === token);
      return upload && upload.createdAt + ttl > Date.now() ? [] : [{ field: `attachments.${i}`, code: 'unknown_upload', params: {} }];
    });
    if (missing.length) {
      // Uploads expire; a retry of a request stored while they were fresh is still a retry.
      const existing = await store.inquiryByKey(idempotencyKey);
      return existing ? this.replay(existing, hash, origin) : { kind: 'invalid', errors: missing };
    }

    const { created, row } = await store.createInquiry(
      {
        id: randomUUID(),
        idempotencyKey,
        bodyHash: hash,
        receivedAt: receivedAt.getTime(),
        firstResponseDue: due.due.getTime(),
        product: inquiry.product,
        severity: inquiry.severity,
        plan,
        locale: inquiry.locale,
        uploadTokens: inquiry.attachments,
        data: storedInquiryData({ inquiry, plan, planVerified, identity, attachments: uploads, receivedAt, due }),
      },
      this.deps.adapters,
    );
    // Another request with the same key won the race; answer as if we had found it first.
    if (!created) return this.replay(row, hash, origin);
    this.deps.onCreated();
    return { kind: 'created', response: this.response(row, origin), row };
  }

  private replay(row: InquiryRow, hash: string, origin: string): SubmitOutcome {
    return row.bodyHash === hash ? { kind: 'replayed', response: this.response(row, origin), row } : { kind: 'conflict' };
  }

  /** The receipt; built through its schema, so a receipt that breaks the documented contract fails loudly. */
  private response(row: InquiryRow, origin: string): InquiryCreated {
    return InquiryCreated.parse({
      id: row.id,
      number: ticketNumber(this.deps.settings.ticketPrefix, row.seq),
      status: 'received',
      first_response_due: new Date(row.firstResponseDue).toISOString(),
      status_url: `${origin}/v1/inquiries/${row.id}?token=${statusToken(this.deps.statusSecret, row.id)}`,
    });
  }

  /** The customer's view of an inquiry, or undefined when the id is unknown or the token does not match. */
  async status(id: string, token: unknown): Promise<InquiryStatusView | undefined> {
    if (!statusTokenValid(this.deps.statusSecret, id, token)) return undefined;
    const row = await this.deps.store.inquiryById(id);
    if (!row) return undefined;
    const data = row.data as Partial<Inquiry>;
    const receivedAt = new Date(row.receivedAt).toISOString();
    const history = [
      { state: 'received' as const, at: receivedAt },
      ...(await this.deps.store.stateHistory(id)).map((c) => ({ state: c.state, at: new Date(c.at).toISOString() })),
    ];
    return InquiryStatusView.parse({
      id: row.id,
      number: ticketNumber(this.deps.settings.ticketPrefix, row.seq),
      status: row.state,
      received_at: receivedAt,
      first_response_due: new Date(row.firstResponseDue).toISOString(),
      summary: data.summary ?? '',
      product: row.product,
      severity: row.severity,
      locale: row.locale,
      history,
    });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

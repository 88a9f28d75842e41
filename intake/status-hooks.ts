import { createHmac, timingSafeEqual } from 'node:crypto';
import { StatusHookEvent, ZendeskTicketEvent, ZendeskTriggerBody, type InquiryState, type StatusHookAnswer } from '../content/schema/index.ts';
import type { Logger } from './log.ts';
import type { IntakeSettings } from './settings.ts';
import { checkWebhook } from './standard-webhooks.ts';
import type { InquiryRow, IntakeStore } from './store/store.ts';

/**
 * Status hooks: a helpdesk tells the intake where an inquiry is (in progress, waiting for the customer,
 * solved), and the customer's status page shows it. Two doors, each served only when its secret is set:
 *
 * - `POST /v1/hooks/zendesk`: a Zendesk webhook, signed as Zendesk signs (`X-Zendesk-Webhook-Signature` =
 *   base64 of HMAC-SHA256 under the webhook's signing secret of `X-Zendesk-Webhook-Signature-Timestamp` +
 *   the raw body). The body is an event-subscription event (`zen:event-type:ticket.status_changed`) or the
 *   trigger body of intake/README.md. The ticket is found by its `external_id` (the inquiry number the
 *   Zendesk adapter sets), else by the ticket id the outbox recorded when it created the ticket.
 * - `POST /v1/hooks/status`: any helpdesk, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 *   `webhook-signature`), with the body `StatusHookEvent`.
 *
 * Both check the signature on the raw bytes before parsing anything, refuse a timestamp further than
 * `hooks.toleranceSeconds` from our clock (a replay), and record the state under the sender's event id, so
 * the same event delivered twice changes nothing. Knows nothing of HTTP.
 */

/** Largest hook body read: Zendesk's ticket events are a few KB. */
export const HOOK_MAX_BYTES = 64 * 1024;

/** Zendesk ticket status (or a custom status's category) → Kotae state. */
export const ZENDESK_STATES: Readonly<Record<string, Exclude<InquiryState, 'received'>>> = {
  new: 'forwarded',
  open: 'in_progress',
  pending: 'waiting',
  hold: 'in_progress',
  solved: 'solved',
  closed: 'solved',
};

export type HookOutcome =
  | { kind: 'answered'; answer: StatusHookAnswer }
  | { kind: 'not_configured' }
  | { kind: 'bad_signature'; reason: 'missing' | 'mismatch' | 'stale' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unknown_inquiry' };

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Whether `signature` is Zendesk's signature of `body` at `timestamp` (ISO 8601, as Zendesk sends it) under
 * `secret`, made within `toleranceSeconds` of `now`.
 */
export function verifyZendeskSignature(
  secret: string,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  now = Date.now(),
  toleranceSeconds = 300,
): 'ok' | 'missing' | 'mismatch' | 'stale' {
  if (!signature || !timestamp) return 'missing';
  const expected = createHmac('sha256', secret).update(timestamp).update(body).digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || Math.abs(now - at) > toleranceSeconds * 1000) return 'stale';
  return 'ok';
}

/** Zendesk's signature headers for `body` (what Zendesk sends; for tests and local trials). */
export function signZendesk(secret: string, body: string, at = new Date()): Record<string, string> {
  const timestamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'x-zendesk-webhook-signature': createHmac('sha256', secret)
      .update(timestamp + body)
      .digest('base64'),
    'x-zendesk-webhook-signature-timestamp': timestamp,
  };
}

export class StatusHooks {
  constructor(
    private readonly deps: {
      settings: IntakeSettings;
      store: IntakeStore;
      log: Logger;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Whether the hook has its secret, i.e. is served at all. */
  configured(hook: 'zendesk' | 'status'): boolean {
    const h = this.deps.settings.hooks;
    return hook === 'zendesk' ? h.zendeskSecret !== undefined : h.statusSecret !== undefined;
  }

  async zendesk(body: Buffer, headers: Headers): Promise<HookOutcome> {
    const { hooks, ticketPrefix } = this.deps.settings;
    if (!hooks.zendeskSecret) return { kind: 'not_configured' };
    const verified = verifyZendeskSignature(
      hooks.zendeskSecret,
      header(headers, 'x-zendesk-webhook-signature'),
      header(headers, 'x-zendesk-webhook-signature-timestamp'),
      body,
      this.now(),
      hooks.toleranceSeconds,
    );
    if (verified !== 'ok') return this.refuse('zendesk', verified);
    const json = parseJson(body);
    // An event subscription's event, or the body of a trigger's webhook action.
    const event = ZendeskTicketEvent.safeParse(json);
    let report: { eventId: string; ticketId: string; externalId: string | null; status: string | undefined; at: number };
    if (event.success) {
      const e = event.data;
      if (e.type !== 'zen:event-type:ticket.status_changed') return this.ignored('zendesk', `event type ${e.type}`);
      report = {
        eventId: e.id,
        ticketId: String(e.detail.id),
        externalId: e.detail.external_id ?? null,
        status: e.event?.current ?? e.detail.status,
        at: Date.parse(e.time),
      };
    } else {
      const trigger = ZendeskTriggerBody.safeParse(json);
      const invocation = header(headers, 'x-zendesk-webhook-invocation-id');
      if (!trigger.success || !invocation || invocation.length > 200)
        return this.invalid('zendesk', trigger.success ? 'no X-Zendesk-Webhook-Invocation-Id' : 'not a ticket event');
      const updated = trigger.data.updated_at ? Date.parse(trigger.data.updated_at) : NaN;
      report = {
        eventId: `invocation:${invocation}`,
        ticketId: String(trigger.data.ticket_id),
        externalId: trigger.data.external_id || null,
        status: trigger.data.status,
        at: Number.isNaN(updated) ? this.now() : updated,
      };
    }
    const state = ZENDESK_STATES[(report.status ?? '').trim().toLowerCase()];
    if (!state) return this.ignored('zendesk', `status ${String(report.status).slice(0, 40)}`);
    // The Tickets API gets the inquiry number as external_id; the Requests API sets none, so the ticket id
    // the outbox recorded when Zendesk created the ticket names the inquiry then.
    const seq = report.externalId ? new RegExp(`^${ticketPrefix}-([0-9]{6,15})$`).exec(report.externalId.trim())?.[1] : undefined;
    const row =
      (seq ? await this.deps.store.inquiryBySeq(Number(seq)) : undefined) ?? (await this.deps.store.inquiryByDelivery('zendesk', `zendesk:${report.ticketId}`));
    return this.record('zendesk', row, state, report.at, `zendesk:${report.eventId}`);
  }

  async status(body: Buffer, headers: Headers): Promise<HookOutcome> {
    const { hooks, ticketPrefix } = this.deps.settings;
    if (!hooks.statusSecret) return { kind: 'not_configured' };
    const verified = checkWebhook(hooks.statusSecret, headers, body.toString('utf8'), this.now(), hooks.toleranceSeconds);
    if (verified !== 'ok') return this.refuse('status', verified);
    const id = header(headers, 'webhook-id')!;
    if (id.length > 200) return this.invalid('status', 'webhook-id longer than 200 characters');
    const parsed = StatusHookEvent.safeParse(parseJson(body));
    if (!parsed.success) return this.invalid('status', parsed.error.issues[0]?.path.join('.') || 'body');
    const event = parsed.data;
    let row: InquiryRow | undefined;
    if ('inquiry_id' in event) row = await this.deps.store.inquiryById(event.inquiry_id);
    else {
      const [prefix, digits] = event.number.split('-') as [string, string];
      row = prefix === ticketPrefix ? await this.deps.store.inquiryBySeq(Number(digits)) : undefined;
    }
    const at = event.at ? Date.parse(event.at) : this.now();
    return this.record('status', row, event.state, at, `status-hook:${id}`);
  }

  private async record(hook: string, row: InquiryRow | undefined, state: InquiryState, at: number, eventId: string): Promise<HookOutcome> {
    const { log, store } = this.deps;
    if (!row) {
      log.info('hook.unknown_inquiry', { hook, event_id: eventId });
      return { kind: 'unknown_inquiry' };
    }
    // A report from the future would stay the current state until the future came: it counts as now.
    const outcome = await store.recordState({ inquiryId: row.id, state, at: Math.min(at, this.now()), source: hook, eventId });
    if (outcome === 'unknown') return { kind: 'unknown_inquiry' };
    const current = (await store.inquiryById(row.id))?.state ?? row.state;
    log.info('hook.state', { hook, inquiry_id: row.id, state, outcome, current, event_id: eventId });
    return { kind: 'answered', answer: { outcome, status: current } };
  }

  private refuse(hook: string, reason: 'missing' | 'mismatch' | 'stale'): HookOutcome {
    this.deps.log.warn('hook.refused', { hook, reason });
    return { kind: 'bad_signature', reason };
  }

  private invalid(hook: string, reason: string): HookOutcome {
    this.deps.log.warn('hook.invalid', { hook, reason });
    return { kind: 'invalid', reason };
  }

  private ignored(hook: string, reason: string): HookOutcome {
    this.deps.log.info('hook.ignored', { hook, reason });
    return { kind: 'answered', answer: { outcome: 'ignored' } };
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';
import { EVENT_BATCH_MAX } from './events.ts';
import { UploadToken } from './inquiry.ts';
import { FILE_NAME_MAX } from './file-name.ts';

/**
 * The bodies the intake answers with, as zod schemas: the receipt of `POST /v1/inquiries`, the customer's
 * status view, the upload receipt, health and readiness, and the one error shape every 4xx/5xx answer has.
 * The intake builds each body through these schemas (a body that does not parse is a bug, and the tests
 * see it as a 500), `intake/openapi.ts` turns them into the OpenAPI components, and the widget can infer its
 * receipt types from them. Like `inquiry.ts`, this module depends on zod only.
 */

/** An ISO 8601 UTC instant as `Date#toISOString()` writes it: `2026-11-30T07:00:00.000Z`. */
const Instant = z.iso.datetime();

/** `KT-000042`: the operator's prefix (`ticketPrefix`), a dash and at least six digits. */
export const TicketNumber = z.string().regex(/^[A-Z][A-Z0-9]{0,7}-[0-9]{6,}$/);

/** The answer to an accepted `POST /v1/inquiries`; a repeated request gets the same body again. */
export const InquiryCreated = z
  .object({
    id: z.uuid(),
    /** The ticket number to quote to support. */
    number: TicketNumber,
    status: z.literal('received'),
    /** When support promises a first response (the site's first-response target for severity and plan). */
    first_response_due: Instant,
    /** The customer's private link to the status: `GET /v1/inquiries/{id}?token=…`. */
    status_url: z.url({ protocol: /^https?$/ }),
  })
  .strict();
export type InquiryCreated = z.infer<typeof InquiryCreated>;

/**
 * Where an inquiry is, as the customer reads it: `received` (stored, being forwarded), `forwarded` (every
 * destination has it), then what the helpdesk reports through its status hook: `in_progress` (someone works
 * on it), `waiting` (support waits for the customer), `solved`.
 */
export const InquiryState = z.enum(['received', 'forwarded', 'in_progress', 'waiting', 'solved']);
export type InquiryState = z.infer<typeof InquiryState>;

/** What the customer sees at their `status_url`. */
export const InquiryStatusView = z
  .object({
    id: z.uuid(),
    number: TicketNumber,
    /** The current state: the last entry of `history`. */
    status: InquiryState,
    received_at: Instant,
    first_response_due: Instant,
    summary: z.string(),
    product: z.string(),
    severity: z.string(),
    /** The locale the inquiry was written in: the status page's language. */
    locale: z.string(),
    /** What has happened so far, oldest first. `status` is the latest a helpdesk reported, whenever it arrived. */
    history: z.array(z.object({ state: InquiryState, at: Instant }).strict()).min(1),
  })
  .strict();
export type InquiryStatusView = z.infer<typeof InquiryStatusView>;

/** The answer to `POST /v1/uploads`: reference `token` in the inquiry's `attachments` before `expires_at`. */
export const UploadReceipt = z
  .object({
    token: UploadToken,
    /** The file name as it will be shown to support (last path segment, control characters removed). */
    name: z.string().min(1).max(FILE_NAME_MAX),
    /** The media type decided from the file's bytes (never the declared one). */
    type: z.string().min(1),
    size: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    expires_at: Instant,
  })
  .strict();
export type UploadReceipt = z.infer<typeof UploadReceipt>;

/**
 * The answer to `POST /v1/events` (202): how many events of the batch were stored. The batch is stored whole
 * or not at all; `0` when the browser sent a privacy signal the site honours (the batch is dropped unread).
 */
export const EventsAccepted = z
  .object({
    accepted: z.number().int().min(0).max(EVENT_BATCH_MAX),
  })
  .strict();
export type EventsAccepted = z.infer<typeof EventsAccepted>;

/** The stores the intake can run on. */
export const StoreKind = z.enum(['sqlite', 'postgres']);

/** `GET /healthz` 200: the process answers and its store is reachable, with the forwarding queue's counts. */
export const Health = z
  .object({
    status: z.literal('ok'),
    store: StoreKind,
    /** Forwarding messages by state: waiting (or retrying), delivered, given up after the last attempt. */
    outbox: z.object({ pending: z.number().int().min(0), delivered: z.number().int().min(0), dead: z.number().int().min(0) }).strict(),
  })
  .strict();
export type Health = z.infer<typeof Health>;

/** `GET /healthz` 503: the store did not answer. */
export const HealthUnavailable = z.object({ status: z.literal('unavailable'), store: StoreKind }).strict();
export type HealthUnavailable = z.infer<typeof HealthUnavailable>;

/** `GET /readyz` 200: the store took a write and read it back, and the uploads folder took a file. */
export const Ready = z.object({ status: z.literal('ready'), store: StoreKind }).strict();
export type Ready = z.infer<typeof Ready>;

/**
 * `GET /readyz` 503: what could not be written (`store` or `uploads`) and why, as a short code (`SQLITE_FULL`,
 * `ENOSPC`, PostgreSQL's SQLSTATE such as `25006` for a read-only database, `timeout`), never a message
 * with internals.
 */
export const NotReady = z
  .object({
    status: z.literal('unavailable'),
    store: StoreKind,
    failed: z.enum(['store', 'uploads']),
    reason: z.string().regex(/^[A-Za-z0-9_]{1,40}$/),
  })
  .strict();
export type NotReady = z.infer<typeof NotReady>;

/**
 * Every code an error body can carry. Stable: clients branch on `error`, people read `message`.
 * Each HTTP status answers with a documented subset (see `ERRORS_BY_STATUS`).
 */
export const API_ERROR_CODES = [
  'invalid_inquiry',
  'invalid_events',
  'invalid_json',
  'missing_idempotency_key',
  'rejected',
  'identity_required',
  'identity_invalid',
  'origin_not_allowed',
  'insights_disabled',
  'not_found',
  'method_not_allowed',
  'idempotency_conflict',
  'body_too_large',
  'upload_too_large',
  'unsupported_media_type',
  'upload_type_not_allowed',
  'upload_type_mismatch',
  'upload_empty',
  'upload_bad_name',
  'malformed_url',
  'rate_limited',
  'internal',
  'unavailable',
  'invalid_signature',
  'invalid_status_event',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

/** The codes of one field-level problem (`inquiryFieldErrors()` and the intake's own checks). */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'invalid_email',
  'invalid_url',
  'invalid_datetime',
  'invalid_format',
  'invalid_choice',
  'unknown_choice',
  'unknown_field',
  'severity_not_in_plan',
  'plan_requires_identity',
  'required_for_phone',
  'duplicate',
  'in_future',
  'invalid_time_zone',
  'unknown_upload',
] as const;

/** One field-level problem of an inquiry, translated. */
export const FieldError = z
  .object({
    /** Dotted path of the field, e.g. `contact.email` or `attachments.0`; `(body)` for the body itself. */
    field: z.string().min(1),
    code: z.enum(FIELD_ERROR_CODES),
    /** Values for the message, e.g. `{ "maximum": 200 }`. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
    /** The field's name in the answer's language. */
    label: z.string(),
    /** What is wrong, in the answer's language. */
    message: z.string().min(1),
  })
  .strict();
export type FieldError = z.infer<typeof FieldError>;

/** The codes of answers that name fields (`ValidationError`, `EventsValidationError`) rather than being an `ApiError`. */
export type FieldErrorsCode = 'invalid_inquiry' | 'invalid_events';
/** Every code a plain `ApiError` body can carry. */
export type PlainErrorCode = Exclude<ApiErrorCode, FieldErrorsCode>;

/** The body of every error answer except invalid fields (a `ValidationError` or an `EventsValidationError`). */
export const ApiError = z
  .object({
    /** Stable code to branch on. */
    error: ApiErrorCode.exclude(['invalid_inquiry', 'invalid_events']),
    /** For people, in the request's language (the body's `locale`, else `Accept-Language`, else the site's default). */
    message: z.string().min(1),
    /** Only on 5xx: quote it to the operator, who finds the failure in the logs by it. */
    request_id: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional(),
  })
  .strict();
export type ApiError = z.infer<typeof ApiError>;

/** A 400 answer to an inquiry whose fields do not validate: one entry per field, first problem first. */
export const ValidationError = z
  .object({
    error: z.literal('invalid_inquiry'),
    message: z.string().min(1),
    fields: z.array(FieldError).min(1),
  })
  .strict();
export type ValidationError = z.infer<typeof ValidationError>;

/** A 400 answer to an event batch that does not validate: one entry per field (`events.3.query`), first problem first. */
export const EventsValidationError = ValidationError.extend({ error: z.literal('invalid_events') }).strict();
export type EventsValidationError = z.infer<typeof EventsValidationError>;

/** Which error codes each status answers with, so the document can narrow `Error.error` per response. */
export const ERRORS_BY_STATUS = {
  400: ['invalid_json', 'missing_idempotency_key', 'rejected', 'upload_empty', 'upload_bad_name', 'malformed_url', 'invalid_status_event'],
  401: ['identity_required', 'identity_invalid', 'invalid_signature'],
  403: ['origin_not_allowed', 'insights_disabled'],
  404: ['not_found'],
  405: ['method_not_allowed'],
  409: ['idempotency_conflict'],
  413: ['body_too_large', 'upload_too_large'],
  415: ['unsupported_media_type', 'upload_type_not_allowed', 'upload_type_mismatch'],
  429: ['rate_limited'],
  500: ['internal'],
  503: ['unavailable'],
} as const satisfies Record<number, readonly PlainErrorCode[]>;

/**
 * The body of `POST /v1/hooks/status`: a helpdesk reports a state of one inquiry, named by its `inquiry_id`
 * (from the webhook the intake sent) or its ticket `number`. `at` is when it happened (default: when the
 * hook arrives; a time in the future counts as now); the latest `at` decides the current state.
 */
const HookState = InquiryState.exclude(['received']);
const HookFields = { state: HookState, at: Instant.optional() };
export const StatusHookEvent = z.union([
  z.object({ inquiry_id: z.uuid(), ...HookFields }).strict(),
  z.object({ number: TicketNumber, ...HookFields }).strict(),
]);
export type StatusHookEvent = z.infer<typeof StatusHookEvent>;

/**
 * What `POST /v1/hooks/zendesk` reads of a Zendesk event-subscription webhook
 * (`zen:event-type:ticket.status_changed`): the event id, when it happened, the ticket and its new status.
 * Zendesk sends more fields; they are ignored.
 */
export const ZendeskTicketEvent = z.looseObject({
  type: z.string().startsWith('zen:event-type:'),
  id: z.string().min(1).max(200),
  time: z.iso.datetime({ offset: true }),
  detail: z.looseObject({
    id: z.union([z.string().min(1).max(40), z.number().int()]),
    status: z.string().max(40).optional(),
    external_id: z.string().max(255).nullish(),
  }),
  event: z.looseObject({ current: z.string().max(40).optional(), previous: z.string().max(40).optional() }).optional(),
});
export type ZendeskTicketEvent = z.infer<typeof ZendeskTicketEvent>;

/**
 * The JSON body an operator gives a Zendesk trigger's webhook action instead (see intake/README.md):
 * `{"ticket_id": "{{ticket.id}}", "external_id": "{{ticket.external_id}}", "status": "{{ticket.status}}", "updated_at": "{{ticket.updated_at_with_timestamp}}"}`.
 * Its event id is the request's `X-Zendesk-Webhook-Invocation-Id`.
 */
export const ZendeskTriggerBody = z.looseObject({
  ticket_id: z.union([z.string().regex(/^[0-9]{1,20}$/), z.number().int()]),
  status: z.string().min(1).max(40),
  external_id: z.string().max(255).nullish(),
  updated_at: z.string().max(60).optional(),
});
export type ZendeskTriggerBody = z.infer<typeof ZendeskTriggerBody>;

/**
 * The answer to a status hook that was verified: `recorded` (in the history; the current state if it is the
 * latest), `duplicate` (this event id was seen before), `unchanged` (the inquiry is in that state already),
 * `ignored` (an event that reports no state Kotae knows, e.g. another Zendesk event type). `status` is the
 * inquiry's current state afterwards.
 */
export const StatusHookAnswer = z
  .object({
    outcome: z.enum(['recorded', 'duplicate', 'unchanged', 'ignored']),
    status: InquiryState.optional(),
  })
  .strict();
export type StatusHookAnswer = z.infer<typeof StatusHookAnswer>;

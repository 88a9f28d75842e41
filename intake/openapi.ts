import { z } from 'zod';
import {
  ApiError,
  ERRORS_BY_STATUS,
  EVENT_BATCH_MAX,
  EVENT_BATCH_MAX_BYTES,
  EventBatch,
  EventsAccepted,
  EventsValidationError,
  FieldError,
  Health,
  HealthUnavailable,
  InquiryCreated,
  InquiryShape,
  InquiryStatusView,
  NotReady,
  Ready,
  StatusHookAnswer,
  StatusHookEvent,
  UploadReceipt,
  ValidationError,
  ZendeskTicketEvent,
  ZendeskTriggerBody,
  type SiteConfig,
} from '../content/schema/index.ts';
import { FILE_NAME_MAX } from '../content/schema/file-name.ts';
import { severitiesFor } from '../content/support-promise.ts';
import { IDEMPOTENCY_KEY } from './inquiries.ts';
import { HOOK_MAX_BYTES, ZENDESK_STATES } from './status-hooks.ts';

/**
 * The OpenAPI 3.1 description served at `GET /v1/openapi.json`, generated from the zod schemas the intake
 * validates requests with and builds its answers through (`content/schema/inquiry.ts`, `intake-api.ts`), with
 * this site's ids as enums. What JSON Schema can say, it says: the product decides the resources and problem
 * types (`if`/`then`), the plan decides the severities, a call-back needs a phone number. What it cannot say
 * (a start time not in the future, upload tokens that exist, a signed identity token) the descriptions state;
 * `test/intake/openapi.test.ts` holds the document to both, request and response side.
 */

export interface OpenApiOptions {
  /** The public origin (`publicUrl`), else the site config's `intake.url`. */
  serverUrl?: string | undefined;
  /** `maxBodyBytes`: the largest JSON body. */
  maxBodyBytes: number;
  /** Whether identity tokens can be verified, and whether this instance requires one. */
  identity: { configured: boolean; required: boolean };
}

type Json = Record<string, unknown>;
type JsonSchema = Json & { properties?: Record<string, JsonSchema>; required?: string[] };

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonContent = (schema: unknown) => ({ 'application/json': { schema } });
const uniq = (xs: readonly string[]) => [...new Set(xs)];

/** Every IANA zone name the server's time-zone database lists (ICU's canonical names), and `UTC`. */
export function documentedTimeZones(): string[] {
  return uniq([...Intl.supportedValuesOf('timeZone'), 'UTC']).sort();
}

/**
 * A conservative `page_url`: the intake parses it with the WHATWG URL parser (http or https); the documented
 * pattern is the subset that parser always accepts (ASCII host names whose last label starts with a letter, or
 * dotted IPv4, ports below 10000, RFC 3986 characters after the host).
 */
const PAGE_URL =
  "^[Hh][Tt][Tt][Pp][Ss]?://(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]))(?::[0-9]{1,4})?(?:[/?#](?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$";

/**
 * A plain file name: letters (of any script), digits, spaces and a few punctuation marks, with at least one
 * letter or digit that survives the intake's cleaning (`Lo` letters only from Han, Hiragana and Katakana, since
 * the Hangul fillers are invisible and removed).
 */
const FILE_NAME =
  "^[\\p{L}\\p{N} ._()\\[\\]+,=@#&'!~-]*[\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{N}\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}][\\p{L}\\p{N} ._()\\[\\]+,=@#&'!~-]*$";

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** `schema` with some properties replaced: a site's enum, or a reference to a component instead of its copy. */
function withProperties(schema: JsonSchema, properties: Record<string, JsonSchema>): JsonSchema {
  return { ...schema, properties: { ...schema.properties, ...properties } };
}

/** The inquiry body: the shared shape, plus what the site config and the server's clock and zones decide. */
function inquirySchema(config: SiteConfig): JsonSchema {
  const schema = toJsonSchema(InquiryShape, 'input');
  const props = schema.properties!;
  const contact = props.contact!.properties!;
  const ids = (list: ReadonlyArray<{ id: string }>) => uniq(list.map((x) => x.id));
  const oneOf = (values: readonly string[]): JsonSchema | false => (values.length ? { enum: [...values] } : false);
  const set = (target: JsonSchema, extra: Json) => Object.assign(target, extra);
  const locales = config.locales.available.map((l) => l.code);

  set(props.product!, { enum: ids(config.products), description: "One of the site's products." });
  set(props.resource!, {
    enum: uniq(config.products.flatMap((p) => ids(p.resources))),
    description: "Which of the product's resources (instance, device…) is affected; one of the chosen product's resources.",
  });
  set(props.problem_type!, { enum: uniq(config.products.flatMap((p) => ids(p.problemTypes))), description: "One of the chosen product's problem types." });
  set(props.problem_subtype!, {
    enum: uniq(config.products.flatMap((p) => p.problemTypes.flatMap((t) => ids(t.subtypes)))),
    description: "One of the chosen problem type's subtypes.",
  });
  set(props.severity!, { enum: ids(config.severities), description: 'A severity the plan has a first-response target for.' });
  const identityPlans = config.plans.filter((p) => p.requiresIdentity).map((p) => `\`${p.id}\``);
  set(props.plan!, {
    enum: ids(config.plans),
    description:
      "The customer's support plan. A verified identity token's `plan` claim, when the site knows that plan, takes precedence (and must then allow the severity)." +
      (identityPlans.length
        ? ` Plans that require identity (${identityPlans.join(', ')}) can be chosen only with an identity token (in \`identity_token\` or as the \`identityToken\` scheme) whose \`plan\` claim names the plan; otherwise 400 \`plan_requires_identity\`.`
        : ''),
  });
  set(props.locale!, { enum: locales, description: 'The locale the widget was shown in; error messages are given in it.' });
  set(props.summary!, { description: 'One line. White space around it is trimmed.' });
  set(props.description!, { description: 'What happened, what was expected, what was tried. White space around it is trimmed.' });
  set(props.started_at!, { description: "When the problem started; at most 5 minutes after the server's clock (`in_future` otherwise)." });
  set(props.attachments!, {
    maxItems: config.attachments.maxFiles,
    uniqueItems: true,
    description: `Tokens from \`POST /v1/uploads\` that have not expired (\`unknown_upload\` otherwise), at most ${config.attachments.maxFiles}, each once.`,
  });
  set(props.identity_token!, {
    description:
      "A JWT the host application's server signed for its signed-in user (see the `identityToken` scheme, which may carry it instead). Verified before the inquiry is stored: a token that does not verify answers 401 `identity_invalid`.",
  });
  set(props.page_url!, { pattern: PAGE_URL, description: 'The page the widget was opened on (http or https).' });
  set(props.client_version!, { description: "The widget's version." });
  set(props.website!, {
    description: 'Honeypot: leave empty or absent. A form field hidden from people; anything but white space in it marks the sender as a bot (400 `rejected`).',
  });
  set(props.diagnostics!, { description: 'Named diagnostic data the customer saw and agreed to send.' });
  set(props.deflection!, { description: 'What the customer tried before asking: searches, entries opened, votes.' });

  set(props.contact!, { description: 'How and in which language and time zone support answers.' });
  set(contact.preferred_method!, { enum: ids(config.contactMethods), description: "One of the site's contact methods; `phone` needs `phone`." });
  set(contact.language!, { enum: locales, description: "The language to be answered in; one of the site's locales." });
  set(contact.time_zone!, {
    enum: documentedTimeZones(),
    description:
      "The customer's IANA time zone, for call-backs and for showing times. Listed are the canonical names of the server's time-zone database; their links (aliases such as `Asia/Kolkata` for `Asia/Calcutta`) are accepted too.",
  });
  set(contact.phone!, { description: 'Digits with an optional leading `+` and the separators `()-. `; 5 to 32 characters once trimmed.' });
  set(props.contact!, {
    if: { properties: { preferred_method: { const: 'phone' } }, required: ['preferred_method'] },
    then: { properties: { phone: { minLength: 1 } }, required: ['phone'] },
  });

  // The dependencies between fields, as conditions in the order a form asks: product, problem type, plan.
  const conditions: Json[] = [];
  for (const product of config.products) {
    conditions.push({
      if: { properties: { product: { const: product.id } }, required: ['product'] },
      then: { properties: { resource: oneOf(ids(product.resources)), problem_type: oneOf(ids(product.problemTypes)) } },
    });
  }
  for (const product of config.products)
    for (const type of product.problemTypes)
      conditions.push({
        if: { properties: { product: { const: product.id }, problem_type: { const: type.id } }, required: ['product', 'problem_type'] },
        then: { properties: { problem_subtype: oneOf(ids(type.subtypes)) } },
      });
  // A plan that requires identity needs a token (whose `plan` claim must name it: the plan's description says so).
  for (const plan of config.plans)
    conditions.push({
      if: { properties: { plan: { const: plan.id } }, required: ['plan'] },
      then: plan.requiresIdentity
        ? { properties: { severity: oneOf(severitiesFor(config, plan.id).map((s) => s.id)), identity_token: { minLength: 1 } }, required: ['identity_token'] }
        : { properties: { severity: oneOf(severitiesFor(config, plan.id).map((s) => s.id)) } },
    });
  schema.allOf = conditions;
  schema.description =
    'A structured inquiry. Ids come from the site config: the product decides its resources and problem types, the problem type its subtypes, the plan its severities; a plan that requires identity, an identity token claiming it.';
  return schema;
}

/** An error answer narrowed to the codes this status can carry. */
function errorSchema(status: keyof typeof ERRORS_BY_STATUS, codes: readonly string[] = ERRORS_BY_STATUS[status]): Json {
  // A 5xx carries the request id to quote; a 4xx is the client's to fix and has none.
  const narrow =
    status >= 500
      ? { properties: { error: { enum: [...codes] }, request_id: { type: 'string' } }, required: ['request_id'] }
      : { properties: { error: { enum: [...codes] }, request_id: false } };
  return { allOf: [ref('Error'), narrow] };
}

const requestIdHeader = { $ref: '#/components/headers/X-Request-Id' };

/** A response with the request id header (every answer has one) and an optional JSON body. */
function response(description: string, schema?: unknown, headers: Json = {}): Json {
  return {
    description,
    headers: { 'X-Request-Id': requestIdHeader, ...headers },
    ...(schema === undefined ? {} : { content: jsonContent(schema) }),
  };
}

const errorResponse = (description: string, status: keyof typeof ERRORS_BY_STATUS, codes?: readonly string[], headers: Json = {}) =>
  response(description, errorSchema(status, codes), headers);

/** What both status hooks answer. */
function hookResponses(): Json {
  return {
    '200': response('Verified and handled: `outcome` says what it changed, `status` is the current state.', ref('StatusHookAnswer')),
    '400': errorResponse('`invalid_status_event`: signed, but not a body this hook reads (or not JSON).', 400, ['invalid_status_event']),
    '401': errorResponse('`invalid_signature`: a signature header is missing, no signature matches, or the timestamp is too far from now (a replay).', 401, [
      'invalid_signature',
    ]),
    '403': { $ref: '#/components/responses/OriginNotAllowed' },
    '404': errorResponse('The hook has no secret configured, or the inquiry is unknown (indistinguishable on purpose).', 404),
    '413': errorResponse(`The body is larger than ${HOOK_MAX_BYTES} bytes.`, 413, ['body_too_large']),
    '415': errorResponse('The body is not `application/json`.', 415, ['unsupported_media_type']),
    '500': { $ref: '#/components/responses/Internal' },
  };
}

/** Builds the document for one site and instance. Pure: the same inputs give the same document. */
export function openApiDocument(config: SiteConfig, options: OpenApiOptions): Json {
  const maxUploadBytes = config.attachments.maxBytes;
  const common = {
    '403': { $ref: '#/components/responses/OriginNotAllowed' },
    '500': { $ref: '#/components/responses/Internal' },
  };
  const rateLimited = { '429': { $ref: '#/components/responses/RateLimited' } };
  const langHeader = { $ref: '#/components/parameters/AcceptLanguage' };
  const identityNote = options.identity.required
    ? ' This instance requires a verified identity: without a token the answer is 401 `identity_required`.'
    : options.identity.configured
      ? ' An identity token is optional here; when one is sent, it must verify.'
      : ' This instance verifies no identity tokens: one that is sent answers 401 `identity_invalid`.';

  return {
    openapi: '3.1.0',
    info: {
      title: 'Kotae intake',
      version: '1',
      summary: 'Structured support inquiries and anonymous self-service events from the Kotae widget.',
      description:
        'Receives structured support inquiries from the Kotae widget, stores them durably before answering, promises a first-response time and forwards them to the helpdesk. ' +
        'Also takes the anonymous self-service events (searches, views, votes) the widget and the KB pages send for the insights report.\n\n' +
        "Every answer is JSON with `Cache-Control: no-store` and an `X-Request-Id`. Error bodies carry a stable `error` code and a `message` in the request's language. " +
        'Any request with an `Origin` header the intake does not allow answers 403; a method a path does not offer answers 405 with `Allow` (see the `MethodNotAllowed` response); ' +
        '`HEAD` is answered like `GET`, without a body; `OPTIONS` answers CORS preflights.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: (options.serverUrl ?? config.intake.url).replace(/\/+$/, ''), description: 'This intake' }],
    tags: [
      { name: 'inquiries', description: 'Submitting an inquiry and following it.' },
      { name: 'uploads', description: 'Attachments, uploaded before the inquiry that references them.' },
      { name: 'insights', description: 'Anonymous self-service events from the widget and the KB pages.' },
      { name: 'service', description: 'Health, readiness and this document.' },
      { name: 'hooks', description: "A helpdesk reports an inquiry's state; the customer's status page shows it." },
    ],
    paths: {
      '/v1/inquiries': {
        post: {
          operationId: 'submitInquiry',
          tags: ['inquiries'],
          summary: 'Submit an inquiry',
          description:
            'Idempotent: the same `Idempotency-Key` with the same body answers with the original response (`Idempotent-Replayed: true`) and creates nothing; with a different body it answers 409. ' +
            `The body is JSON of at most ${options.maxBodyBytes} bytes.${identityNote}`,
          security: [{}, { identityToken: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'Created by the client with the draft, e.g. a UUID: 8–128 of `A-Za-z0-9_.:-`. Missing or malformed: 400 `missing_idempotency_key`.',
              schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
            },
            langHeader,
          ],
          requestBody: { required: true, content: jsonContent(ref('Inquiry')) },
          responses: {
            '201': response('Stored durably (also for a repeated request; then `Idempotent-Replayed: true`).', ref('InquiryCreated'), {
              Location: {
                required: true,
                description: "The inquiry's path (its status needs the token of `status_url`).",
                schema: { type: 'string', pattern: '^/v1/inquiries/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
              },
              'Idempotent-Replayed': { description: '`true` when this answers a repeated request.', schema: { type: 'string', enum: ['true'] } },
            }),
            '400': response(
              '`invalid_inquiry` names each invalid field; `invalid_json`: the body is not JSON; `missing_idempotency_key`; `rejected`: the honeypot was filled.',
              { oneOf: [ref('ValidationError'), errorSchema(400, ['invalid_json', 'missing_idempotency_key', 'rejected'])] },
            ),
            '401': errorResponse('The identity token did not verify (`identity_invalid`), or this instance requires one (`identity_required`).', 401, [
              'identity_invalid',
              'identity_required',
            ]),
            ...common,
            '409': errorResponse('The `Idempotency-Key` was used with a different body.', 409),
            '413': errorResponse(`The body is larger than ${options.maxBodyBytes} bytes.`, 413, ['body_too_large']),
            '415': errorResponse('The body is not `application/json`.', 415, ['unsupported_media_type']),
            ...rateLimited,
          },
        },
      },
      '/v1/inquiries/{id}': {
        get: {
          operationId: 'getInquiryStatus',
          tags: ['inquiries'],
          summary: "The customer's view of an inquiry",
          description:
            "Follow the `status_url` of the receipt: it carries the inquiry's id and its `token`. A browser (`Accept: text/html`) gets the customer's status page in the inquiry's language (no referrer sent, never cached, a CSP that allows only the page's own stylesheet and script); `Accept: application/json` gets the JSON.",
          security: [{ statusToken: [] }],
          parameters: [
            { name: 'id', in: 'path', required: true, description: "The inquiry's id (from the receipt).", schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': {
              ...response("The inquiry's state and promise.", ref('InquiryStatus')),
              content: { ...jsonContent(ref('InquiryStatus')), 'text/html': { schema: { type: 'string', description: 'The status page.' } } },
            },
            '400': errorResponse('The path has a malformed percent-escape.', 400, ['malformed_url']),
            '404': errorResponse('Unknown inquiry, or a missing or wrong token (indistinguishable on purpose).', 404),
            ...common,
            ...rateLimited,
          },
        },
      },
      '/v1/assets/status.{kind}': {
        get: {
          operationId: 'getStatusPageAsset',
          tags: ['inquiries'],
          summary: "The status page's stylesheet and script",
          security: [],
          parameters: [{ name: 'kind', in: 'path', required: true, description: '`css` or `js`.', schema: { type: 'string', enum: ['css', 'js'] } }],
          responses: {
            '200': {
              description: 'The file.',
              headers: { 'X-Request-Id': requestIdHeader },
              content: { 'text/css': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } } },
            },
            ...common,
          },
        },
      },
      '/v1/uploads': {
        post: {
          operationId: 'uploadAttachment',
          tags: ['uploads'],
          summary: 'Upload one attachment',
          description:
            `The raw file as the body (not multipart), at most ${maxUploadBytes} bytes. The type is decided from the file's bytes; allowed: ${config.attachments.allowedTypes.join(', ')}. ` +
            `A declared \`Content-Type\` that contradicts the bytes is refused. Reference the returned token in the inquiry's \`attachments\` before \`expires_at\`.`,
          security: [],
          parameters: [
            {
              name: 'filename',
              in: 'query',
              required: true,
              description:
                "The file's name as shown to support. The intake folds it (NFKC), keeps the last path segment, drops invisible and reserved characters and gives it an extension of the type found in the bytes. Documented is a plain name: letters, digits, spaces and `._()[]+,=@#&'!~-`, with at least one letter or digit.",
              schema: { type: 'string', minLength: 1, maxLength: FILE_NAME_MAX, pattern: FILE_NAME },
            },
            langHeader,
          ],
          requestBody: {
            required: true,
            description: `One file of at most ${maxUploadBytes} bytes, of an allowed type. \`Content-Type\` may be left out or \`application/octet-stream\`; any other must match the bytes.`,
            content: Object.fromEntries(
              [...config.attachments.allowedTypes, 'application/octet-stream'].map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]),
            ),
          },
          responses: {
            '201': response('Stored.', ref('UploadReceipt')),
            '400': errorResponse('The file is empty (`upload_empty`) or has no usable name (`upload_bad_name`).', 400, ['upload_empty', 'upload_bad_name']),
            ...common,
            '413': errorResponse(`The file is larger than ${maxUploadBytes} bytes.`, 413, ['upload_too_large']),
            '415': errorResponse("The file's type is not allowed, or it contradicts the declared `Content-Type`.", 415, [
              'upload_type_not_allowed',
              'upload_type_mismatch',
            ]),
            ...rateLimited,
          },
        },
      },
      '/v1/events': {
        post: {
          operationId: 'submitEvents',
          tags: ['insights'],
          summary: 'Send a batch of self-service events',
          description:
            `At most ${EVENT_BATCH_MAX} events and ${EVENT_BATCH_MAX_BYTES} bytes. The batch is stored whole or not at all: one invalid event refuses the batch (400, naming the field). ` +
            'Search queries and vote comments are redacted again before they are stored (emails, card and phone numbers, long digit runs); the client address and user agent are never stored. ' +
            'Sent as `application/json`, or as `text/plain` (what `navigator.sendBeacon` sends without a CORS preflight), the body JSON either way. ' +
            "With `Sec-GPC: 1` or `DNT: 1` and the site's `insights.respectPrivacySignals` on, the batch is dropped unread and the answer is 202 with `accepted: 0`. " +
            "403 `insights_disabled` when the site's `insights.enabled` is off.",
          security: [],
          parameters: [langHeader],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('EventBatch') }, 'text/plain': { schema: ref('EventBatch') } },
          },
          responses: {
            '202': response('Stored (`accepted` events), or dropped for a privacy signal (`accepted: 0`).', ref('EventsAccepted')),
            '400': response(
              '`invalid_events` names each invalid field (`events.3.query`); `invalid_json`: the body is not JSON. Nothing of the batch is stored.',
              {
                oneOf: [ref('EventsValidationError'), errorSchema(400, ['invalid_json'])],
              },
            ),
            '403': errorResponse("`origin_not_allowed`: the request's `Origin` is not allowed; `insights_disabled`: this site collects no events.", 403, [
              'origin_not_allowed',
              'insights_disabled',
            ]),
            '413': errorResponse(`The body is larger than ${EVENT_BATCH_MAX_BYTES} bytes.`, 413, ['body_too_large']),
            '415': errorResponse('The body is neither `application/json` nor `text/plain`.', 415, ['unsupported_media_type']),
            ...rateLimited,
            '500': { $ref: '#/components/responses/Internal' },
          },
        },
      },
      '/v1/hooks/zendesk': {
        post: {
          operationId: 'zendeskStatusHook',
          tags: ['hooks'],
          summary: "Zendesk reports a ticket's status",
          description:
            "A Zendesk webhook, subscribed to the event `zen:event-type:ticket.status_changed` (other events are answered `ignored`) or called by a trigger with the body `ZendeskTriggerBody`. Signed as Zendesk signs: `X-Zendesk-Webhook-Signature` is base64 of HMAC-SHA256, under the webhook's signing secret (setting `hooks.zendeskSecret`), of `X-Zendesk-Webhook-Signature-Timestamp` followed by the raw body. " +
            `The ticket is found by its \`external_id\` (the inquiry number), else by the ticket id Zendesk answered when the intake created it. Statuses map to states: ${Object.entries(
              ZENDESK_STATES,
            )
              .map(([status, state]) => `\`${status}\` → \`${state}\``)
              .join(', ')}; another status is answered \`ignored\`. ` +
            `The event id (the event's \`id\`, or a trigger's \`X-Zendesk-Webhook-Invocation-Id\`) is recorded once: the same event again changes nothing. At most ${HOOK_MAX_BYTES} bytes. ` +
            'Served only when `hooks.zendeskSecret` is set (404 otherwise).',
          security: [{ zendeskSignature: [] }],
          parameters: [
            {
              name: 'X-Zendesk-Webhook-Signature-Timestamp',
              in: 'header',
              required: true,
              description: "When Zendesk signed (ISO 8601); more than `hooks.toleranceSeconds` (300 s by default) from the intake's clock answers 401.",
              schema: { type: 'string' },
            },
            {
              name: 'X-Zendesk-Webhook-Invocation-Id',
              in: 'header',
              required: false,
              description: "Zendesk's id of this invocation: the event id of a trigger's body.",
              schema: { type: 'string', maxLength: 200 },
            },
          ],
          requestBody: { required: true, content: jsonContent({ oneOf: [ref('ZendeskTicketEvent'), ref('ZendeskTriggerBody')] }) },
          responses: hookResponses(),
        },
      },
      '/v1/hooks/status': {
        post: {
          operationId: 'statusHook',
          tags: ['hooks'],
          summary: "A helpdesk reports an inquiry's state",
          description:
            'For any helpdesk that can sign per Standard Webhooks: `webhook-signature` holds one or more space-separated `v1,<base64>` signatures, HMAC-SHA256 under the secret `hooks.statusSecret` (`whsec_` + base64) of `<webhook-id>.<webhook-timestamp>.<raw body>`. ' +
            `\`webhook-id\` is the event id, recorded once: the same event again changes nothing. The latest \`at\` decides the current state; an earlier one goes into the history only. At most ${HOOK_MAX_BYTES} bytes. ` +
            'Served only when `hooks.statusSecret` is set (404 otherwise).',
          security: [{ standardWebhooks: [] }],
          parameters: [
            { name: 'webhook-id', in: 'header', required: true, description: 'The event id.', schema: { type: 'string', minLength: 1, maxLength: 200 } },
            {
              name: 'webhook-timestamp',
              in: 'header',
              required: true,
              description: "Unix seconds when signed; more than `hooks.toleranceSeconds` (300 s by default) from the intake's clock answers 401.",
              schema: { type: 'string', pattern: '^[0-9]+$' },
            },
          ],
          requestBody: { required: true, content: jsonContent(ref('StatusHookEvent')) },
          responses: hookResponses(),
        },
      },
      '/v1/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['service'],
          summary: 'This document',
          security: [],
          responses: {
            '200': response('OpenAPI 3.1', {
              type: 'object',
              properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } },
              required: ['openapi', 'info', 'paths'],
            }),
            ...common,
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'getHealth',
          tags: ['service'],
          summary: 'Liveness and store health',
          security: [],
          responses: {
            '200': response('The process answers and the store is reachable.', ref('Health')),
            ...common,
            '503': response('The store did not answer.', ref('HealthUnavailable')),
          },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          tags: ['service'],
          summary: 'Readiness: can this instance accept an inquiry now?',
          description:
            'Writes to find out: a row in the store, read back, and a small file in the uploads folder. For a load balancer; `/healthz` stays 200 on a full disk. Results are shared for a second, so polling cannot turn it into a write load.',
          security: [],
          responses: {
            '200': response('The store and the uploads folder took a write.', ref('Ready')),
            ...common,
            '503': response('A write failed: `failed` says where, `reason` is a short code (`SQLITE_FULL`, `ENOSPC`, a SQLSTATE, `timeout`).', ref('NotReady')),
          },
        },
      },
    },
    components: {
      schemas: {
        Inquiry: inquirySchema(config),
        InquiryCreated: toJsonSchema(InquiryCreated, 'output'),
        InquiryStatus: toJsonSchema(InquiryStatusView, 'output'),
        UploadReceipt: withProperties(toJsonSchema(UploadReceipt, 'output'), { type: { type: 'string', enum: [...config.attachments.allowedTypes] } }),
        Health: toJsonSchema(Health, 'output'),
        HealthUnavailable: toJsonSchema(HealthUnavailable, 'output'),
        Ready: toJsonSchema(Ready, 'output'),
        NotReady: toJsonSchema(NotReady, 'output'),
        Error: toJsonSchema(ApiError, 'output'),
        ValidationError: withProperties(toJsonSchema(ValidationError, 'output'), { fields: { type: 'array', minItems: 1, items: ref('FieldError') } }),
        FieldError: toJsonSchema(FieldError, 'output'),
        EventBatch: { ...toJsonSchema(EventBatch, 'input'), description: 'Anonymous self-service events; white space around `query` and `text` is trimmed.' },
        EventsAccepted: toJsonSchema(EventsAccepted, 'output'),
        StatusHookEvent: toJsonSchema(StatusHookEvent, 'input'),
        ZendeskTicketEvent: toJsonSchema(ZendeskTicketEvent, 'input'),
        ZendeskTriggerBody: toJsonSchema(ZendeskTriggerBody, 'input'),
        StatusHookAnswer: toJsonSchema(StatusHookAnswer, 'output'),
        EventsValidationError: withProperties(toJsonSchema(EventsValidationError, 'output'), {
          fields: { type: 'array', minItems: 1, items: ref('FieldError') },
        }),
      },
      responses: {
        OriginNotAllowed: errorResponse("The request's `Origin` is not one the intake allows (the site's origin and `corsOrigins`).", 403, [
          'origin_not_allowed',
        ]),
        MethodNotAllowed: errorResponse('The path does not offer this method; `Allow` lists those it does.', 405, undefined, {
          Allow: { required: true, description: 'The methods the path offers, e.g. `GET, HEAD`.', schema: { type: 'string', pattern: '^[A-Z]+(, [A-Z]+)*$' } },
        }),
        RateLimited: errorResponse('Too many requests from this address (or identity); retry after `Retry-After` seconds.', 429, undefined, {
          'Retry-After': { required: true, description: 'Seconds to wait.', schema: { type: 'string', pattern: '^[0-9]+$' } },
        }),
        Internal: errorResponse('Something failed inside; nothing was stored. Quote `request_id` to the operator.', 500),
      },
      parameters: {
        AcceptLanguage: {
          name: 'Accept-Language',
          in: 'header',
          required: false,
          description: 'Language of messages when the body names no known `locale`.',
          schema: { type: 'string' },
        },
      },
      headers: {
        'X-Request-Id': { required: true, description: "Identifies this request in the intake's logs.", schema: { type: 'string', pattern: '^[0-9a-f]{16}$' } },
      },
      securitySchemes: {
        identityToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            "A JWT the host application's server signs for its signed-in user (HS256, RS256 or EdDSA, with `exp` and `sub`; `plan`, `email`, `name` are kept). It may also be sent in the body as `identity_token`, as the widget does.",
        },
        zendeskSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Zendesk-Webhook-Signature',
          description: "Zendesk's webhook signature: base64(HMAC-SHA256(signing secret, X-Zendesk-Webhook-Signature-Timestamp + raw body)).",
        },
        standardWebhooks: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description:
            'Standard Webhooks: `v1,` + base64(HMAC-SHA256(secret bytes, `<webhook-id>.<webhook-timestamp>.<raw body>`)), several separated by spaces.',
        },
        statusToken: {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: "The token of the receipt's `status_url`; it opens that one inquiry only.",
        },
      },
    },
  };
}

import { z } from 'zod';
import { LocaleCode } from './locale.ts';
import { TimeZone, type SiteConfig } from './config.ts';

/**
 * The structured inquiry a customer sends when nothing in the knowledge base answered: the body of
 * `POST /v1/inquiries`. Shared by the intake service (server-side validation) and the widget (client-side
 * validation, in the browser), so this module depends on zod only.
 *
 * Field names are snake_case like the rest of the intake's JSON API. `inquirySchema(config)` adds the checks
 * that need the site config (known product, severity allowed for the plan, attachment limits…);
 * `inquiryFieldErrors()` turns zod issues into `{ field, code, params }` for translated messages.
 */

/** The upper bounds here protect the intake and the helpdesk; they are far above what a person types. */
export const INQUIRY_LIMITS = {
  summary: 200,
  description: 20_000,
  name: 200,
  email: 254,
  phone: 32,
  diagnostics: 50,
  diagnosticName: 100,
  diagnosticValue: 10_000,
  queries: 50,
  query: 500,
  opened: 100,
  votes: 100,
  pageUrl: 2_000,
  clientVersion: 50,
  identityToken: 8_192,
} as const;

const Id = z
  .string()
  .regex(/^[a-z0-9]+([-_][a-z0-9]+)*$/)
  .max(80);

/**
 * Text a person types: trimmed, then 1 to `max` characters. The JSON Schema (OpenAPI) of it says "contains a
 * non-space character" (`\S`), because a schema sees the value before trimming: three spaces are not a summary.
 */
const TypedText = (max: number) => z.string().trim().min(1).max(max).meta({ pattern: '\\S' });

/**
 * A phone number: `+` (optional), a digit, then digits and `()-. ` separators, ending in a non-space, 5 to 32
 * characters in all. Surrounding white space is allowed and trimmed: the pattern says so itself, so that a
 * JSON Schema validator, which sees the untrimmed value, accepts exactly what the intake accepts.
 */
const PHONE = /^\s*\+?[0-9][0-9 ()\-.]{3,29}[0-9()\-.]\s*$/;

/** A token returned by `POST /v1/uploads`: 32 base64url characters (24 random bytes). */
export const UploadToken = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** An ISO 8601 date-time with an offset or `Z`, e.g. `2026-11-24T09:30:00+09:00`. */
const DateTime = z.iso.datetime({ offset: true });

const HttpUrl = z.url({ protocol: /^https?$/ }).max(INQUIRY_LIMITS.pageUrl);

/** One named piece of diagnostic data (browser, app version, last error…), shown to the customer and removable. */
export const DiagnosticItem = z
  .object({
    name: TypedText(INQUIRY_LIMITS.diagnosticName),
    value: z.string().max(INQUIRY_LIMITS.diagnosticValue),
  })
  .strict();
export type DiagnosticItem = z.infer<typeof DiagnosticItem>;

export const ContactInfo = z
  .object({
    name: TypedText(INQUIRY_LIMITS.name),
    email: z.email().max(INQUIRY_LIMITS.email),
    /** Digits with an optional leading `+` and the usual separators, at most 32 characters once trimmed. */
    phone: z.string().trim().regex(PHONE).optional(),
    /** One of the site config's contact methods (`email`, `phone`, `chat`). */
    preferred_method: z.enum(['email', 'phone', 'chat']),
    /** The language the customer wants to be answered in; one of the site's locales. */
    language: LocaleCode,
    /** IANA time zone of the customer, for call-backs and for showing times. */
    time_zone: TimeZone,
  })
  .strict();
export type ContactInfo = z.infer<typeof ContactInfo>;

/** What the customer tried before asking: searches typed, entries opened, votes given. */
export const DeflectionTrail = z
  .object({
    queries: z
      .array(
        z
          .object({
            query: z.string().max(INQUIRY_LIMITS.query),
            results: z.number().int().min(0).optional(),
            at: DateTime.optional(),
          })
          .strict(),
      )
      .max(INQUIRY_LIMITS.queries)
      .default([]),
    opened: z
      .array(z.object({ entry_id: Id, locale: LocaleCode.optional(), at: DateTime.optional() }).strict())
      .max(INQUIRY_LIMITS.opened)
      .default([]),
    votes: z
      .array(z.object({ entry_id: Id, helpful: z.boolean(), at: DateTime.optional() }).strict())
      .max(INQUIRY_LIMITS.votes)
      .default([]),
  })
  .strict();
export type DeflectionTrail = z.infer<typeof DeflectionTrail>;

/** The shape of an inquiry, without the checks that need the site config. */
export const InquiryShape = z
  .object({
    product: Id,
    resource: Id.optional(),
    problem_type: Id,
    problem_subtype: Id.optional(),
    severity: Id,
    /** The customer's support plan; a verified identity token's `plan` claim takes precedence on the server. */
    plan: Id,
    summary: TypedText(INQUIRY_LIMITS.summary),
    description: TypedText(INQUIRY_LIMITS.description),
    started_at: DateTime.optional(),
    /** Tokens from `POST /v1/uploads`. */
    attachments: z.array(UploadToken).default([]),
    diagnostics: z.array(DiagnosticItem).max(INQUIRY_LIMITS.diagnostics).default([]),
    contact: ContactInfo,
    /** A JWT signed by the host application's server, when it identifies its users. */
    identity_token: z.string().min(1).max(INQUIRY_LIMITS.identityToken).optional(),
    deflection: DeflectionTrail.default({ queries: [], opened: [], votes: [] }),
    /** The locale the widget was shown in; error messages are given in it. */
    locale: LocaleCode,
    page_url: HttpUrl.optional(),
    client_version: z.string().max(INQUIRY_LIMITS.clientVersion).optional(),
    /** Honeypot: a form field hidden from people. Anything but white space in it marks the sender as a bot. */
    website: z.string().max(1_000).meta({ pattern: '^\\s*$' }).optional(),
  })
  .strict();
export type Inquiry = z.infer<typeof InquiryShape>;
export type InquiryInput = z.input<typeof InquiryShape>;

/** The parts of the site config an inquiry is checked against (the widget has them from `data/site.json`). */
export type InquiryConfig = Pick<SiteConfig, 'products' | 'plans' | 'severities' | 'contactMethods' | 'locales' | 'attachments'>;

/** How far in the future `started_at` may lie, to forgive clocks that run a little fast. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Builds the validator for inquiries to this site: the shape, plus known product / resource / problem type /
 * subtype / severity / plan / contact method / locale, a severity the plan has a first-response target for,
 * a phone number when the customer wants a call, at most `attachments.maxFiles` distinct uploads, and a
 * start time not in the future. Custom issues carry `params.code` (see `inquiryFieldErrors`).
 *
 * @example
 *   const parsed = inquirySchema(config).safeParse(body);
 *   if (!parsed.success) show(inquiryFieldErrors(parsed.error.issues, body));
 */
export function inquirySchema(config: InquiryConfig, now: () => number = Date.now) {
  // `when` makes these checks run even when other fields already failed, so a customer sees every
  // problem at once; the value may then be partly invalid, hence the `text()` guards.
  return InquiryShape.check(
    z.superRefine((raw, ctx) => checkAgainstConfig(config, raw as unknown as Record<string, unknown>, ctx, now), {
      when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
    }),
  );
}

function checkAgainstConfig(config: InquiryConfig, inquiry: Record<string, unknown>, ctx: z.RefinementCtx, now: () => number): void {
  const fail = (path: (string | number)[], code: string, params: Record<string, string | number> = {}) =>
    ctx.addIssue({ code: 'custom', path, message: code, params: { code, ...params } });
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const contact = typeof inquiry.contact === 'object' && inquiry.contact !== null ? (inquiry.contact as Record<string, unknown>) : {};

  const productId = text(inquiry.product);
  const product = config.products.find((p) => p.id === productId);
  if (productId !== undefined && !product) fail(['product'], 'unknown_choice');
  if (product) {
    const resource = text(inquiry.resource);
    if (resource !== undefined && !product.resources.some((r) => r.id === resource)) fail(['resource'], 'unknown_choice');
    const typeId = text(inquiry.problem_type);
    const problemType = product.problemTypes.find((t) => t.id === typeId);
    if (typeId !== undefined && !problemType) fail(['problem_type'], 'unknown_choice');
    const subtype = text(inquiry.problem_subtype);
    if (problemType && subtype !== undefined && !problemType.subtypes.some((s) => s.id === subtype)) fail(['problem_subtype'], 'unknown_choice');
  }

  const plan = text(inquiry.plan);
  const planKnown = config.plans.some((p) => p.id === plan);
  if (plan !== undefined && !planKnown) fail(['plan'], 'unknown_choice');
  const severityId = text(inquiry.severity);
  const severity = config.severities.find((s) => s.id === severityId);
  if (severityId !== undefined && !severity) fail(['severity'], 'unknown_choice');
  else if (severity && planKnown && !severity.firstResponse.some((t) => t.plan === plan)) fail(['severity'], 'severity_not_in_plan');

  const method = text(contact.preferred_method);
  if (method !== undefined && ['email', 'phone', 'chat'].includes(method) && !config.contactMethods.some((m) => m.id === method))
    fail(['contact', 'preferred_method'], 'unknown_choice');
  if (method === 'phone' && !text(contact.phone)?.trim()) fail(['contact', 'phone'], 'required_for_phone');
  const locales = config.locales.available.map((l) => l.code);
  const language = text(contact.language);
  if (language !== undefined && LocaleCode.safeParse(language).success && !locales.includes(language)) fail(['contact', 'language'], 'unknown_choice');
  const locale = text(inquiry.locale);
  if (locale !== undefined && LocaleCode.safeParse(locale).success && !locales.includes(locale)) fail(['locale'], 'unknown_choice');

  if (Array.isArray(inquiry.attachments)) {
    const tokens = inquiry.attachments as unknown[];
    if (tokens.length > config.attachments.maxFiles) fail(['attachments'], 'too_many', { maximum: config.attachments.maxFiles });
    tokens.forEach((token, i) => {
      if (typeof token === 'string' && tokens.indexOf(token) !== i) fail(['attachments', i], 'duplicate');
    });
  }

  const startedAt = text(inquiry.started_at);
  if (startedAt !== undefined && Date.parse(startedAt) > now() + CLOCK_SKEW_MS) fail(['started_at'], 'in_future');
}

/** One field-level problem, ready to be translated: `field` is a dotted path such as `contact.email`. */
export interface InquiryFieldError {
  field: string;
  /** A message key: required, invalid_type, too_short, too_long, too_many, invalid_email, invalid_url,
   * invalid_datetime, invalid_format, invalid_choice, unknown_choice, unknown_field, severity_not_in_plan,
   * plan_requires_identity (content/support-promise.ts),
   * required_for_phone, duplicate, in_future, invalid_time_zone, or a server-side code such as unknown_upload. */
  code: string;
  params: Record<string, string | number>;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into one error per field, in the order of the issues (the first issue of a field wins).
 * Pass the raw input so that a missing value is reported as `required` rather than a type mismatch.
 */
export function inquiryFieldErrors(issues: readonly Issue[], input: unknown): InquiryFieldError[] {
  const out: InquiryFieldError[] = [];
  const seen = new Set<string>();
  const push = (path: readonly PropertyKey[], code: string, params: Record<string, string | number> = {}) => {
    const field = path.map(String).join('.') || '(body)';
    if (seen.has(field)) return;
    seen.add(field);
    out.push({ field, code, params });
  };
  for (const issue of issues) {
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) push([...issue.path, key], 'unknown_field');
        break;
      case 'invalid_type':
        push(issue.path, valueAt(input, issue.path) === undefined ? 'required' : 'invalid_type', { expected: issue.expected });
        break;
      case 'too_small':
        if (issue.origin === 'string') push(issue.path, Number(issue.minimum) <= 1 ? 'required' : 'too_short', { minimum: Number(issue.minimum) });
        else push(issue.path, 'too_few', { minimum: Number(issue.minimum) });
        break;
      case 'too_big':
        push(issue.path, issue.origin === 'string' ? 'too_long' : 'too_many', { maximum: Number(issue.maximum) });
        break;
      case 'invalid_format': {
        const format = issue.format;
        push(
          issue.path,
          format === 'email' ? 'invalid_email' : format === 'url' ? 'invalid_url' : format === 'datetime' ? 'invalid_datetime' : 'invalid_format',
        );
        break;
      }
      case 'invalid_value':
        if (valueAt(input, issue.path) === undefined) push(issue.path, 'required');
        else push(issue.path, 'invalid_choice', { choices: issue.values.map(String).join(', ') });
        break;
      case 'custom': {
        const params = (issue.params ?? {}) as Record<string, string | number>;
        // The TimeZone refinement from config.ts has no code of its own.
        const code = typeof params.code === 'string' ? params.code : issue.path.at(-1) === 'time_zone' ? 'invalid_time_zone' : 'invalid_format';
        const { code: _code, ...rest } = params;
        push(issue.path, code, rest);
        break;
      }
      default:
        push(issue.path, 'invalid_type');
    }
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

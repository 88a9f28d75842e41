import { inquiryFieldErrors, inquirySchema, type InquiryFieldError } from '../../content/schema/inquiry.ts';
import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { planProblem } from '../../content/support-promise.ts';
import { FIELD_PATH, type FieldName } from './form-values.ts';

/** The form's steps, in order. */
export const STEPS = ['what', 'solutions', 'details', 'review'] as const;
export type StepId = (typeof STEPS)[number];

/** The steps that hold fields, and their fields in the order the customer meets them. */
export const STEP_FIELDS: Partial<Record<StepId, readonly string[]>> = {
  what: ['product', 'resource', 'problem_type', 'problem_subtype', 'summary'],
  details: [
    'description',
    'started_at',
    'plan',
    'severity',
    'attachments',
    'diagnostics',
    'contact.name',
    'contact.email',
    'contact.phone',
    'contact.preferred_method',
    'contact.language',
    'contact.time_zone',
  ],
};

/** The step a field of the intake's JSON belongs to (`contact.email` → `details`); `review` for the rest. */
export function stepOf(field: string): StepId {
  for (const step of STEPS) if (STEP_FIELDS[step]?.some((f) => field === f || field.startsWith(`${f}.`))) return step;
  return 'review';
}

/** The form value a field path is typed into (`contact.email` → `email`), if any. */
export function formField(field: string): FieldName | undefined {
  return (Object.keys(FIELD_PATH) as FieldName[]).find((name) => FIELD_PATH[name] === field);
}

const schemas = new WeakMap<object, ReturnType<typeof inquirySchema>>();

/**
 * Checks an inquiry body with the intake's own schema for this site; returns one error per field, in the
 * order of `STEP_FIELDS` (so the first one is the first the customer meets). `only` keeps the errors of one step.
 * `planClaim` is the plan the host's identity token claims: a plan that requires identity needs it, as the
 * intake's rule says (`content/support-promise.ts`; the intake also checks the token's signature).
 */
export function validateInquiry(config: PublicSiteConfig, body: unknown, only?: StepId, planClaim?: string): InquiryFieldError[] {
  let schema = schemas.get(config);
  if (!schema) schemas.set(config, (schema = inquirySchema(config)));
  const parsed = schema.safeParse(body);
  const plan = (body as { plan?: unknown } | null)?.plan;
  const problem = typeof plan === 'string' ? planProblem(config, plan, planClaim) : undefined;
  if (parsed.success && !problem) return [];
  const order = STEPS.flatMap((s) => STEP_FIELDS[s] ?? []);
  const rank = (field: string) => {
    const i = order.findIndex((f) => field === f || field.startsWith(`${f}.`));
    return i < 0 ? order.length : i;
  };
  const errors = parsed.success ? [] : inquiryFieldErrors(parsed.error.issues, body);
  if (problem && !errors.some((e) => e.field === 'plan')) errors.push({ field: 'plan', code: problem, params: {} });
  return errors.filter((e) => !only || stepOf(e.field) === only).sort((a, b) => rank(a.field) - rank(b.field));
}

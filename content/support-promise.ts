import { firstResponseDue, type FirstResponseDue } from './business-hours.ts';
import type { SiteConfig } from './schema/config.ts';

/**
 * Which support plans and severities a customer may choose, and the first-response promise that follows: the
 * one rule the intake enforces and the widget shows, so the reply-by time a customer sees before sending is
 * the time the intake stores. Pure and portable (no Node, no DOM).
 *
 * The rule (issue 17, "Honest promises"):
 * - a plan marked `requiresIdentity` can be chosen only by a customer whose identity token claims it; everyone
 *   else chooses among the plans open to all;
 * - a `plan` claim the site knows is the customer's plan, whatever the form says (the host vouched for it);
 * - a severity can be chosen only with a plan it has a first-response target for.
 *
 * The intake passes the claim of a verified token; the widget the claim the host's token declares, which it
 * cannot verify. Both then compute the same plan and the same reply-by time, and when the token is forged the
 * intake refuses it before any of this counts.
 */

type PlanConfig = Pick<SiteConfig, 'plans'>;
type PromiseConfig = Pick<SiteConfig, 'plans' | 'severities' | 'businessHours'>;

/** A plan the customer may choose, or not; `plan_requires_identity` when the plan needs a token claiming it. */
export type PlanProblem = 'plan_requires_identity';

/** The site's plan a claim names, if the site knows it (an unknown claim counts as no claim). */
export function claimedPlan(config: PlanConfig, claim: string | undefined): string | undefined {
  return claim !== undefined && config.plans.some((p) => p.id === claim) ? claim : undefined;
}

/**
 * The plans this customer may choose, in the config's order: the plan their identity claims, when the site
 * knows it (it is their plan, so it is the only choice), else every plan open to all.
 *
 * @example plansFor(config, undefined).map((p) => p.id) // ['developer', 'standard'] in the sample site
 */
export function plansFor<C extends PlanConfig>(config: C, claim: string | undefined): C['plans'] {
  const claimed = claimedPlan(config, claim);
  return config.plans.filter((p) => (claimed !== undefined ? p.id === claimed : !p.requiresIdentity));
}

/** The severities `plan` has a first-response target for, in the config's order. */
export function severitiesFor<C extends Pick<SiteConfig, 'severities'>>(config: C, plan: string): C['severities'] {
  return config.severities.filter((s) => s.firstResponse.some((t) => t.plan === plan));
}

/** Why this customer may not choose `plan`, or undefined when they may (an unknown plan is the schema's to report). */
export function planProblem(config: PlanConfig, plan: string, claim: string | undefined): PlanProblem | undefined {
  const chosen = config.plans.find((p) => p.id === plan);
  return chosen?.requiresIdentity && claimedPlan(config, claim) !== plan ? 'plan_requires_identity' : undefined;
}

/** The promise made for one inquiry: the plan it counts under and when the first response is due. */
export interface SupportPromise {
  plan: string;
  /** Whether the plan is the identity's claim rather than the form's choice. */
  planVerified: boolean;
  due: FirstResponseDue;
}

/** A field the promise cannot be made for, with the inquiry's error code for it. */
export interface PromiseRefusal {
  field: 'plan' | 'severity';
  code: PlanProblem | 'severity_not_in_plan';
}

/**
 * The promise for an inquiry received at `receivedAt` with the form's `plan` and `severity` and the identity's
 * plan `claim` (if any): the claimed plan when the site knows it, else the form's, which must be open to this
 * customer; then the severity's target for that plan. Refuses with the field to blame.
 *
 * @example
 *   supportPromise(config, { plan: 'professional-direct', severity: 'a' }, now)
 *   // → { refused: { field: 'plan', code: 'plan_requires_identity' } }
 */
export function supportPromise(
  config: PromiseConfig,
  choice: { plan: string; severity: string; claim?: string | undefined },
  receivedAt: Date,
): { promise: SupportPromise; refused?: undefined } | { promise?: undefined; refused: PromiseRefusal } {
  const claimed = claimedPlan(config, choice.claim);
  const plan = claimed ?? choice.plan;
  const problem = planProblem(config, plan, choice.claim);
  if (problem) return { refused: { field: 'plan', code: problem } };
  const due = firstResponseDue(config, choice.severity, plan, receivedAt);
  if (!due) return { refused: { field: 'severity', code: 'severity_not_in_plan' } };
  return { promise: { plan, planVerified: claimed !== undefined, due } };
}

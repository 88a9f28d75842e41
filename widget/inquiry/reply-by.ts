import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { supportPromise } from '../../content/support-promise.ts';
import { formatDue } from '../due-time.ts';

/** A first-response promise as the form shows it. */
export interface ReplyBy {
  due: Date;
  /** `Tue, Nov 24, 10:00 (GMT+9)`: weekday, date and time in `timeZone`, then the zone's short name. */
  text: string;
}

/**
 * When a reply to an inquiry sent `now` with this severity and plan is due: the intake's own rule
 * (`supportPromise`: the identity's plan `claim` when the site knows it, else the chosen plan if this customer
 * may choose it; its target on a 24x7 or business-hours clock), formatted in the customer's locale and time
 * zone. Undefined when the intake would refuse the choice (a plan that requires identity, a severity the plan
 * has no target for), so the form never shows a promise the intake would not make.
 */
export function replyBy(
  config: Pick<PublicSiteConfig, 'plans' | 'severities' | 'businessHours'>,
  severity: string,
  plan: string,
  now: Date,
  locale: string,
  timeZone: string,
  claim?: string,
): ReplyBy | undefined {
  const { promise } = supportPromise(config, { plan, severity, claim }, now);
  if (!promise) return undefined;
  return { due: promise.due.due, text: formatDue(promise.due.due, locale, timeZone) };
}

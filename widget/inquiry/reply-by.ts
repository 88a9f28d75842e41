import { firstResponseDue } from '../../content/business-hours.ts';
import type { PublicSiteConfig } from '../../content/schema/config.ts';
import { formatDue } from '../due-time.ts';

/** A first-response promise as the form shows it. */
export interface ReplyBy {
  due: Date;
  /** `Tue, Nov 24, 10:00 (GMT+9)`: weekday, date and time in `timeZone`, then the zone's short name. */
  text: string;
}

/**
 * When a reply to an inquiry sent `now` with this severity and plan is due: the intake's own computation
 * (`firstResponseDue`, the plan's target on a 24x7 or business-hours clock), formatted in the customer's
 * locale and time zone. Undefined when the plan has no target for the severity.
 */
export function replyBy(
  config: Pick<PublicSiteConfig, 'severities' | 'businessHours'>,
  severity: string,
  plan: string,
  now: Date,
  locale: string,
  timeZone: string,
): ReplyBy | undefined {
  const promise = firstResponseDue(config, severity, plan, now);
  if (!promise) return undefined;
  return { due: promise.due, text: formatDue(promise.due, locale, timeZone) };
}

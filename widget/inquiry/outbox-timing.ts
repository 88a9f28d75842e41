/** Retry timing of the outbox; the defaults are the production values (tests shorten them). */
export interface OutboxOptions {
  /** First retry delay (ms); doubles with each failed attempt. Default 1000. */
  baseDelayMs?: number;
  /** Longest delay between attempts (ms), also the cap on `Retry-After`. Default 60 000. */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/** The production timing. */
export const DEFAULT_TIMING: Required<OutboxOptions> = { baseDelayMs: 1000, maxDelayMs: 60_000, random: Math.random };

/**
 * The delay before attempt `attempts + 1` after `attempts` failures: `base · 2^(attempts−1)`, capped at
 * `max`, then spread by ±20 % jitter (still capped) so that many widgets do not retry in step.
 *
 * @example retryDelay(3, { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0.5 }) // 4000
 */
export function retryDelay(attempts: number, options: Required<OutboxOptions>): number {
  const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(Math.min(options.maxDelayMs, exp * (0.8 + 0.4 * options.random())));
}

/** How long to wait after a failed attempt: the intake's `Retry-After` (capped), else the backoff. */
export function waitAfter(attempts: number, retryAfterSeconds: number | undefined, timing: Required<OutboxOptions>): number {
  return retryAfterSeconds ? Math.min(timing.maxDelayMs, retryAfterSeconds * 1000) : retryDelay(attempts, timing);
}

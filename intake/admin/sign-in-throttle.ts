/**
 * Slows down password guessing. Failed sign-ins are counted per account name (known or not, so the
 * throttle does not reveal which names exist) and per client address. After `freeFailures` failures in a
 * row, each further attempt must wait: `baseSeconds`, doubling with every failure up to `maxSeconds`.
 * A success clears the account's count; a key forgets its failures after `forgetSeconds` without one.
 * Attempts while waiting are answered 429 with `Retry-After`, without checking the password (no scrypt).
 *
 * Counts are kept in this process: several instances each count their own share (like the intake's other
 * rate limits), which slows an attacker down by the number of instances less.
 */
export interface ThrottleRule {
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  forgetSeconds: number;
}

export const ACCOUNT_RULE: ThrottleRule = { freeFailures: 5, baseSeconds: 30, maxSeconds: 900, forgetSeconds: 3600 };
/** An office behind one address may hold several people mistyping; a guessing run from one address still stops soon. */
export const ADDRESS_RULE: ThrottleRule = { freeFailures: 20, baseSeconds: 30, maxSeconds: 900, forgetSeconds: 3600 };

/** Keys remembered at most; the oldest are forgotten first (a flood of names cannot exhaust memory). */
const MAX_KEYS = 10_000;

interface Entry {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

export interface SignInThrottle {
  /** Seconds to wait before the next attempt may be checked, or 0 when it may be checked now. */
  wait(account: string, address: string): number;
  failed(account: string, address: string): void;
  succeeded(account: string): void;
}

export function createSignInThrottle(
  rules: { account: ThrottleRule; address: ThrottleRule } = { account: ACCOUNT_RULE, address: ADDRESS_RULE },
  now: () => number = Date.now,
): SignInThrottle {
  const entries = new Map<string, Entry>();
  const keyOf = (kind: 'account' | 'address', value: string) => `${kind}:${kind === 'account' ? value.toLowerCase() : value}`;

  const live = (key: string, rule: ThrottleRule): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && now() - entry.lastFailure > rule.forgetSeconds * 1000) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const remaining = (key: string, rule: ThrottleRule) => {
    const entry = live(key, rule);
    return entry ? Math.max(0, Math.ceil((entry.blockedUntil - now()) / 1000)) : 0;
  };
  const fail = (key: string, rule: ThrottleRule) => {
    const entry = live(key, rule) ?? { failures: 0, lastFailure: 0, blockedUntil: 0 };
    entry.failures++;
    entry.lastFailure = now();
    const over = entry.failures - rule.freeFailures;
    if (over >= 0) entry.blockedUntil = now() + Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** over) * 1000;
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > MAX_KEYS) entries.delete(entries.keys().next().value!);
  };

  return {
    wait: (account, address) => Math.max(remaining(keyOf('account', account), rules.account), remaining(keyOf('address', address), rules.address)),
    failed(account, address) {
      fail(keyOf('account', account), rules.account);
      fail(keyOf('address', address), rules.address);
    },
    succeeded(account) {
      entries.delete(keyOf('account', account));
    },
  };
}

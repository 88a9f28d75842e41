/**
 * Token-bucket rate limits kept in memory, one bucket per key (an IP address, an identity). A bucket holds
 * `limit` requests and refills evenly over `windowSeconds`, so bursts are allowed and a steady flood is not.
 * Per process: with several instances behind a balancer each enforces its own share.
 */
export interface RateLimiter {
  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds until one is available. */
  take(key: string, now?: number): number;
}

/** Buckets kept at most; the least recently used ones are forgotten first (a forgotten bucket is full). */
const MAX_KEYS = 50_000;

export function createRateLimiter(options: { limit: number; windowSeconds: number }): RateLimiter {
  const perMs = options.limit / (options.windowSeconds * 1000);
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key, now = Date.now()) {
      const previous = buckets.get(key);
      const tokens = previous ? Math.min(options.limit, previous.tokens + (now - previous.at) * perMs) : options.limit;
      buckets.delete(key); // re-insert to keep the map in least-recently-used order
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: now });
        if (buckets.size > MAX_KEYS) buckets.delete(buckets.keys().next().value!);
        return 0;
      }
      buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    },
  };
}

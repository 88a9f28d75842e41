import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signing per Standard Webhooks: the signed content is `${webhook-id}.${webhook-timestamp}.${body}`, the
 * signature is HMAC-SHA256 with the secret's bytes (base64 after the `whsec_` prefix), sent as
 * `webhook-signature: v1,<base64>`. Receivers verify with `verifyWebhook` (or any Standard Webhooks library).
 */

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
}

/** The three headers for one delivery of `body`. The id stays the same across retries of one message. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const signature = createHmac('sha256', secretBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}

/**
 * Whether the headers carry a valid signature of `body` made within `toleranceSeconds` of `now`.
 * Any of several space-separated signatures may match (secret rotation).
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
  toleranceSeconds = 300,
): boolean {
  return checkWebhook(secret, headers, body, now, toleranceSeconds) === 'ok';
}

/**
 * {@link verifyWebhook} with the reason of a refusal: a header `missing`, no signature that matches
 * (`mismatch`), or a matching one whose timestamp is further than `toleranceSeconds` from `now` (`stale`: a replay).
 */
export function checkWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now = Date.now(),
  toleranceSeconds = 300,
): 'ok' | 'missing' | 'mismatch' | 'stale' {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures) return 'missing';
  if (!/^\d{1,15}$/.test(timestamp)) return 'mismatch';
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body)['webhook-signature']!.slice(3), 'base64');
  const matches = signatures.split(' ').some((s) => {
    const [version, value] = s.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) return 'mismatch';
  return Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds ? 'stale' : 'ok';
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in a customer's `status_url`: HMAC-SHA256 of the inquiry id under a secret kept in the store
 * (shared by every instance). 256 bits, unguessable without the secret, nothing per inquiry to store or leak.
 */
export function statusToken(secret: Buffer, inquiryId: string): string {
  return createHmac('sha256', secret).update(`status:${inquiryId}`).digest('base64url');
}

/** Constant-time check of a token presented for `inquiryId`. */
export function statusTokenValid(secret: Buffer, inquiryId: string, token: unknown): boolean {
  if (typeof token !== 'string' || token.length !== 43) return false;
  const expected = Buffer.from(statusToken(secret, inquiryId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

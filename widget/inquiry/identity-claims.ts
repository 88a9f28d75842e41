/** The claims of the host's identity token that the form shows: who the customer is and their plan. */
export interface IdentityClaims {
  name?: string;
  email?: string;
  plan?: string;
}

/**
 * Reads `name`, `email` and `plan` from a JWT's payload without verifying it: only to pre-fill and lock the
 * contact fields. The intake verifies the signature and uses the verified claims; an unreadable token gives
 * no claims (the fields stay locked to what `prefill` gave).
 */
export function identityClaims(token: string | null): IdentityClaims {
  const part = token?.split('.')[1];
  if (!part) return {};
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const payload = JSON.parse(json) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const claims: IdentityClaims = {};
    const name = text(payload.name);
    const email = text(payload.email);
    const plan = text(payload.plan);
    if (name) claims.name = name;
    if (email) claims.email = email;
    if (plan) claims.plan = plan;
    return claims;
  } catch {
    return {};
  }
}

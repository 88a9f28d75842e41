import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify, errors as joseErrors } from 'jose';
import type { IntakeSettings } from './settings.ts';

/**
 * Verifies the identity token a host application signs for its signed-in users (Zendesk / Freshdesk style
 * JWT). Accepts exactly the algorithms the operator configured: HS256 with a shared secret, RS256 with an RSA
 * public key, EdDSA with an Ed25519 public key. Unsigned (`alg: none`), expired, not-yet-valid tokens, tokens
 * without `exp` or `sub`, and tokens for another issuer or audience are rejected.
 */

/** The claims the intake keeps from a verified token. */
export interface VerifiedIdentity {
  sub: string;
  email?: string;
  name?: string;
  /** Support plan vouched for by the host application. */
  plan?: string;
  issuer?: string;
}

export class IdentityError extends Error {
  override name = 'IdentityError';
  /** Short reason for logs: expired, signature, claim, malformed, algorithm, unconfigured. */
  constructor(readonly reason: string) {
    super(`identity token rejected: ${reason}`);
  }
}

export type IdentityVerifier = ((token: string) => Promise<VerifiedIdentity>) & { configured: boolean };

/** Builds the verifier for the configured keys. Throws at startup when a public key cannot be read. */
export function createIdentityVerifier(settings: IntakeSettings['identity']): IdentityVerifier {
  const keys: Array<{ key: Uint8Array | KeyObject; algorithms: string[] }> = [];
  if (settings.hs256Secret) keys.push({ key: new TextEncoder().encode(settings.hs256Secret), algorithms: ['HS256'] });
  if (settings.publicKey) {
    const key = createPublicKey(settings.publicKey);
    const type = key.asymmetricKeyType;
    if (type === 'rsa') keys.push({ key, algorithms: ['RS256'] });
    else if (type === 'ed25519') keys.push({ key, algorithms: ['EdDSA', 'Ed25519'] });
    else throw new Error(`identity.publicKey: unsupported key type "${type}" (use an RSA or Ed25519 public key)`);
  }

  const verify = async (token: string): Promise<VerifiedIdentity> => {
    if (!keys.length) throw new IdentityError('unconfigured');
    const header = peekHeader(token);
    const match = keys.find((k) => k.algorithms.includes(String(header.alg)));
    if (!match) throw new IdentityError('algorithm');
    try {
      const { payload } = await jwtVerify(token, match.key, {
        algorithms: match.algorithms,
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: settings.clockToleranceSeconds,
        requiredClaims: ['exp', 'sub'],
      });
      const text = (v: unknown) => (typeof v === 'string' && v.length <= 320 ? v : undefined);
      return {
        sub: String(payload.sub),
        ...(text(payload.email) ? { email: text(payload.email)! } : {}),
        ...(text(payload.name) ? { name: text(payload.name)! } : {}),
        ...(text(payload.plan) ? { plan: text(payload.plan)! } : {}),
        ...(payload.iss ? { issuer: payload.iss } : {}),
      };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new IdentityError('expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw new IdentityError('claim');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw new IdentityError('signature');
      if (error instanceof joseErrors.JOSEAlgNotAllowed) throw new IdentityError('algorithm');
      throw new IdentityError('malformed');
    }
  };
  return Object.assign(verify, { configured: keys.length > 0 });
}

function peekHeader(token: string): Record<string, unknown> {
  const [header] = token.split('.');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new IdentityError('malformed');
}

import type { IncomingMessage } from 'node:http';

/**
 * The console's cookies. Over HTTPS (anything but plain HTTP on a loopback address) they are `Secure` and
 * carry the `__Host-` prefix, which the browser only accepts with `Path=/` and no `Domain`: no other host,
 * not even a sibling subdomain, can set or shadow them. On `http://127.0.0.1` / `localhost` (a developer's
 * machine) the prefix is impossible, so they are plain `kotae_admin…` cookies scoped to `Path=/admin`.
 * Always `HttpOnly`.
 */
export interface CookieJar {
  secure: boolean;
  /** The session token (SameSite=Strict). */
  session: string;
  /** The pre-session CSRF value of the sign-in form (SameSite=Strict). */
  signIn: string;
  /** The OpenID Connect transaction: state, nonce, PKCE verifier, signed (SameSite=Lax: it must come back from the issuer). */
  oidc: string;
  path: string;
}

export function cookieJar(secure: boolean): CookieJar {
  const prefix = secure ? '__Host-' : '';
  return {
    secure,
    session: `${prefix}kotae_admin`,
    signIn: `${prefix}kotae_admin_signin`,
    oidc: `${prefix}kotae_admin_oidc`,
    path: secure ? '/' : '/admin',
  };
}

/** True unless `origin` is plain HTTP to a loopback host: the one case where cookies cannot be `Secure`. */
export function needsSecureCookies(origin: string): boolean {
  const url = new URL(origin);
  if (url.protocol !== 'http:') return true;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** A `Set-Cookie` value; `maxAgeSeconds: 0` deletes the cookie. */
export function setCookie(jar: CookieJar, name: string, value: string, options: { maxAgeSeconds?: number; sameSite?: 'Strict' | 'Lax' } = {}): string {
  return [
    `${name}=${value}`,
    `Path=${jar.path}`,
    ...(options.maxAgeSeconds !== undefined ? [`Max-Age=${options.maxAgeSeconds}`] : []),
    'HttpOnly',
    ...(jar.secure ? ['Secure'] : []),
    `SameSite=${options.sameSite ?? 'Strict'}`,
  ].join('; ');
}

/** The value of cookie `name` in the request, if sent (the first one when sent twice). */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * The cookies for this request: decided by the configured public URL when there is one, else by the
 * address the request reached (the intake serves plain HTTP; only a loopback listener may do without `Secure`).
 */
export function cookieJarFor(req: IncomingMessage, publicUrl: string | undefined): CookieJar {
  if (publicUrl) return cookieJar(needsSecureCookies(publicUrl));
  const local = (req.socket.localAddress ?? '').replace(/^::ffff:/, '');
  return cookieJar(!(local === '::1' || /^127\.\d+\.\d+\.\d+$/.test(local)));
}

/**
 * Where a person goes after signing in: back to the console page they opened (a shared, filtered link keeps
 * its filter), never anywhere else. The target travels as `next` through the sign-in page and form, and
 * through the OpenID Connect transaction; only a path of this intake's own `/admin` pages is followed, so
 * the parameter cannot send anyone to another site (an open redirect) or back into the sign-in itself.
 */
const MAX_LENGTH = 2048;
const NOT_A_DESTINATION = /^\/admin\/(sign-in|sign-out|oidc\/)/;

/** A backslash (some browsers read it as `/`) or a control character. */
const unsafe = (c: string) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** `value` when it is a safe place to return to, else undefined. */
export function safeReturnTo(value: string | null | undefined): string | undefined {
  if (!value || value.length > MAX_LENGTH || !value.startsWith('/') || [...value].some(unsafe)) return undefined;
  let url: URL;
  try {
    url = new URL(value, 'http://intake.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'http://intake.invalid' || !(url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) return undefined;
  if (NOT_A_DESTINATION.test(url.pathname)) return undefined;
  return `${url.pathname}${url.search}`;
}

/** The sign-in page for a page request made without a session: its language kept, and the page to come back to. */
export function signInLocation(url: URL): string {
  const query = new URLSearchParams();
  const lang = url.searchParams.get('lang');
  if (lang) query.set('lang', lang);
  const back = safeReturnTo(`${url.pathname}${url.search}`);
  if (back && back !== '/admin' && back !== '/admin/') query.set('next', back);
  const search = query.toString();
  return `/admin/sign-in${search ? `?${search}` : ''}`;
}

/**
 * A cookie-keeping HTTP client for the console's routes, without a browser: what a form post sends, the
 * answers as they come (redirects not followed), every `Set-Cookie` attribute kept for inspection.
 */
export interface AdminAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The `Set-Cookie` values of this answer, whole. */
  setCookies: string[];
}

export class AdminClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: RequestInit = {}): Promise<AdminAnswer> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      redirect: 'manual',
      ...init,
      headers: { 'accept-language': 'en', ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string> | undefined) },
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, at), pair!.slice(at + 1)];
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, headers: response.headers, text: await response.text(), setCookies };
  }

  get(path: string, headers: Record<string, string> = {}): Promise<AdminAnswer> {
    return this.request(path, { headers });
  }

  post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<AdminAnswer> {
    return this.request(path, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  /** The CSRF token of the first form on `path` (the sign-in page, the signed-in home). */
  async csrfToken(path: string): Promise<string> {
    const page = await this.get(path);
    const token = /name="csrf_token" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`no CSRF token on ${path} (${page.status})`);
    return token;
  }

  /** Signs in through the form; returns the answer to the POST. */
  async signIn(user: string, password: string, headers: Record<string, string> = {}): Promise<AdminAnswer> {
    const csrf_token = await this.csrfToken('/admin/sign-in');
    return this.post('/admin/sign-in', { csrf_token, user, password }, headers);
  }
}

import type { ApiProblem } from './wire.ts';

/**
 * The console's requests to its API: same origin (the session cookie goes along), the console's language in
 * Accept-Language (names of products, plans… come back in it), the session's CSRF token on every POST.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

export interface Client {
  get<T>(path: string): Promise<T>;
  post<T>(path: string): Promise<T>;
}

export function createClient(locale: string, csrfToken: string): Client {
  const call = async <T>(method: string, path: string): Promise<T> => {
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale, ...(method === 'POST' ? { 'x-csrf-token': csrfToken } : {}) },
    });
    const body = (await response.json().catch(() => ({ error: `http_${response.status}` }))) as T | ApiProblem;
    if (!response.ok) throw new ApiError(response.status, (body as ApiProblem).error ?? `http_${response.status}`);
    return body as T;
  };
  return { get: (path) => call('GET', path), post: (path) => call('POST', path) };
}

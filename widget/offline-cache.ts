/**
 * Offline copies of what the widget fetched, kept by the widget itself in the Cache API (host pages need no
 * service worker). Content-hashed files never change, so they are served from the cache first; files that
 * change with each build (manifests, catalogs, payloads) come from the network first and from the cache
 * when the network fails. Without the Cache API (insecure origins) this is plain `fetch`.
 */
const CACHE = 'kotae-widget-v1';

/** True when a path names a content-hashed file (`t/3.52d9e670.bin`, `entries.90af83a6.json`). */
function immutable(url: string): boolean {
  return /\.[0-9a-f]{8}\.(bin|json|txt)$/.test(url);
}

/**
 * Fetches `url`, keeping a copy for offline use. Resolves to the response (from the network or the cache);
 * rejects when neither has it, or with the HTTP status when the server answered with an error. `started`
 * is a request for `url` already under way (the loader's), used instead of a new one.
 */
export async function cachedFetch(url: string, started?: Promise<Response>): Promise<Response> {
  const cache = typeof caches === 'undefined' ? undefined : await caches.open(CACHE).catch(() => undefined);
  if (cache && immutable(url)) {
    const hit = await cache.match(url);
    if (hit) return hit;
  }
  try {
    const response = await (started ?? fetch(url));
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if (cache) await cache.put(url, response.clone()).catch(() => {});
    return response;
  } catch (error) {
    const hit = await cache?.match(url);
    if (hit) return hit;
    throw error;
  }
}

/**
 * The KB site's service worker (`/sw.js`): precaches the shell (stylesheet, scripts, each locale's home,
 * search, contact and 404 pages), caches every page a reader visits (network first, so a reader online
 * always gets the current text) and the search index's content-hashed shards (cache first: a name never
 * changes content). A new build changes the precache list, so the browser installs a new worker, which
 * waits until the page's "updated content — reload" prompt asks it to take over.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';

/** The precache list, injected at build by kb-site/islands.ts. */
declare const __KB_PRECACHE__: { url: string; revision: string }[];
declare const self: {
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'message' | 'activate', listener: (event: MessageEvent & { waitUntil(p: Promise<unknown>): void }) => void): void;
};

// Page URLs differ only by query (the search page's ?q=): one precached copy answers them all.
precacheAndRoute(__KB_PRECACHE__, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html' });
cleanupOutdatedCaches();
// The first worker takes the open page at once, so the page that installed it is cached for offline.
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Pages: navigations, and page URLs the site script asks to cache (those requests are not navigations).
registerRoute(
  ({ request, url, sameOrigin }) => request.mode === 'navigate' || (sameOrigin && (url.pathname.endsWith('/') || url.pathname.endsWith('.html'))),
  new NetworkFirst({ cacheName: 'kb-pages', networkTimeoutSeconds: 4, plugins: [new ExpirationPlugin({ maxEntries: 300 })] }),
);
registerRoute(
  ({ url }) => /^\/data\/[^/]+\/search\/.+\.[0-9a-z]{6,}\.\w+$/.test(url.pathname),
  new CacheFirst({ cacheName: 'kb-search', plugins: [new ExpirationPlugin({ maxEntries: 500 })] }),
);
registerRoute(({ url }) => url.pathname.startsWith('/data/'), new NetworkFirst({ cacheName: 'kb-data', networkTimeoutSeconds: 4 }));
registerRoute(({ url }) => url.pathname.startsWith('/widget/'), new StaleWhileRevalidate({ cacheName: 'kb-widget' }));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

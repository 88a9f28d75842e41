/**
 * The KB site's one small module on every page (no page needs it to be read):
 * - on the root page, sends the reader to the locale they chose before or their browser prefers;
 * - turns "Still need help?" and "No" (was this helpful?) into widget commands when the widget is there
 *   (they stay plain links to the contact page otherwise);
 * - registers the service worker through workbox-window and shows the "updated content — reload" prompt.
 */
import { Workbox } from 'workbox-window';

const CHOICE_KEY = 'kotae.kb.locale';

type KotaeFn = (...args: unknown[]) => Promise<unknown>;

function remembered(): string | null {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch {
    return null;
  }
}

const chooser = document.querySelector<HTMLElement>('[data-kb-locales]');
if (chooser) {
  const offered = (chooser.dataset.kbLocales ?? '').split(' ').filter(Boolean);
  const wanted = [remembered(), ...navigator.languages].filter((l): l is string => Boolean(l));
  const pick =
    wanted.map((w) => offered.find((o) => o.toLowerCase() === w.toLowerCase())).find(Boolean) ??
    wanted.map((w) => offered.find((o) => o.split('-')[0] === w.toLowerCase().split('-')[0])).find(Boolean);
  if (pick) location.replace(`/${pick}/`);
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const language = target?.closest<HTMLAnchorElement>('.language-switcher a[hreflang], .locale-list a[hreflang]');
  if (language) {
    try {
      localStorage.setItem(CHOICE_KEY, language.hreflang);
    } catch {
      // Private mode: the choice is simply not remembered.
    }
    return;
  }
  const control = target?.closest<HTMLElement>('[data-kotae-open], [data-kotae-vote="no"]');
  const kotae = (window as unknown as { Kotae?: KotaeFn }).Kotae;
  if (!control || typeof kotae !== 'function') return;
  event.preventDefault();
  const data = control.dataset;
  void kotae('setContext', { product: data.kotaeProduct, page: data.kotaeEntry ?? location.pathname });
  void kotae('open', { view: 'inquiry' });
});

// The help widget joins once the page has loaded and the browser is idle — on a search page with a query,
// once the results are shown (the search island fires `kb-search:shown`): the article or the results come
// first. Loading it beside the search put its work on the way to the results, 140 ms later on a phone.
const widgetTag = document.querySelector<HTMLMetaElement>('meta[name="kotae-widget"]');
if (widgetTag) {
  const addWidget = () => {
    const script = document.createElement('script');
    script.async = true;
    script.src = widgetTag.content;
    if (widgetTag.dataset.locale) script.dataset.locale = widgetTag.dataset.locale;
    document.head.append(script);
  };
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(addWidget, { timeout: 2000 }) : setTimeout(addWidget, 200));
  const searching = document.getElementById('kb-search') && new URLSearchParams(location.search).get('q');
  const loaded = new Promise<void>((resolve) => (document.readyState === 'complete' ? resolve() : addEventListener('load', () => resolve(), { once: true })));
  // A search that fails or never answers must not keep the widget away for long.
  const shown = searching
    ? new Promise<void>((resolve) => {
        document.addEventListener('kb-search:shown', () => resolve(), { once: true });
        setTimeout(resolve, 5000);
      })
    : undefined;
  void Promise.all([loaded, shown]).then(whenIdle);
}

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  const wb = new Workbox('/sw.js');
  const prompt = document.getElementById('kb-update');
  wb.addEventListener('waiting', () => {
    if (!prompt) return;
    prompt.hidden = false;
    document.getElementById('kb-update-reload')?.addEventListener('click', () => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
  // The page that installed the worker was fetched before it ran: hand its URL over to be cached too.
  wb.addEventListener('activated', (event) => {
    if (!event.isUpdate) void wb.messageSW({ type: 'CACHE_URLS', payload: { urlsToCache: [location.href] } });
  });
  void wb.register().catch(() => {});
}

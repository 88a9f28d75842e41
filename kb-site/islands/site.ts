/**
 * The KB site's one small module on every page (no page needs it to be read):
 * - on the root page, sends the reader to the locale they chose before or their browser prefers;
 * - turns "Still need help?" and "No" (was this helpful?) into widget commands when the widget is there
 *   (they stay plain links to the contact page otherwise);
 * - sends the page's anonymous self-service events when the site collects them (kb-analytics.ts): the
 *   entry viewed, and votes, asking what was missing after "No" before offering contact;
 * - registers the service worker through workbox-window and shows the "updated content — reload" prompt;
 * - runs the theme switch and the phone menu (theme-switch.ts, nav-menu.ts);
 * - shows the announcements running now (announcements.ts).
 */
import { Workbox } from 'workbox-window';
import { announcements } from './announcements.ts';
import { kbAnalytics } from './kb-analytics.ts';
import { navMenu } from './nav-menu.ts';
import { storedTheme } from './theme-choice.ts';
import { tellWidget, themeSwitch } from './theme-switch.ts';

themeSwitch();
navMenu();
void announcements();

const CHOICE_KEY = 'kotae.kb.locale';

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

const analytics = kbAnalytics();
const entry = document.querySelector<HTMLElement>('[data-kotae-vote]')?.dataset.kotaeEntry;
if (analytics && entry) {
  // Opened from the results of this site's search page (the referrer is the only trace of it: nothing is stored).
  const from = URL.canParse(document.referrer) ? new URL(document.referrer) : undefined;
  const viaSearch = from?.origin === location.origin && /^\/[^/]+\/search\/$/.test(from.pathname);
  analytics.record({ type: 'article_view', entry, via: viaSearch ? 'search' : 'kb_page' });
}

type KotaeFn = (...args: unknown[]) => Promise<unknown>;
const widget = () => (window as unknown as { Kotae?: KotaeFn }).Kotae;

/** Opens the widget's inquiry for the entry of `control` (its `data-kotae-*`); false when there is no widget. */
function openInquiry(control: HTMLElement): boolean {
  const kotae = widget();
  if (typeof kotae !== 'function') return false;
  const data = control.dataset;
  void kotae('setContext', { product: data.kotaeProduct, page: data.kotaeEntry ?? location.pathname });
  void kotae('open', { view: 'inquiry' });
  return true;
}

/**
 * "What was missing?" after "No" (rendered hidden in the page): shown when events are collected, the
 * answer (or a skip) sent with the vote, then the thanks note and contact — the widget's inquiry when it
 * is there, else the page's "Still need help?" below.
 */
const reasons = document.getElementById('kb-vote-reasons') as HTMLFormElement | null;
function askWhatWasMissing(no: HTMLElement): boolean {
  if (!reasons || !entry || !analytics?.collecting) return false;
  reasons.hidden = false;
  reasons.querySelector<HTMLInputElement>('input')?.focus();
  const answer = (skipped: boolean) => {
    const form = new FormData(reasons);
    const reason = skipped ? undefined : (form.get('reason') as string | null) || undefined;
    const text = skipped ? undefined : String(form.get('text') ?? '').trim() || undefined;
    analytics.record({ type: 'vote', entry, helpful: false, reason, text });
    reasons.hidden = true;
    no.closest('.vote')?.setAttribute('hidden', '');
    location.hash = 'kb-vote-thanks';
    document.getElementById('kb-vote-thanks')?.focus();
    openInquiry(no);
  };
  reasons.onsubmit = (event) => {
    event.preventDefault();
    answer(false);
  };
  reasons.querySelector<HTMLButtonElement>('[data-kb-explain="skip"]')!.onclick = () => answer(true);
  return true;
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
  if (entry && target?.closest('[data-kotae-vote="yes"]')) analytics?.record({ type: 'vote', entry, helpful: true });
  if (entry && target?.closest('[data-kotae-open]')) analytics?.record({ type: 'contact_open', entry });
  const no = target?.closest<HTMLElement>('[data-kotae-vote="no"]');
  if (no && askWhatWasMissing(no)) return event.preventDefault();
  const control = target?.closest<HTMLElement>('[data-kotae-open], [data-kotae-vote="no"]');
  if (control && openInquiry(control)) event.preventDefault();
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
    // The widget follows the system's scheme by itself; a reader's forced choice it has to be told.
    script.addEventListener(
      'load',
      () => {
        const choice = storedTheme();
        if (choice !== 'auto') tellWidget(choice);
      },
      { once: true },
    );
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

/**
 * The widget loader, `dist/widget/kotae.js`: the only script a host page loads up front. It reads its own
 * `<script>` tag, installs the `Kotae(...)` command function (replaying calls queued before it ran), draws
 * the launcher button in a Shadow DOM and defines `<kotae-help>`. Everything else (lit, i18next, the search
 * engine, strings, index) is the app chunk, imported on intent: hover, focus or click on the launcher, an
 * inline panel on the page, or an API call that needs it. Budget: 2 KB gzipped, asserted in test/widget.
 */
import type { AppStart, QueuedSettle, WidgetHost } from './app-contract.ts';
import { outboxFlagKey } from './inquiry/outbox-flag.ts';
import { LAUNCHER_CSS } from './launcher-css.ts';

/** File name of the app entry chunk (content-hashed), injected by scripts/pipeline/widget-bundle.ts. */
declare const __KOTAE_APP__: string;
/** Launcher label per locale, from `i18n/<locale>/widget.json` (`launcher.label`), injected at build. */
declare const __KOTAE_LABELS__: Record<string, string>;

type Call = unknown[];
type Run = (call: Call) => Promise<unknown>;

const win = window as unknown as { Kotae?: ((...args: unknown[]) => Promise<unknown>) & { q?: Call[]; v?: 1 } };

if (!win.Kotae?.v) {
  const script = document.currentScript as HTMLScriptElement | null;
  const src = script?.src || location.href;
  const data = script?.dataset ?? {};
  const queue: Call[] = [...(win.Kotae?.q ?? [])];
  // Commands that only set state wait in the queue; anything else is intent to use the widget.
  const passive = /^(on|off|setLocale|setContext|identify|prefill|diagnostics|analytics|theme)$/;
  let run: Run | undefined;
  let loading: Promise<AppStart> | undefined;

  const langs = [data.locale, ...navigator.languages].flatMap((l) => (l ? [l, l.split('-')[0]!] : []));
  const host: WidgetHost = {
    base: new URL(data.site || '../', src).href,
    locale: data.locale,
    label: data.label,
    position: data.position,
    theme: data.theme,
    element: document.createElement('kotae-widget'),
    launcher: document.createElement('button'),
  };
  const root = host.element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  root.adoptedStyleSheets = [sheet];
  const button = host.launcher;
  button.part.add('launcher');
  button.className = 'launcher';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  button.innerHTML =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 16h-2v-2h2v2Zm2.1-7.7-.9.9A3.4 3.4 0 0 0 13 14h-2v-.5c0-1.1.4-2.1 1.2-2.8l1.2-1.3a2 2 0 1 0-3.4-1.4H8a4 4 0 1 1 7.1 2.3Z"/></svg><span></span>';
  button.lastChild!.textContent = data.label || __KOTAE_LABELS__[langs.find((l) => l in __KOTAE_LABELS__) || 'en'] || '';
  if (data.position === 'bottom-left') host.element.setAttribute('position', 'bottom-left');
  if (data.launcher !== 'none') root.append(button);

  const load = (): Promise<AppStart> =>
    (loading ??=
      ((host.manifest = fetch(new URL('data/manifest.json', host.base))),
      import(/* @vite-ignore */ new URL(__KOTAE_APP__, src).href).then(
        async (mod: { start: (host: WidgetHost) => Promise<AppStart> }) => {
          const app = await mod.start(host);
          run = app.run;
          // Replay in order; each queued call resolves the promise its caller got (when it had one).
          for (const call of queue.splice(0)) void run(call);
          return app;
        },
        (error: unknown) => {
          loading = undefined;
          // Callers waiting for a result hear of the failure; state commands stay queued for a retry.
          for (let i = queue.length; i--; )
            (queue[i]!.at(-1) as QueuedSettle | undefined)?.queued && (queue.splice(i, 1)[0]!.pop() as QueuedSettle).reject(error);
          throw error;
        },
      )));

  const Kotae = (...call: unknown[]): Promise<unknown> => {
    if (run) return run(call);
    // Setting state resolves at once (it is replayed when the app arrives); anything else loads the app
    // and resolves with the command's result.
    if (passive.test(String(call[0]))) return (queue.push(call), Promise.resolve());
    const pending = new Promise((resolve, reject) => queue.push([...call, { resolve, reject, queued: 1 }]));
    load().catch(() => {});
    return pending;
  };
  Kotae.v = 1 as const;
  win.Kotae = Kotae;
  // Stub calls (made with the snippet) carry no promise; they were copied above.
  for (const event of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(event, () => void load().catch(() => {}), { passive: true });
  button.addEventListener('click', () => void Kotae('toggle'));
  if (queue.some((call) => !passive.test(String(call[0])))) void load().catch(() => {});
  // An inquiry waits in the outbox (its wake-up flag): start the app when the page is idle so
  // it retries without the customer opening the widget (within 5 s on a page never idle; setTimeout, where
  // there is no requestIdleCallback, reads the options as 0). Storage may be off (sandboxed frames): then not.
  try {
    if (localStorage[outboxFlagKey(host.base)]) (window.requestIdleCallback || setTimeout)(() => void load().catch(() => {}), { timeout: 5e3 });
  } catch {}

  const mount = () => document.body.append(host.element);
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);

  customElements.define(
    'kotae-help',
    class extends HTMLElement {
      connectedCallback() {
        void load().then((app) => app.inline(this));
      }
    },
  );
}

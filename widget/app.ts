/**
 * The widget app, loaded by the loader on intent. Starts the session (site config, locale, strings), mounts
 * the floating panel into the loader's shadow root and runs the `Kotae(...)` commands.
 */
import type { KotaeOpenOptions, KotaeSearchHit, KotaeState } from './api.ts';
import type { AppStart, QueuedSettle, WidgetHost } from './app-contract.ts';
import { outboxPending } from './inquiry/outbox-flag.ts';
import { PANEL_CSS } from './panel-css.ts';
import { WidgetSession } from './session.ts';
import { applyTheme, isTheme } from './theme.ts';
import { KotaePanel } from './views/panel.ts';

function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet();
  s.replaceSync(text);
  return s;
}

/**
 * Retries the inquiries waiting in the outbox (sent offline or while the intake was down) when the app
 * starts, without the customer opening the widget. The outbox code loads only when one is waiting.
 */
async function resumeOutbox(session: WidgetSession): Promise<void> {
  const scope = session.data.base;
  // Storage off (sandboxed frame) reads as nothing pending: the outbox still retries when the form opens.
  if (!outboxPending(scope) || !session.site) return;
  const { pageOutbox } = await import('./inquiry/page-outbox.ts');
  await pageOutbox(new URL(session.site.intake.url, scope).href, scope).resume();
}

/**
 * Starts the app for the loader's host. Resolves at once; commands wait until the site config and strings
 * are in (a failed start is retried by the next command).
 */
export async function start(host: WidgetHost): Promise<AppStart> {
  const session = new WidgetSession(host.base, host.locale, host.manifest);
  const styles = sheet(PANEL_CSS);
  let siteColors = sheet('');
  // The colour scheme the page asked for (`data-theme`, the `theme` command); unset, each panel follows the system.
  let theme = isTheme(host.theme) ? host.theme : undefined;
  if (theme) applyTheme(host.element, theme);
  const panel = new KotaePanel();
  panel.session = session;
  panel.floating = true;
  panel.id = 'kotae-panel';
  const launcher = host.launcher;
  const inlinePanels: KotaePanel[] = [];
  const inlineHosts: HTMLElement[] = [];
  let restoreFocus: HTMLElement | null = null;

  const relabel = () => {
    if (!host.label) launcher.lastChild!.textContent = session.i18n.t('launcher.label');
  };

  const mount = () => {
    const site = session.site!;
    // The site's colour, as a variable the host page can still override with --kotae-primary.
    const primary = /^#[0-9a-f]{3,6}$/i.test(site.site.colors.primary) ? site.site.colors.primary : '#0b5cad';
    siteColors = sheet(`:host{--kotae-site-primary:${primary}}`);
    const root = host.element.shadowRoot!;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, siteColors, styles];
    if (!host.position && site.widget.position === 'bottom-left') host.element.setAttribute('position', 'bottom-left');
    root.append(panel);
    launcher.setAttribute('aria-controls', panel.id);
    relabel();
  };

  let ready: Promise<void> | undefined;
  const boot = (): Promise<void> =>
    (ready ??= session.start().then(mount, (error: unknown) => {
      ready = undefined;
      throw error;
    }));
  void boot()
    .then(() => resumeOutbox(session))
    .catch((error: unknown) => console.error('Kotae: the widget could not start', error));

  const open = async (options: KotaeOpenOptions = {}) => {
    if (!panel.open) {
      const active = document.activeElement as HTMLElement | null;
      restoreFocus = active === host.element ? launcher : active;
      panel.open = true;
      launcher.setAttribute('aria-expanded', 'true');
      session.events.emit('open', { view: options.view ?? panel.view });
    }
    if (options.article) await panel.openArticle(options.article);
    // With the gate at `never` the site offers no contact, whoever asks: the search view instead.
    else if (options.view === 'inquiry' && session.gate !== 'never') await panel.openInquiry();
    else if (options.query !== undefined) await panel.runQuery(options.query);
    else if (options.view === 'search') panel.view = 'search';
    await panel.updateComplete;
    if (!options.article && panel.view !== 'inquiry') panel.focusFirst();
  };
  const close = async () => {
    if (!panel.open) return;
    panel.open = false;
    launcher.setAttribute('aria-expanded', 'false');
    await panel.updateComplete;
    session.events.emit('close', {});
    (restoreFocus?.isConnected ? restoreFocus : launcher).focus();
  };
  panel.addEventListener('kotae-close', () => void close());

  const hit = (r: { entry: string; title: string; url: string; snippet: { text: string; highlight: boolean }[] }): KotaeSearchHit => ({
    id: r.entry,
    title: r.title,
    url: session.data.url(r.url),
    snippet: r.snippet,
  });

  // biome-ignore lint/suspicious/noExplicitAny: each command checks its own arguments (host pages call with anything)
  const commands: Record<string, (...args: any[]) => unknown> = {
    open,
    close,
    toggle: () => (panel.open ? close() : open()),
    setLocale: async (locale: string) => {
      await session.setLocale(locale);
      relabel();
      await Promise.all([panel, ...inlinePanels].map((p) => p.refreshTop()));
    },
    setContext: async (context) => {
      session.setContext(context);
      await Promise.all([panel, ...inlinePanels].map((p) => p.refreshTop()));
    },
    identify: (token: unknown) => {
      if (token !== null && typeof token !== 'string') throw new TypeError("Kotae('identify', token): token must be a string (a signed JWT) or null");
      session.identity = token;
    },
    prefill: (fields: unknown) => {
      if (!fields || typeof fields !== 'object') throw new TypeError("Kotae('prefill', fields): expected an object of field values");
      session.prefill = { ...session.prefill, ...(fields as Record<string, string>) };
    },
    diagnostics: (provider: unknown) => {
      if (typeof provider !== 'function') throw new TypeError("Kotae('diagnostics', fn): expected a function returning the diagnostics");
      session.diagnostics = provider as () => unknown;
    },
    search: async (query: unknown) => {
      if (typeof query !== 'string') throw new TypeError("Kotae('search', query): query must be a string");
      await open({ view: 'search', query });
      return (panel.outcome?.query === query ? panel.outcome.results : []).map(hit);
    },
    openArticle: (id: unknown) => {
      if (typeof id !== 'string' || !id) throw new TypeError("Kotae('openArticle', id): id must be an entry id");
      return open({ article: id });
    },
    analytics: (allowed: unknown) => {
      if (typeof allowed !== 'boolean') throw new TypeError("Kotae('analytics', on): expected true or false");
      session.analytics.allow(allowed);
    },
    theme: (value: unknown) => {
      if (!isTheme(value)) throw new TypeError("Kotae('theme', theme): expected 'light', 'dark' or 'auto'");
      theme = value;
      for (const element of [host.element, ...inlineHosts]) applyTheme(element, value);
    },
    on: (event, handler) => session.events.on(event, handler),
    off: (event, handler) => session.events.off(event, handler),
    state: (): KotaeState => ({
      open: panel.open,
      locale: session.locale,
      view: panel.view,
      context: { ...session.context },
      trail: [...session.trail.steps],
      gate: session.gate,
      contactVisible: session.contactVisible,
      theme: theme ?? 'auto',
    }),
  };

  const run = async (call: unknown[]): Promise<unknown> => {
    const last = call[call.length - 1] as QueuedSettle | undefined;
    const settle = last && typeof last === 'object' && (last as QueuedSettle).queued === 1 ? (call.pop() as QueuedSettle) : undefined;
    try {
      const name = String(call[0]);
      if (name === 'search') session.warmSearch();
      await boot();
      const command = commands[name];
      if (!command || !Object.hasOwn(commands, name)) throw new Error(`Kotae('${name}'): unknown command; use one of ${Object.keys(commands).join(', ')}`);
      const result = await command(...call.slice(1));
      settle?.resolve(result);
      return result;
    } catch (error) {
      if (settle) settle.reject(error);
      else console.error(error);
      throw error;
    }
  };

  const inline = (element: HTMLElement) =>
    void boot().then(() => {
      const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
      // Inline panels take their size from the page but not its fonts, colours or direction.
      if (theme) applyTheme(element, theme);
      shadow.adoptedStyleSheets = [
        siteColors,
        styles,
        sheet(
          ':host{display:block;font:15px/1.45 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP",sans-serif!important;color:#1b1f24!important;direction:ltr!important;text-align:start!important;letter-spacing:normal!important;text-transform:none!important;filter:none!important;opacity:1!important}',
        ),
      ];
      const inlinePanel = new KotaePanel();
      inlinePanel.session = session;
      inlinePanel.open = true;
      shadow.replaceChildren(inlinePanel);
      inlinePanels.push(inlinePanel);
      inlineHosts.push(element);
    });

  return { run, inline };
}

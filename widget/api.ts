/**
 * The public API of the Kotae widget, as integrators call it. This file holds types only and ships
 * unchanged as `dist/widget/kotae.d.ts`, so it must stay valid as a declaration file (no values).
 */

/** Where the customer is in the host product; ranks and picks the entries shown. */
export interface KotaeContext {
  /** Product id from the site config (e.g. `cloud-db`). */
  product?: string;
  /** Resource id of that product (e.g. `cluster`). */
  resource?: string;
  /** The host page, as a path or an id. */
  page?: string;
}

/**
 * Fields that pre-fill the inquiry form. `subject` and `message` become the summary and description; ids
 * (`product`, `problem_type`, `plan`…) must be the site config's. With `identify`, `name` and `email` (or
 * the token's `name` / `email` claims) are locked.
 */
export interface KotaePrefill {
  name?: string;
  email?: string;
  phone?: string;
  /** `email`, `phone` or `chat`: one of the site's contact methods. */
  preferred_method?: string;
  /** Language to be answered in: one of the site's locales. */
  language?: string;
  /** IANA time zone (the browser's by default). */
  time_zone?: string;
  subject?: string;
  message?: string;
  product?: string;
  resource?: string;
  problem_type?: string;
  problem_subtype?: string;
  /** The customer's support plan (a verified token's `plan` claim wins at the intake). */
  plan?: string;
  [field: string]: string | undefined;
}

/** A provider called when an inquiry is made; its result is attached as diagnostics. */
export type KotaeDiagnosticsProvider = () => unknown | Promise<unknown>;

/** One step of the deflection trail handed to the inquiry: what the customer tried before asking. */
export type KotaeTrailStep =
  | { type: 'search'; query: string; results: number; answered: boolean; top?: string; at: number }
  | { type: 'article'; id: string; title: string; at: number }
  | { type: 'vote'; id: string; helpful: boolean; at: number };

/** A search result as the widget shows it. */
export interface KotaeSearchHit {
  id: string;
  title: string;
  url: string;
  /** The answering passage, as plain-text parts; `highlight` marks matched words. */
  snippet: { text: string; highlight: boolean }[];
}

/** Payloads of the events passed to `on(event, fn)`. */
export interface KotaeEvents {
  open: { view: KotaeView };
  close: Record<string, never>;
  search: { query: string; results: number; answered: boolean };
  'article:view': { id: string; title: string; locale: string };
  vote: { id: string; helpful: boolean };
  'inquiry:start': { trail: KotaeTrailStep[] };
  /** A suggested answer solved the problem: the inquiry was not sent. */
  'inquiry:deflect': { id: string; title: string; query: string };
  /** `id`: the ticket number shown to the customer; `inquiryId`: the intake's id; `statusUrl`: where its status shows. */
  'inquiry:submit': { id: string; inquiryId?: string; replyBy?: string; statusUrl?: string };
  /** The intake refused the inquiry or a file: its message, HTTP status, and the fields at fault. */
  'inquiry:error': { message: string; status?: number; code?: string; fields?: { field: string; code: string }[] };
}
export type KotaeEventName = keyof KotaeEvents;

/** The views of the panel. */
export type KotaeView = 'search' | 'article' | 'inquiry' | 'confirmation';

/** Options of `open`. */
export interface KotaeOpenOptions {
  view?: KotaeView;
  /** With `view: 'article'`: the entry id to show. */
  article?: string;
  /** With `view: 'search'`: a query to run. */
  query?: string;
}

/**
 * The widget's colour scheme: `light`, `dark`, or `auto` (the default) to follow the customer's system
 * setting (`prefers-color-scheme`).
 */
export type KotaeTheme = 'light' | 'dark' | 'auto';

/** What the widget reports about itself (`Kotae('diagnostics')` without a provider returns it). */
export interface KotaeState {
  open: boolean;
  locale: string;
  view: KotaeView;
  context: KotaeContext;
  trail: KotaeTrailStep[];
  /** The site's `contact.visible`: when contact is offered. */
  gate: 'when-unanswered' | 'after-search' | 'always' | 'never';
  contactVisible: boolean;
  /** The colour scheme asked for (`data-theme` or the `theme` command); `auto` follows the system. */
  theme: KotaeTheme;
}

/**
 * The command function. Every call returns a promise of its result; calls made before the script loaded
 * (through the queue stub) are replayed in order.
 */
export interface KotaeCommand {
  (command: 'open', options?: KotaeOpenOptions): Promise<void>;
  (command: 'close'): Promise<void>;
  (command: 'toggle'): Promise<void>;
  (command: 'setLocale', locale: string): Promise<void>;
  (command: 'setContext', context: KotaeContext): Promise<void>;
  (command: 'identify', token: string | null): Promise<void>;
  (command: 'prefill', fields: KotaePrefill): Promise<void>;
  (command: 'diagnostics', provider: KotaeDiagnosticsProvider): Promise<void>;
  (command: 'search', query: string): Promise<KotaeSearchHit[]>;
  (command: 'openArticle', id: string): Promise<void>;
  (command: 'state'): Promise<KotaeState>;
  /**
   * Anonymous self-service events (searches, views, votes; no identifier beyond a random in-memory
   * session) for the site's insights: `false` stops them at once and drops what waits, `true` allows them
   * again. On by default when the site enables insights; always off under Global Privacy Control or Do Not
   * Track when the site respects them.
   */
  (command: 'analytics', enabled: boolean): Promise<void>;
  /**
   * The colour scheme of the floating widget and every `<kotae-help>`: `dark`, `light`, or `auto` to
   * follow the customer's system again. A page with its own light / dark switch calls it on each change.
   */
  (command: 'theme', theme: KotaeTheme): Promise<void>;
  <E extends KotaeEventName>(command: 'on' | 'off', event: E, handler: (detail: KotaeEvents[E]) => void): Promise<void>;
  /** Calls queued by the stub before the loader ran. */
  q?: unknown[][];
}

declare global {
  interface Window {
    Kotae: KotaeCommand;
  }
}

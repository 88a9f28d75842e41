import type { EVENT_QUERY_MAX, EVENT_TEXT_MAX, SelfServiceEvent } from '../../content/schema/events.ts';
import { redactPersonalData } from '../../content/personal-data.ts';
import { collecting, type InsightsSettings } from './collection-policy.ts';
import { EventSession } from './event-session.ts';
import { EventSender } from './event-sender.ts';

// Repeated from content/schema/events.ts (zod stays out of this chunk); fails to compile when they differ.
const QUERY_MAX: typeof EVENT_QUERY_MAX = 200;
const TEXT_MAX: typeof EVENT_TEXT_MAX = 500;
const PRODUCT = /^[a-z0-9]+([-_][a-z0-9]+)*$/;

type Common = 'session' | 'at' | 'locale' | 'surface' | 'product';
// Optional fields may be given as `undefined` (JSON leaves them out), which keeps the callers short.
type WithoutCommon<E> = E extends unknown ? Omit<E, Common> : never;
/** An event as its source knows it; the session, time, locale, surface and product are added here. */
export type EventInput = WithoutCommon<SelfServiceEvent>;

export interface AnalyticsSettings {
  /** `POST /v1/events` of the intake (see `eventsEndpoint`). */
  endpoint: string;
  insights: InsightsSettings;
  /** The page's locale and the product it is about (the host's context in the widget), at the time of an event. */
  page: () => { locale: string; product?: string | undefined };
}

/**
 * Anonymous self-service events of one page, shared by the widget and the KB islands. Off — nothing
 * queued, no request, not even an event listener — until `configure` is called with insights enabled,
 * while the host said `Kotae('analytics', false)`, and when the browser sends a privacy signal the site
 * respects. Free text (queries, a vote's comment) is redacted with `redactPersonalData` before it is
 * queued, so it never leaves the page.
 *
 * ```ts
 * const analytics = new Analytics('kb');   // eventsEndpoint: ./events-endpoint.ts
 * analytics.configure({ endpoint: eventsEndpoint(url, location.href), insights, page: () => ({ locale: 'en' }) });
 * analytics.record({ type: 'article_view', entry: 'reset-password', via: 'kb_page' });
 * ```
 */
export class Analytics {
  private settings: AnalyticsSettings | undefined;
  private hostAllows = true;
  private sender: EventSender | undefined;
  private readonly session = new EventSession();
  private lastSearch: SelfServiceEvent | undefined;

  constructor(private readonly surface: 'widget' | 'kb') {}

  /** Where to send, what the site allows, and where the reader is (asked at every event). */
  configure(settings: AnalyticsSettings): void {
    this.settings = settings;
  }

  /** The host's switch (`Kotae('analytics', false | true)`); switching off drops what is waiting. */
  allow(allowed: boolean): void {
    this.hostAllows = allowed;
    if (!allowed) this.sender?.clear();
  }

  /** Whether events are collected now (asked at every event, so a change applies at once). */
  get collecting(): boolean {
    return !!this.settings && collecting(this.settings.insights, this.hostAllows);
  }

  record(input: EventInput): void {
    const settings = this.settings;
    if (!settings || !this.collecting) return;
    const cleaned = clean(input);
    if (!cleaned) return;
    const { locale, product } = settings.page();
    const event = {
      ...cleaned,
      session: this.session.idAt(Date.now()),
      at: new Date().toISOString(),
      locale,
      surface: this.surface,
      ...(product && product.length <= 64 && PRODUCT.test(product) ? { product } : {}),
    } as SelfServiceEvent;
    this.sender ??= new EventSender(settings.endpoint);
    // Typing refines one query: a search still waiting is replaced by its refinement, not joined by it.
    const last = this.lastSearch;
    if (event.type === 'search') {
      this.lastSearch = event;
      if (last?.type === 'search' && (event.query.startsWith(last.query) || last.query.startsWith(event.query)) && this.sender.replace(last, event)) return;
    } else this.lastSearch = undefined;
    this.sender.push(event);
  }
}

/** The event with its free text redacted and cut to the schema's lengths; `undefined` when nothing is left of a query. */
function clean(input: EventInput): EventInput | undefined {
  if (input.type === 'search') {
    const query = redactPersonalData(input.query).trim().slice(0, QUERY_MAX).trim();
    return query ? { ...input, query } : undefined;
  }
  if (input.type === 'vote' && input.text !== undefined) {
    const text = redactPersonalData(input.text).trim().slice(0, TEXT_MAX).trim();
    const { text: _typed, ...rest } = input;
    return text ? { ...rest, text } : rest;
  }
  return input;
}

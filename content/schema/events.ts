import { z } from 'zod';
import { EntryId } from './entry.ts';
import { LocaleCode } from './locale.ts';

/**
 * Anonymous self-service events: what customers searched, what they opened, what answered them. The widget
 * and the KB pages send them in batches to `POST /v1/events`; the intake stores them beside the inquiries
 * and `npm run insights` reports on them. Nothing here identifies a person: the session id is random, lives
 * in the tab's memory only and ends after `EVENT_SESSION_IDLE_MS` without activity; free text is redacted
 * (`content/personal-data.ts`) before it leaves the browser and again on the server.
 */

/** A session ends after this long without an event; the next event starts a new one. */
export const EVENT_SESSION_IDLE_MS = 30 * 60_000;
/** Events per `POST /v1/events`, and bytes of its body. */
export const EVENT_BATCH_MAX = 50;
export const EVENT_BATCH_MAX_BYTES = 32 * 1024;
/** Characters of a query kept, and of a vote's free text. */
export const EVENT_QUERY_MAX = 200;
export const EVENT_TEXT_MAX = 500;

/** 128 random bits, base64url: no clock, no counter, nothing derived from the browser. */
export const EventSessionId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, '22 base64url characters (128 random bits)');

/** Where an event happened. */
export const EventSurface = z.enum(['widget', 'kb']);

const Common = {
  session: EventSessionId,
  /** When it happened, by the browser's clock (the intake keeps its own receipt time beside it). */
  at: z.iso.datetime({ offset: true }),
  locale: LocaleCode,
  surface: EventSurface,
  /** The product the page or the host app is about, when known. */
  product: z
    .string()
    .regex(/^[a-z0-9]+([-_][a-z0-9]+)*$/)
    .max(64)
    .optional(),
};

export const SearchEvent = z
  .object({
    ...Common,
    type: z.literal('search'),
    // A JSON Schema sees the value before trimming: the pattern says it has a non-space character.
    query: z.string().trim().min(1).max(EVENT_QUERY_MAX).meta({ pattern: '\\S' }),
    results: z.number().int().min(0).max(10_000),
    /** The search gate's verdict: did the top results answer the question? */
    answered: z.boolean(),
    top: EntryId.optional(),
  })
  .strict();

export const ArticleViewEvent = z
  .object({
    ...Common,
    type: z.literal('article_view'),
    entry: EntryId,
    /** How the reader got there: a widget result, a KB page opened directly, or the KB search page. */
    via: z.enum(['widget', 'kb_page', 'search']),
    /** 1-based position in the results it was opened from. */
    rank: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export const VoteEvent = z
  .object({
    ...Common,
    type: z.literal('vote'),
    entry: EntryId,
    helpful: z.boolean(),
    /** One of the site's `insights.voteReasons` (what was missing). */
    reason: z
      .string()
      .regex(/^[a-z0-9]+([-_][a-z0-9]+)*$/)
      .max(64)
      .optional(),
    text: z.string().trim().max(EVENT_TEXT_MAX).optional(),
  })
  .strict();

export const DeflectEvent = z.object({ ...Common, type: z.literal('deflect'), entry: EntryId }).strict();

export const ContactOpenEvent = z.object({ ...Common, type: z.literal('contact_open'), entry: EntryId.optional() }).strict();

export const InquirySubmitEvent = z.object({ ...Common, type: z.literal('inquiry_submit'), inquiry: z.string().min(1).max(64) }).strict();

export const SelfServiceEvent = z.discriminatedUnion('type', [SearchEvent, ArticleViewEvent, VoteEvent, DeflectEvent, ContactOpenEvent, InquirySubmitEvent]);
export type SelfServiceEvent = z.infer<typeof SelfServiceEvent>;
export type SelfServiceEventType = SelfServiceEvent['type'];

/** The body of `POST /v1/events`. */
export const EventBatch = z.object({ events: z.array(SelfServiceEvent).min(1).max(EVENT_BATCH_MAX) }).strict();
export type EventBatch = z.infer<typeof EventBatch>;

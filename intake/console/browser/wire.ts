/**
 * What the console's JSON API (`/admin/api/…`, intake/console/api.ts) answers, as the browser app reads it.
 * Types only: the intake and the browser project both compile this file, so neither can drift from it.
 * Config items arrive with their names in the console's language (`Choice`); dates as ISO 8601 instants.
 */

/** The states of an inquiry, in the order an inquiry goes through them (content/schema InquiryState). */
export const STATES = ['received', 'forwarded', 'in_progress', 'waiting', 'solved'] as const;
export type State = (typeof STATES)[number];

/** A config item (product, plan…) with its name in the console's language. */
export interface Choice {
  id: string;
  name: string;
}

/** What the filters offer: the site config's items, named. `GET /admin/api/choices`. */
export interface Choices {
  products: (Choice & { problemTypes: Choice[] })[];
  severities: Choice[];
  plans: Choice[];
  /** The business time zone: date filters and times are read in it. */
  timeZone: string;
}

/** One row of the list. */
export interface InquirySummary {
  id: string;
  number: string;
  receivedAt: string;
  state: State;
  stateAt: string | null;
  product: Choice;
  problemType: Choice;
  severity: Choice;
  plan: Choice;
  summary: string;
  contactName: string;
  /** Destinations that have not received it yet: pending (retrying) or dead (given up). */
  undelivered: { adapter: string; status: 'pending' | 'dead' }[];
}

/** `GET /admin/api/inquiries?…`: newest first; `next` is the `before` of the next page. */
export interface InquiryList {
  items: InquirySummary[];
  total: number;
  next: number | null;
}

export interface AttachmentView {
  token: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  /** `GET` it to download (same origin, signed-in only). */
  url: string;
}

export interface DeliveryView {
  /** The destination: `webhook`, `email`, `zendesk`. */
  adapter: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  result: string | null;
}

/** `GET /admin/api/inquiries/:id`: everything the team needs to work an inquiry. */
export interface InquiryView extends InquirySummary {
  resource: Choice | null;
  problemSubtype: Choice | null;
  planVerified: boolean;
  description: string;
  startedAt: string | null;
  firstResponseDue: string | null;
  contact: {
    name: string;
    email: string;
    phone: string | null;
    preferredMethod: Choice;
    language: Choice;
    timeZone: string;
  };
  /** Claims of a verified identity token, when the host application sent one. */
  identity: Record<string, unknown> | null;
  diagnostics: { name: string; value: string }[];
  /** What the customer tried before asking. */
  tried: {
    queries: { query: string; results: number | null; at: string | null }[];
    opened: { entryId: string; locale: string | null; at: string | null }[];
    votes: { entryId: string; helpful: boolean; at: string | null }[];
  };
  /** The language the widget was shown in. */
  locale: Choice;
  pageUrl: string | null;
  clientVersion: string | null;
  attachments: AttachmentView[];
  /** Reported states after `received`, oldest first. */
  history: { state: State; at: string; source: string }[];
  deliveries: DeliveryView[];
}

/** An error the API answers with (401, 403, 404, 400). */
export interface ApiProblem {
  error: string;
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UploadToken } from '../../content/schema/index.ts';
import { inquiriesCsv, inquiriesJsonLines } from '../inquiry-export.ts';
import type { InquiryDetail, InquiryFilter } from '../store/inquiry-query.ts';
import type { IntakeStore } from '../store/store.ts';
import type { InquiryList } from './browser/wire.ts';
import { cursorFromQuery, filterFromQuery, FilterError } from './filter-query.ts';
import { choicesView, inquiryView, safeAttachment, summaryView, type ViewContext } from './inquiry-view.ts';

/**
 * The console's JSON API under `/admin/api/` (the route table is routes.ts; every route here runs behind
 * the sign-in guard): the inquiry list with filters and paging, one inquiry, forward again, attachment
 * download. Answers are JSON with the console's headers; errors are `{"error": code}`.
 */

export interface ApiContext {
  store: IntakeStore;
  /** `KT` in `KT-000042`. */
  ticketPrefix: string;
  uploadsDir: string;
  view: ViewContext;
  /** Looks for due outbox messages now (the one just put back). */
  kickOutbox: () => void;
  now: () => number;
}

/** An answer the API gives instead of the data: status and `{"error": code}`. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Rows per page of the list. */
export const PAGE_SIZE = 25;

function filterOf(url: URL, ctx: ApiContext): InquiryFilter {
  try {
    return filterFromQuery(url.searchParams, ctx.view.config.businessHours.timeZone);
  } catch (error) {
    if (error instanceof FilterError) throw new ApiRefusal(400, 'invalid_filter');
    throw error;
  }
}

/** `GET /admin/api/inquiries?state=…&q=…&before=…`: one page, newest first. */
export async function listInquiries(url: URL, ctx: ApiContext): Promise<InquiryList> {
  const filter = filterOf(url, ctx);
  let before: number | undefined;
  try {
    before = cursorFromQuery(url.searchParams);
  } catch {
    throw new ApiRefusal(400, 'invalid_filter');
  }
  const page = await ctx.store.listInquiries(filter, { limit: PAGE_SIZE, ...(before !== undefined ? { before } : {}) });
  return { items: page.items.map((row) => summaryView(row, ctx.view, page.undelivered)), total: page.total, next: page.next };
}

/** `GET /admin/api/choices`: what the filters offer, named in the console's language. */
export const choices = (ctx: ApiContext) => choicesView(ctx.view);

async function detailOf(id: string, ctx: ApiContext): Promise<InquiryDetail> {
  const detail = await ctx.store.inquiryDetail(id);
  if (!detail) throw new ApiRefusal(404, 'not_found');
  return detail;
}

/** `GET /admin/api/inquiries/:id`. */
export async function oneInquiry(id: string, ctx: ApiContext) {
  return inquiryView(await detailOf(id, ctx), ctx.view);
}

/**
 * `POST /admin/api/inquiries/:id/deliveries/:adapter/forward`: the destination's message goes back in the
 * queue, due now, under its old id (so the webhook-id, Message-ID and Zendesk idempotency key stay the same
 * and a destination that has it already can tell). Answers the inquiry as it is now: that message pending.
 */
export async function forwardAgain(id: string, adapter: string, ctx: ApiContext) {
  if (!(await ctx.store.forwardAgain(id, adapter, ctx.now()))) throw new ApiRefusal(404, 'not_found');
  const view = inquiryView(await detailOf(id, ctx), ctx.view);
  ctx.kickOutbox();
  return view;
}

/**
 * `GET /admin/api/inquiries/:id/attachments/:token`: the file as an attachment, only when the token is one
 * of this inquiry's. Sandboxed and never sniffed: a browser saves it, it does not render it here.
 */
export async function downloadAttachment(req: IncomingMessage, res: ServerResponse, id: string, token: string, ctx: ApiContext): Promise<void> {
  if (!UploadToken.safeParse(token).success) throw new ApiRefusal(404, 'not_found');
  const detail = await detailOf(id, ctx);
  const listed = ((detail.row.data.attachments ?? []) as { token: string; name: string; type: string }[]).find((a) => a.token === token);
  if (!listed) throw new ApiRefusal(404, 'not_found');
  const file = path.join(ctx.uploadsDir, token);
  const size = await stat(file).then(
    (s) => (s.isFile() ? s.size : undefined),
    () => undefined,
  );
  if (size === undefined) throw new ApiRefusal(410, 'attachment_gone');
  const { name, type } = safeAttachment(listed.name, listed.type);
  res.writeHead(200, {
    'content-type': type,
    'content-length': size,
    'content-disposition': contentDisposition(name),
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(createReadStream(file), res);
}

/**
 * `GET /admin/api/export.csv?…` and `export.jsonl?…`: every inquiry the filter matches (all pages, newest
 * first), streamed as the store reads it (intake/inquiry-export.ts: CSV with a BOM and formulas neutralised,
 * JSON Lines with the stored inquiry), as a download named by the day.
 */
export async function exportInquiries(req: IncomingMessage, res: ServerResponse, url: URL, format: 'csv' | 'jsonl', ctx: ApiContext): Promise<void> {
  const filter = filterOf(url, ctx);
  const options = { ticketPrefix: ctx.ticketPrefix };
  const chunks = format === 'csv' ? inquiriesCsv(ctx.store, filter, options) : inquiriesJsonLines(ctx.store, filter, options);
  res.writeHead(200, {
    'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
    'content-disposition': contentDisposition(`inquiries-${new Date(ctx.now()).toISOString().slice(0, 10)}.${format}`),
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(Readable.from(chunks), res);
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII stand-in for old clients, the real
 * name percent-encoded for the rest. The name is already clean (no path, no controls).
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

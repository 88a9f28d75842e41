import { readFile } from 'node:fs/promises';
import type { SiteConfig } from '../../content/schema/index.ts';
import type { Messages } from '../i18n.ts';
import type { ForwardedInquiry } from '../inquiry-record.ts';
import type { IntakeSettings } from '../settings.ts';
import { httpFailure, networkFailure, DeliveryError, type Adapter } from './adapter.ts';
import { ticketSubject, ticketText } from './ticket-text.ts';

type ZendeskSettings = NonNullable<IntakeSettings['zendesk']>;
const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

/**
 * Creates a Zendesk ticket per inquiry: attachments first through `POST /api/v2/uploads`, then
 * `POST /api/v2/tickets` (agent API token) or `POST /api/v2/requests` (as the end user, anonymous without a
 * token), with the outbox message id as `Idempotency-Key` so a retry does not open a second ticket.
 * Severity maps to priority, the inquiry number to `external_id`, and configured custom fields are filled.
 */
export function createZendeskAdapter(settings: ZendeskSettings, config: SiteConfig, messages: Messages): Adapter {
  const base = settings.url.replace(/\/+$/, '');
  const auth: Record<string, string> = settings.token
    ? { authorization: `Basic ${Buffer.from(`${settings.email ?? ''}/token:${settings.token}`).toString('base64')}` }
    : {};

  const call = async (path: string, init: RequestInit & { headers: Record<string, string> }, signal: AbortSignal) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { ...init, headers: { ...auth, 'user-agent': 'kotae-intake', ...init.headers }, signal, redirect: 'error' });
    } catch (error) {
      throw networkFailure('zendesk', error);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw httpFailure('zendesk', response.status, response.headers.get('retry-after'));
    }
    return (await response.json()) as Record<string, Record<string, unknown> | undefined>;
  };

  const priority = (inquiry: ForwardedInquiry) =>
    settings.priorities[inquiry.severity.id] ??
    PRIORITIES[
      Math.min(
        config.severities.findIndex((s) => s.id === inquiry.severity.id),
        PRIORITIES.length - 1,
      )
    ] ??
    'normal';

  const customFields = (inquiry: ForwardedInquiry) => {
    const values: Record<string, string | undefined> = {
      product: inquiry.product.id,
      resource: inquiry.resource?.id,
      problem_type: inquiry.problem_type.id,
      problem_subtype: inquiry.problem_subtype?.id,
      severity: inquiry.severity.id,
      plan: inquiry.plan.id,
      inquiry_number: inquiry.number,
    };
    return Object.entries(settings.customFields).flatMap(([field, id]) => (values[field] ? [{ id, value: values[field] }] : []));
  };

  return {
    name: 'zendesk',
    async deliver({ messageId, inquiry, files }, signal) {
      const uploads: string[] = [];
      for (const file of files) {
        const body = await readFile(file.path);
        const answer = await call(
          `/api/v2/uploads.json?filename=${encodeURIComponent(file.name)}`,
          { method: 'POST', headers: { 'content-type': file.type }, body },
          signal,
        );
        const token = answer.upload?.token;
        if (typeof token !== 'string') throw new DeliveryError('zendesk: upload answer without a token', false);
        uploads.push(token);
      }
      const comment = { body: ticketText(inquiry, messages, config.businessHours.timeZone), uploads };
      const requester = { name: inquiry.contact.name, email: inquiry.contact.email };
      const common = { subject: ticketSubject(inquiry, messages), comment, priority: priority(inquiry), custom_fields: customFields(inquiry) };
      const [path, payload] =
        settings.api === 'tickets'
          ? ['/api/v2/tickets.json', { ticket: { ...common, requester, type: 'problem', external_id: inquiry.number, tags: settings.tags } }]
          : ['/api/v2/requests.json', { request: { ...common, ...(settings.token ? {} : { requester }) } }];
      const answer = await call(
        path,
        { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': messageId }, body: JSON.stringify(payload) },
        signal,
      );
      const created = answer.ticket ?? answer.request;
      return created && created.id !== undefined ? `zendesk:${String(created.id)}` : null;
    },
  };
}

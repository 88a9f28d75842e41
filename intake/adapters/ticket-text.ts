import { dateTimeFormat } from '../date-time.ts';
import type { Messages } from '../i18n.ts';
import type { ForwardedInquiry } from '../inquiry-record.ts';

/**
 * The inquiry as plain text for a support agent (email body, Zendesk comment), labelled in the site's
 * default language, times shown in the business-hours time zone.
 */
export function ticketSubject(inquiry: ForwardedInquiry, m: Messages): string {
  return m.t('support.subject', { number: inquiry.number, severity: inquiry.severity.name, summary: inquiry.summary });
}

export function ticketText(inquiry: ForwardedInquiry, m: Messages, timeZone: string): string {
  const { t, label } = m;
  const format = dateTimeFormat(m.locale, timeZone);
  const when = (iso: string | null) => (iso ? format.format(new Date(iso)) : '');
  const named = (n: { id: string; name: string } | null) => (n ? `${n.name} (${n.id})` : '');
  const c = inquiry.contact;
  const rows: Array<[string, string]> = [
    [t('support.number'), inquiry.number],
    [t('support.received_at'), when(inquiry.received_at)],
    [
      t('support.first_response_due'),
      `${when(inquiry.first_response_due)} — ${t('support.first_response_rule', { minutes: inquiry.first_response.minutes, clock: t(`support.clock_${inquiry.first_response.clock}`) })}`,
    ],
    [label('severity'), named(inquiry.severity)],
    [label('plan'), `${named(inquiry.plan)} — ${t(inquiry.plan.verified ? 'support.plan_verified' : 'support.plan_claimed')}`],
    [label('product'), named(inquiry.product)],
    [label('resource'), named(inquiry.resource)],
    [label('problem_type'), named(inquiry.problem_type)],
    [label('problem_subtype'), named(inquiry.problem_subtype)],
    [label('started_at'), when(inquiry.started_at)],
    [label('contact.name'), c.name],
    [label('contact.email'), c.email],
    [label('contact.phone'), c.phone ?? ''],
    [label('contact.preferred_method'), c.preferred_method],
    [label('contact.language'), c.language],
    [label('contact.time_zone'), c.time_zone],
    [t('support.identity'), inquiry.identity ? t('support.identity_verified', { sub: inquiry.identity.sub }) : t('support.identity_none')],
    [label('page_url'), inquiry.page_url ?? ''],
    [label('client_version'), inquiry.client_version ?? ''],
  ];
  const list = (items: string[]) => (items.length ? items.map((s) => `  - ${s}`).join('\n') : `  ${t('support.none')}`);
  const d = inquiry.deflection;
  return [
    t('support.heading', { number: inquiry.number }),
    '',
    ...rows.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`),
    '',
    `${label('summary')}: ${inquiry.summary}`,
    '',
    `${label('description')}:`,
    inquiry.description,
    '',
    `${label('attachments')}:`,
    list(inquiry.attachments.map((a) => t('support.attachment_line', { name: a.name, type: a.type, size: a.size }))),
    `${label('diagnostics')}:`,
    list(inquiry.diagnostics.map((x) => `${x.name}: ${x.value}`)),
    `${t('support.searches')}:`,
    list(d.queries.map((q) => (q.results === undefined ? q.query : `${q.query} (${t('support.search_results', { count: q.results })})`))),
    `${t('support.opened')}:`,
    list(d.opened.map((o) => o.entry_id)),
    `${t('support.votes')}:`,
    list(d.votes.map((v) => `${v.entry_id}: ${t(v.helpful ? 'support.vote_helpful' : 'support.vote_not_helpful')}`)),
    '',
  ].join('\n');
}

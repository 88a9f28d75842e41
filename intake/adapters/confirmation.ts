import { localize, type SiteConfig } from '../../content/schema/index.ts';
import { dateTimeFormat } from '../date-time.ts';
import type { Messages } from '../i18n.ts';
import type { ForwardedInquiry } from '../inquiry-record.ts';
import type { IntakeSettings } from '../settings.ts';
import type { Adapter } from './adapter.ts';
import { smtpFailure, smtpTransport } from './email.ts';

/** The outbox destination of the customer's confirmation mail. */
export const CONFIRMATION = 'confirmation';

/**
 * The customer's confirmation: one mail to `contact.email`, text and HTML, in the language the inquiry was
 * written in (the status page's), with the ticket number, the summary, the reply-by time in the customer's
 * time zone (the site's business-hours zone for an inquiry without one) and the status link.
 *
 * It goes through the outbox as a destination of its own, so it is retried like any delivery and never lost;
 * its `Message-ID` is the outbox message's, the same on every attempt, so a mail server or client that sees a
 * resend after a crash can tell it is the same mail. It is not a forwarding: the inquiry is `forwarded` once
 * the support destinations have it, whatever became of this mail (`toCustomer`).
 */
export function createConfirmationAdapter(options: {
  smtp: NonNullable<IntakeSettings['smtp']>;
  config: SiteConfig;
  messages: (locale: string) => Messages;
  /** The customer's status link of an inquiry. */
  statusUrl: (inquiryId: string) => string;
}): Adapter {
  const { smtp, config } = options;
  const transport = smtpTransport(smtp);
  return {
    name: CONFIRMATION,
    toCustomer: true,
    // A confirmation is only worth sending when the inquiry is sent, not when a destination is added later.
    backfill: false,
    async deliver({ messageId, inquiry }, signal) {
      signal.throwIfAborted();
      const mail = confirmationMail(inquiry, config, options.messages(inquiry.locale), options.statusUrl(inquiry.id));
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: { name: oneLine(inquiry.contact.name), address: inquiry.contact.email },
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${messageId}@kotae-intake>`,
          // RFC 3834: an automatic message, so auto-responders do not answer it.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Kotae-Inquiry': inquiry.number },
        });
        return info.messageId ?? null;
      } catch (error) {
        throw smtpFailure(error);
      }
    },
  };
}

/** The confirmation's subject, text and HTML; every value the customer typed is escaped in the HTML. */
export function confirmationMail(
  inquiry: ForwardedInquiry,
  config: SiteConfig,
  m: Messages,
  statusUrl: string,
): { subject: string; text: string; html: string } {
  const { t } = m;
  const site = localize(config.site.name, m.locale, [config.locales.default]);
  const zone = inquiry.contact.time_zone || config.businessHours.timeZone;
  const replyBy = dateTimeFormat(m.locale, zone).format(new Date(inquiry.first_response_due));
  const name = oneLine(inquiry.contact.name);
  const rows: Array<[string, string]> = [
    [t('confirmation.number'), inquiry.number],
    [t('confirmation.summary'), inquiry.summary],
    [t('confirmation.replyBy'), replyBy],
  ];
  const text = [
    t('confirmation.greeting', { name }),
    '',
    t('confirmation.intro', { site }),
    '',
    ...rows.map(([k, v]) => `${k}: ${v}`),
    '',
    t('confirmation.statusLink'),
    statusUrl,
    '',
    t('confirmation.keepPrivate'),
    '',
    '-- ',
    t('confirmation.automatic', { site }),
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="${esc(m.locale)}">
<head><meta charset="utf-8"><title>${esc(t('confirmation.subject', { number: inquiry.number, summary: oneLine(inquiry.summary) }))}</title></head>
<body>
<p>${esc(t('confirmation.greeting', { name }))}</p>
<p>${esc(t('confirmation.intro', { site }))}</p>
<table role="presentation">
${rows.map(([k, v]) => `<tr><th align="left" scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('\n')}
</table>
<p>${esc(t('confirmation.statusLink'))}<br><a href="${esc(statusUrl)}">${esc(t('confirmation.statusButton'))}</a></p>
<p>${esc(t('confirmation.keepPrivate'))}</p>
<p><small>${esc(t('confirmation.automatic', { site }))}</small></p>
</body>
</html>
`;
  return { subject: oneLine(t('confirmation.subject', { number: inquiry.number, summary: oneLine(inquiry.summary) })), text, html };
}

/** A value for a header: no line breaks or other control characters, so nothing can start a header of its own. */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

import nodemailer from 'nodemailer';
import type { Messages } from '../i18n.ts';
import type { IntakeSettings } from '../settings.ts';
import { DeliveryError, type Adapter } from './adapter.ts';
import { ticketSubject, ticketText } from './ticket-text.ts';

/**
 * Sends each inquiry as an email to the support address over SMTP, with the attachments, `Reply-To` set to
 * the customer (so a reply from the helpdesk reaches them) and a `Message-ID` derived from the outbox
 * message, so a retried send is recognisable as the same mail.
 */
export function createEmailAdapter(settings: NonNullable<IntakeSettings['smtp']>, messages: Messages, timeZone: string): Adapter {
  const transport = smtpTransport(settings);
  return {
    name: 'email',
    async deliver({ messageId, inquiry, files }, signal) {
      signal.throwIfAborted();
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: settings.to,
          replyTo: { name: inquiry.contact.name, address: inquiry.contact.email },
          subject: ticketSubject(inquiry, messages),
          text: ticketText(inquiry, messages, timeZone),
          messageId: `<${messageId}@kotae-intake>`,
          headers: { 'X-Kotae-Inquiry': inquiry.number, 'X-Kotae-Severity': inquiry.severity.id },
          attachments: files.map((f) => ({ filename: f.name, path: f.path, contentType: f.type })),
        });
        return info.messageId ?? null;
      } catch (error) {
        throw smtpFailure(error);
      }
    },
  };
}

/** The SMTP connection settings as a nodemailer transport (the support mail and the customer's confirmation share them). */
export function smtpTransport(settings: NonNullable<IntakeSettings['smtp']>) {
  return nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    requireTLS: settings.requireTLS,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

/** 5xx SMTP replies are permanent (mailbox unknown, message refused); 4xx and lost connections are not. */
export function smtpFailure(error: unknown): DeliveryError {
  const code = (error as { responseCode?: number }).responseCode;
  const permanent = typeof code === 'number' && code >= 500 && code < 600;
  return new DeliveryError(`smtp: ${code ?? (error as { code?: string }).code ?? 'failed'}`, permanent);
}

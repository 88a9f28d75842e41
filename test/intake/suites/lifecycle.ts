import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../../content/schema/index.ts';
import { dateTimeFormat } from '../../../intake/date-time.ts';
import type { RunningIntake, StartIntakeOptions } from '../../../intake/server.ts';
import { signWebhook } from '../../../intake/standard-webhooks.ts';
import { signZendesk } from '../../../intake/status-hooks.ts';
import { memoryLog, postInquiry, sampleConfig, startTestIntake, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';
import { parseMime } from '../mime.ts';
import { startSmtp, startZendesk } from '../test-servers.ts';

const ZENDESK_SECRET = randomBytes(32).toString('base64');
const STATUS_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const OLD_STATUS_SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const FAST_OUTBOX = { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 4 };
const HOOKS = { zendeskSecret: ZENDESK_SECRET, statusSecret: STATUS_SECRET };

type Answer = { status: number; json: Record<string, unknown> };

/** POSTs `body` (raw text) to a hook with these headers. */
async function hook(intake: RunningIntake, path: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${intake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** A Zendesk event-subscription event `ticket.status_changed`, as Zendesk sends it (statuses in capitals). */
function zendeskEvent(ticket: { id: number | string; externalId?: string | null }, status: string, id: string = randomUUID(), time = new Date()): string {
  return JSON.stringify({
    account_id: 10_101,
    detail: {
      actor_id: '9001',
      created_at: '2026-12-01T01:00:00Z',
      external_id: ticket.externalId ?? null,
      id: String(ticket.id),
      status: status.toUpperCase(),
      subject: 'NC-320',
      tags: ['kotae'],
      type: 'PROBLEM',
      updated_at: time.toISOString(),
      via: { channel: 'web_service' },
    },
    event: { current: status.toUpperCase(), previous: 'NEW' },
    id,
    subject: `zen:ticket:${ticket.id}`,
    time: time.toISOString(),
    type: 'zen:event-type:ticket.status_changed',
    zendesk_event_version: '2022-11-06',
  });
}

const zendeskHook = (intake: RunningIntake, body: string, at = new Date(), secret = ZENDESK_SECRET, extra: Record<string, string> = {}) =>
  hook(intake, '/v1/hooks/zendesk', body, { ...signZendesk(secret, body, at), ...extra });

const statusHook = (intake: RunningIntake, body: unknown, options: { id?: string; at?: number; secrets?: string[]; headers?: Record<string, string> } = {}) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const id = options.id ?? `msg_${randomUUID()}`;
  const ts = Math.floor((options.at ?? Date.now()) / 1000);
  const signatures = (options.secrets ?? [STATUS_SECRET]).map((s) => signWebhook(s, id, ts, text)['webhook-signature']).join(' ');
  return hook(intake, '/v1/hooks/status', text, { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signatures, ...options.headers });
};

/** Status hooks (Zendesk, Standard Webhooks) and the customer's confirmation mail, against one store. */
export function lifecycleSuite(target: StoreTarget): void {
  describe(`status hooks and the customer's confirmation on ${target.name}`, () => {
    const running: RunningIntake[] = [];
    const closers: Array<() => Promise<void>> = [];
    const start = async (options: StartIntakeOptions) => {
      const intake = await startTestIntake(target, { outbox: FAST_OUTBOX, ...options });
      running.push(intake);
      return intake;
    };
    afterAll(async () => {
      await Promise.all(running.map((i) => i.close()));
      await Promise.all(closers.map((c) => c()));
    });
    const statusOf = async (json: Record<string, unknown>) => {
      const response = await fetch(String(json.status_url), { headers: { accept: 'application/json' } });
      return (await response.json()) as { status: string; history: Array<{ state: string; at: string }> };
    };
    const forwarded = (json: Record<string, unknown>) => waitFor(async () => (await statusOf(json)).status === 'forwarded', 60_000, 'forwarded');

    it('moves a Zendesk ticket made by the intake through in progress, waiting and solved; the same event twice changes nothing', async () => {
      const zendesk = await startZendesk({ email: 'bot@nagisa.example', token: 'zd-token' });
      closers.push(zendesk.close);
      const { log, lines } = memoryLog();
      const intake = await start({ zendesk: { url: zendesk.url, email: 'bot@nagisa.example', token: 'zd-token' }, hooks: HOOKS, log });
      const { json } = await postInquiry(intake.url, validInquiry());
      await forwarded(json);
      const ticket = zendesk.calls.find((c) => c.path === '/api/v2/tickets.json')!.json!.ticket as { external_id: string };
      expect(ticket.external_id).toBe(json.number);

      const open = zendeskEvent({ id: 1000, externalId: ticket.external_id }, 'open');
      expect(await zendeskHook(intake, open)).toEqual({ status: 200, json: { outcome: 'recorded', status: 'in_progress' } });
      // Zendesk delivers again (a retry, a lost answer): recorded once.
      expect(await zendeskHook(intake, open)).toEqual({ status: 200, json: { outcome: 'duplicate', status: 'in_progress' } });
      expect((await zendeskHook(intake, zendeskEvent({ id: 1000, externalId: ticket.external_id }, 'hold'))).json).toEqual({
        outcome: 'unchanged',
        status: 'in_progress',
      });
      expect((await zendeskHook(intake, zendeskEvent({ id: 1000, externalId: ticket.external_id }, 'pending'))).json.status).toBe('waiting');
      expect((await zendeskHook(intake, zendeskEvent({ id: 1000, externalId: ticket.external_id }, 'solved'))).json.status).toBe('solved');
      expect((await zendeskHook(intake, zendeskEvent({ id: 1000, externalId: ticket.external_id }, 'closed'))).json).toEqual({
        outcome: 'unchanged',
        status: 'solved',
      });

      const view = await statusOf(json);
      expect(view.status).toBe('solved');
      expect(view.history.map((h) => h.state)).toEqual(['received', 'forwarded', 'in_progress', 'waiting', 'solved']);
      const history = await intake.store.stateHistory(String(json.id));
      expect(history.filter((h) => h.source === 'zendesk')).toHaveLength(3);
      expect(lines.filter((l) => l.msg === 'hook.state').map((l) => l.outcome)).toEqual([
        'recorded',
        'duplicate',
        'unchanged',
        'recorded',
        'recorded',
        'unchanged',
      ]);
    });

    it('finds a ticket filed through the Requests API (no external_id) by the ticket id Zendesk answered, from a trigger body', async () => {
      const zendesk = await startZendesk({ email: 'bot@nagisa.example' });
      closers.push(zendesk.close);
      const intake = await start({ zendesk: { url: zendesk.url, api: 'requests' }, hooks: HOOKS });
      const { json } = await postInquiry(intake.url, validInquiry());
      await forwarded(json);
      const [message] = await intake.store.outboxFor(String(json.id));
      expect(message!.result).toMatch(/^zendesk:\d+$/);
      const ticketId = message!.result!.slice('zendesk:'.length);
      // The trigger body of intake/README.md, placeholders filled as Zendesk fills them.
      const body = JSON.stringify({ ticket_id: ticketId, external_id: '', status: 'Solved', updated_at: new Date().toISOString() });
      const invocation = { 'x-zendesk-webhook-invocation-id': String(8_350_205_582 + Math.floor(Math.random() * 1000)) };
      expect(await zendeskHook(intake, body, new Date(), ZENDESK_SECRET, invocation)).toEqual({ status: 200, json: { outcome: 'recorded', status: 'solved' } });
      expect((await zendeskHook(intake, body, new Date(), ZENDESK_SECRET, invocation)).json.outcome).toBe('duplicate');
      // A trigger body needs the invocation id: without it there is no event id to record once.
      expect((await zendeskHook(intake, body)).status).toBe(400);
      expect((await statusOf(json)).history.map((h) => h.state)).toEqual(['received', 'forwarded', 'solved']);
    });

    it('refuses forged, replayed and malformed Zendesk hooks and unknown tickets, and changes nothing', async () => {
      const { log, lines } = memoryLog();
      const intake = await start({ hooks: HOOKS, log });
      const { json } = await postInquiry(intake.url, validInquiry());
      const ours = { id: 77, externalId: String(json.number) };
      const minutes = (n: number) => new Date(Date.now() + n * 60_000);

      // Signed with another secret, or a body changed after signing.
      expect((await zendeskHook(intake, zendeskEvent(ours, 'open'), new Date(), randomBytes(32).toString('base64'))).status).toBe(401);
      const body = zendeskEvent(ours, 'open');
      const signed = signZendesk(ZENDESK_SECRET, body);
      expect((await hook(intake, '/v1/hooks/zendesk', body.replace('OPEN', 'SOLVED'), signed)).status).toBe(401);
      expect((await hook(intake, '/v1/hooks/zendesk', body, { 'x-zendesk-webhook-signature': signed['x-zendesk-webhook-signature']! })).status).toBe(401);
      // Correctly signed, but 6 minutes old or ahead: a replay.
      const replay = await zendeskHook(intake, zendeskEvent(ours, 'open'), minutes(-6));
      expect(replay).toMatchObject({ status: 401, json: { error: 'invalid_signature' } });
      expect((await zendeskHook(intake, zendeskEvent(ours, 'open'), minutes(6))).status).toBe(401);
      // Signed, but not an event this hook reads.
      expect(await zendeskHook(intake, '{"ticket": 1')).toMatchObject({ status: 400, json: { error: 'invalid_status_event' } });
      expect((await zendeskHook(intake, JSON.stringify({ type: 'zen:event-type:ticket.status_changed', id: 'x' }))).status).toBe(400);
      expect((await hook(intake, '/v1/hooks/zendesk', 'x'.repeat(70_000), signZendesk(ZENDESK_SECRET, 'x'.repeat(70_000)))).status).toBe(413);
      // A ticket the intake did not make: 404, the same as no hook at all.
      const unknown = await zendeskHook(intake, zendeskEvent({ id: 5, externalId: 'KT-999999' }, 'open'));
      expect(unknown).toMatchObject({ status: 404, json: { error: 'not_found' } });
      expect((await zendeskHook(intake, zendeskEvent({ id: 5, externalId: null }, 'open'))).status).toBe(404);
      // Other events and statuses Kotae has no state for are acknowledged and ignored.
      const created = JSON.parse(zendeskEvent(ours, 'new')) as Record<string, unknown>;
      created.type = 'zen:event-type:ticket.created';
      expect((await zendeskHook(intake, JSON.stringify(created))).json).toEqual({ outcome: 'ignored' });
      expect((await zendeskHook(intake, zendeskEvent(ours, 'deleted'))).json).toEqual({ outcome: 'ignored' });

      expect((await statusOf(json)).history.map((h) => h.state)).toEqual(['received']);
      expect(lines.filter((l) => l.msg === 'hook.refused').map((l) => l.reason)).toEqual(['mismatch', 'mismatch', 'missing', 'stale', 'stale']);
    });

    it('records states reported through the Standard Webhooks hook by inquiry id or number; the latest time decides', async () => {
      const intake = await start({ hooks: HOOKS });
      const { json } = await postInquiry(intake.url, validInquiry());
      // Reports of moments after the receipt, all in the past by now (a report from the future counts as now).
      const base = Date.parse((await statusOf(json)).history[0]!.at);
      await waitFor(() => Date.now() > base + 50, 5_000, 'the clock to pass the reports');
      const iso = (ms: number) => new Date(ms).toISOString();

      const first = await statusHook(intake, { inquiry_id: json.id, state: 'in_progress', at: iso(base + 10) }, { id: 'evt_1' });
      expect(first).toEqual({ status: 200, json: { outcome: 'recorded', status: 'in_progress' } });
      expect((await statusHook(intake, { inquiry_id: json.id, state: 'in_progress', at: iso(base + 10) }, { id: 'evt_1' })).json.outcome).toBe('duplicate');
      // Signed with the old and the new secret during a rotation: one match is enough.
      const solved = await statusHook(intake, { number: json.number, state: 'solved', at: iso(base + 30) }, { secrets: [OLD_STATUS_SECRET, STATUS_SECRET] });
      expect(solved.json).toEqual({ outcome: 'recorded', status: 'solved' });
      // A report of an earlier moment arriving late goes into the history, not over the current state.
      const late = await statusHook(intake, { number: json.number, state: 'waiting', at: iso(base + 20) });
      expect(late.json).toEqual({ outcome: 'recorded', status: 'solved' });
      const view = await statusOf(json);
      expect(view.status).toBe('solved');
      expect(view.history.map((h) => h.state)).toEqual(['received', 'in_progress', 'waiting', 'solved']);
      // Without `at`: now.
      expect((await statusHook(intake, { inquiry_id: json.id, state: 'in_progress' })).json).toEqual({ outcome: 'recorded', status: 'in_progress' });
    });

    it('refuses forged, replayed, malformed and unknown Standard Webhooks status events', async () => {
      const intake = await start({ hooks: HOOKS });
      const { json } = await postInquiry(intake.url, validInquiry());
      const event = { inquiry_id: json.id, state: 'solved' };
      expect((await statusHook(intake, event, { secrets: [OLD_STATUS_SECRET] })).status).toBe(401);
      expect((await statusHook(intake, event, { at: Date.now() - 6 * 60_000 })).status).toBe(401);
      expect((await statusHook(intake, event, { at: Date.now() + 6 * 60_000 })).status).toBe(401);
      expect((await hook(intake, '/v1/hooks/status', JSON.stringify(event), {})).status).toBe(401);
      expect(await statusHook(intake, { inquiry_id: json.id, state: 'received' })).toMatchObject({ status: 400, json: { error: 'invalid_status_event' } });
      expect((await statusHook(intake, { inquiry_id: json.id, number: json.number, state: 'solved' })).status).toBe(400);
      expect((await statusHook(intake, { state: 'solved' })).status).toBe(400);
      expect((await statusHook(intake, 'not json')).status).toBe(400);
      expect((await statusHook(intake, { inquiry_id: randomUUID(), state: 'solved' })).status).toBe(404);
      expect((await statusHook(intake, { number: 'KT-999999', state: 'solved' })).status).toBe(404);
      expect((await statusHook(intake, { number: 'ZZ-000001', state: 'solved' })).status).toBe(404);
      expect((await statusOf(json)).status).toBe('received');
    });

    it('serves no hook without its secret: 404 as for any unknown path', async () => {
      const intake = await start({});
      expect(await zendeskHook(intake, zendeskEvent({ id: 1 }, 'open'))).toMatchObject({ status: 404, json: { error: 'not_found' } });
      expect((await statusHook(intake, { number: 'KT-000001', state: 'solved' })).status).toBe(404);
      const onlyZendesk = await start({ hooks: { zendeskSecret: ZENDESK_SECRET } });
      expect((await statusHook(onlyZendesk, { number: 'KT-000001', state: 'solved' })).status).toBe(404);
    });

    for (const locale of ['ja', 'en'] as const)
      it(`mails the customer a confirmation in the inquiry's language (${locale}): text and HTML, values escaped, the status link opens the page`, async () => {
        const smtp = await startSmtp();
        closers.push(smtp.close);
        const intake = await start({ smtp: { host: '127.0.0.1', port: smtp.port, from: 'support@nagisa.example', to: ['desk@nagisa.example'] } });
        const summary = `Camera <script>alert(1)</script> & "quotes" ${locale}`;
        const { json } = await postInquiry(
          intake.url,
          validInquiry((b) => {
            b.locale = locale;
            b.summary = summary;
            b.contact.name = 'Hanako <b>Yamada</b>\r\nBcc: evil@example.com';
            b.contact.time_zone = 'America/New_York';
          }),
        );
        expect(json.number).toBeTruthy();
        const mail = await waitFor(() => smtp.mails.find((m) => m.to.includes('hanako.yamada@example.jp')), 60_000, 'the confirmation');
        await forwarded(json);
        expect(mail.to).toEqual(['hanako.yamada@example.jp']);
        expect(mail.from).toBe('support@nagisa.example');
        const message = parseMime(mail.raw);
        // No header of the customer's making: the name's line break did not start a Bcc.
        expect(mail.raw.split(/\r\n\r\n/)[0]).not.toMatch(/^bcc:/im);
        expect(message.headers.to).toContain('hanako.yamada@example.jp');
        expect(message.headers.subject).toContain(String(json.number));
        expect(message.headers.subject).toContain('<script>');
        expect(message.headers['auto-submitted']).toBe('auto-generated');
        const [confirmation] = (await intake.store.outboxFor(String(json.id))).filter((m) => m.adapter === 'confirmation');
        expect(message.headers['message-id']).toBe(`<${confirmation!.id}@kotae-intake>`);

        expect(message.type).toBe('multipart/alternative');
        const text = message.parts.find((p) => p.type === 'text/plain')!.text;
        const html = message.parts.find((p) => p.type === 'text/html')!.text;
        const due = dateTimeFormat(locale, 'America/New_York').format(new Date(String(json.first_response_due)));
        expect(text).toContain(String(json.number));
        expect(text).toContain(summary);
        expect(text).toContain(due);
        expect(text).toContain(String(json.status_url));
        expect(text).toContain(locale === 'ja' ? 'お問い合わせを受け付け' : 'We have received your inquiry');
        expect(html).toContain(`<html lang="${locale}">`);
        expect(html).toContain('Camera &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;');
        expect(html).not.toContain('<script>');
        expect(html).not.toContain('<b>');
        expect(html).toContain(due);
        const link = /<a href="([^"]+)">/.exec(html)![1]!.replaceAll('&#38;', '&');
        expect(link).toBe(json.status_url);
        const page = await fetch(link, { headers: { accept: 'text/html' } });
        expect(page.status).toBe(200);
        const pageHtml = await page.text();
        expect(pageHtml).toContain(String(json.number));
        expect(pageHtml).toContain(`<html lang="${locale}">`);
        // The support team's own mail still went to them, once.
        expect(smtp.mails.filter((m) => m.to.includes('desk@nagisa.example'))).toHaveLength(1);
      });

    it('retries a refused confirmation under the same Message-ID, and counts it for nothing in forwarded', async () => {
      // The customer's mail server says "try again later" to the first attempt.
      let refusals = 0;
      const smtp = await startSmtp((_n, to) => to.includes('hanako.yamada@example.jp') && refusals++ === 0);
      closers.push(smtp.close);
      const intake = await start({ smtp: { host: '127.0.0.1', port: smtp.port, from: 'support@nagisa.example', to: ['desk@nagisa.example'] } });
      const { json } = await postInquiry(intake.url, validInquiry());
      const messages = await waitFor(
        async () => {
          const ms = await intake.store.outboxFor(String(json.id));
          return ms.every((m) => m.status === 'delivered') ? ms : undefined;
        },
        15_000,
        'both deliveries',
      );
      expect(messages.map((m) => m.adapter)).toEqual(['confirmation', 'email']);
      expect(messages.find((m) => m.adapter === 'confirmation')!.attempts).toBe(2);
      expect(refusals).toBe(2);
      const sent = smtp.mails.filter((m) => m.to.includes('hanako.yamada@example.jp'));
      expect(sent).toHaveLength(1);
      expect(parseMime(sent[0]!.raw).headers['message-id']).toBe(`<${messages[0]!.id}@kotae-intake>`);
      // Forwarded once support had it: recorded by the email, never by the confirmation.
      await forwarded(json);
      const history = await intake.store.stateHistory(String(json.id));
      expect(history.map((h) => [h.state, h.source])).toEqual([['forwarded', 'outbox']]);
    });

    it("sends no confirmation when the site's config turns it off", async () => {
      const smtp = await startSmtp();
      closers.push(smtp.close);
      const config: SiteConfig = { ...(await sampleConfig()), inquiries: { confirmationEmail: false } };
      const intake = await start({ config, smtp: { host: '127.0.0.1', port: smtp.port, from: 'support@nagisa.example', to: ['desk@nagisa.example'] } });
      const { json } = await postInquiry(intake.url, validInquiry());
      await forwarded(json);
      expect((await intake.store.outboxFor(String(json.id))).map((m) => m.adapter)).toEqual(['email']);
      expect(smtp.mails.map((m) => m.to)).toEqual([['desk@nagisa.example']]);
    });

    it('sends no confirmation for inquiries taken before SMTP was configured, while support gets each of them once', async () => {
      const fresh = await target.fresh();
      const before = await startTestIntake(target, { ...fresh, outbox: FAST_OUTBOX });
      const { json } = await postInquiry(before.url, validInquiry());
      await before.close();
      const smtp = await startSmtp();
      closers.push(smtp.close);
      const after = await start({ ...fresh, smtp: { host: '127.0.0.1', port: smtp.port, from: 'support@nagisa.example', to: ['desk@nagisa.example'] } });
      await waitFor(() => smtp.mails.some((m) => m.to.includes('desk@nagisa.example')), 60_000, 'the mail to support');
      await waitFor(async () => (await after.store.inquiryById(String(json.id)))?.state === 'forwarded', 60_000, 'forwarded');
      expect((await after.store.outboxFor(String(json.id))).map((m) => [m.adapter, m.status])).toEqual([['email', 'delivered']]);
      expect(smtp.mails.map((m) => m.to)).toEqual([['desk@nagisa.example']]);
    });
  });
}

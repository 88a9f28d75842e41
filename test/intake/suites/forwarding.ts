import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../../intake/standard-webhooks.ts';
import type { RunningIntake } from '../../../intake/server.ts';
import type { StartIntakeOptions } from '../../../intake/server.ts';
import { postInquiry, sampleConfig, startTestIntake, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';
import { startReceiver, startSmtp, startZendesk, unusedPort } from '../test-servers.ts';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const FAST_OUTBOX = { pollMs: 20, baseDelayMs: 40, maxDelayMs: 200, maxAttempts: 4, timeoutMs: 3_000, leaseMs: 10_000, concurrency: 4 };
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);

/** Forwarding through the outbox against one store: webhook, SMTP and Zendesk, retries and dead letters. */
export function forwardingSuite(target: StoreTarget): void {
  describe(`forwarding on ${target.name}`, () => {
    const running: RunningIntake[] = [];
    const start = async (options: StartIntakeOptions) => {
      const intake = await startTestIntake(target, { outbox: FAST_OUTBOX, ...options });
      running.push(intake);
      return intake;
    };
    afterAll(async () => {
      await Promise.all(running.map((i) => i.close()));
    });
    const messagesOf = (intake: RunningIntake, id: unknown) => intake.store.outboxFor(String(id));

    it('retries a webhook while the receiver is down and delivers a verifiable signature once it is up', async () => {
      const port = await unusedPort();
      const intake = await start({ webhook: { url: `http://127.0.0.1:${port}/hooks/kotae`, secret: SECRET } });
      const { json } = await postInquiry(intake.url, validInquiry());
      // The receiver is down: attempts fail and are rescheduled, nothing is lost.
      const failing = await waitFor(
        async () => {
          const [m] = await messagesOf(intake, json.id);
          return m && m.attempts >= 2 && m.status === 'pending' ? m : undefined;
        },
        10_000,
        'two failed attempts',
      );
      expect(failing.lastError).toMatch(/webhook/);

      const receiver = await startReceiver(() => ({ status: 204 }), port);
      try {
        const [delivered] = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms[0]?.status === 'delivered' ? ms : undefined;
          },
          10_000,
          'delivery',
        );
        expect(receiver.received).toHaveLength(1);
        const request = receiver.received[0]!;
        const body = request.body.toString('utf8');
        expect(verifyWebhook(SECRET, request.headers as Record<string, string>, body)).toBe(true);
        expect(request.headers['webhook-id']).toBe(delivered!.id);
        expect(delivered!.attempts).toBeGreaterThanOrEqual(3);
        const payload = JSON.parse(body) as { type: string; data: Record<string, unknown> };
        expect(payload.type).toBe('inquiry.created');
        expect(payload.data).toMatchObject({
          id: json.id,
          number: json.number,
          first_response_due: json.first_response_due,
          product: { id: 'camera', name: 'Nagisa Cam' },
          severity: { id: 'c' },
          contact: { email: 'hanako.yamada@example.jp' },
        });
        expect(verifyWebhook(SECRET, request.headers as Record<string, string>, body.replace('camera', 'camara'))).toBe(false);
        // The customer's status page now says support has it (recorded just after the delivery is).
        const statusUrl = new URL(String(json.status_url));
        const status = async () => ((await (await fetch(`${intake.url}${statusUrl.pathname}${statusUrl.search}`)).json()) as { status: string }).status;
        expect(await waitFor(async () => ((await status()) === 'forwarded' ? 'forwarded' : undefined), 60_000, 'the forwarded state')).toBe('forwarded');
      } finally {
        await receiver.close();
      }
    });

    it('sends the same webhook-id on every retry and inlines attachments', async () => {
      let calls = 0;
      const receiver = await startReceiver(() => (++calls <= 2 ? { status: 503, headers: { 'retry-after': '0' } } : { status: 200 }));
      try {
        const intake = await start({ webhook: { url: receiver.url, secret: SECRET } });
        const upload = (await (await fetch(`${intake.url}/v1/uploads?filename=a.png`, { method: 'POST', body: new Uint8Array(PNG) })).json()) as {
          token: string;
        };
        const { json } = await postInquiry(
          intake.url,
          validInquiry((b) => (b.attachments = [upload.token])),
        );
        await waitFor(async () => (await messagesOf(intake, json.id))[0]?.status === 'delivered', 60_000, 'delivery');
        expect(receiver.received).toHaveLength(3);
        expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
        const data = (JSON.parse(receiver.received[2]!.body.toString('utf8')) as { data: { attachments: Array<{ content_base64: string; name: string }> } })
          .data;
        expect(data.attachments).toHaveLength(1);
        expect(Buffer.from(data.attachments[0]!.content_base64, 'base64').equals(PNG)).toBe(true);
      } finally {
        await receiver.close();
      }
    });

    it('dead-letters a message the receiver refuses for good, and delivers it after requeueing', async () => {
      let status = 400;
      const receiver = await startReceiver(() => ({ status }));
      try {
        const intake = await start({ webhook: { url: receiver.url, secret: SECRET } });
        const { json } = await postInquiry(intake.url, validInquiry());
        const [dead] = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms[0]?.status === 'dead' ? ms : undefined;
          },
          10_000,
          'dead letter',
        );
        expect(dead!.attempts).toBe(1); // 400 is permanent: no pointless retries
        expect(dead!.lastError).toMatch(/HTTP 400/);
        const health = (await (await fetch(`${intake.url}/healthz`)).json()) as { outbox: { dead: number } };
        expect(health.outbox.dead).toBe(1);

        status = 204;
        expect(await intake.store.requeueDead(Date.now())).toBe(1);
        intake.outbox.kick();
        await waitFor(async () => (await messagesOf(intake, json.id))[0]?.status === 'delivered', 60_000, 'delivery after requeue');
      } finally {
        await receiver.close();
      }
    });

    it('dead-letters after the configured number of failed attempts', async () => {
      const receiver = await startReceiver(() => ({ status: 500 }));
      try {
        const intake = await start({ webhook: { url: receiver.url, secret: SECRET } });
        const { json } = await postInquiry(intake.url, validInquiry());
        await waitFor(async () => (await messagesOf(intake, json.id))[0]?.status === 'dead', 60_000, 'dead letter');
        expect(receiver.received).toHaveLength(FAST_OUTBOX.maxAttempts);
      } finally {
        await receiver.close();
      }
    });

    it('emails support over SMTP, retrying after a temporary refusal', async () => {
      const smtp = await startSmtp((n) => n === 1); // the first message gets "451 try again later"
      try {
        // Support's mail alone (the customer's confirmation has its own tests in suites/lifecycle.ts).
        const config = { ...(await sampleConfig()), inquiries: { confirmationEmail: false } };
        const intake = await start({ config, smtp: { host: '127.0.0.1', port: smtp.port, from: 'intake@nagisa.example', to: ['support@nagisa.example'] } });
        const upload = (await (await fetch(`${intake.url}/v1/uploads?filename=screen.png`, { method: 'POST', body: new Uint8Array(PNG) })).json()) as {
          token: string;
        };
        const { json } = await postInquiry(
          intake.url,
          validInquiry((b) => (b.attachments = [upload.token])),
        );
        const [message] = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms[0]?.status === 'delivered' ? ms : undefined;
          },
          15_000,
          'email delivery',
        );
        expect(smtp.attempts()).toBe(2);
        expect(smtp.mails).toHaveLength(1);
        const mail = smtp.mails[0]!;
        expect(mail.from).toBe('intake@nagisa.example');
        expect(mail.to).toEqual(['support@nagisa.example']);
        const raw = mail.raw.replace(/\r\n[ \t]+/g, ' ');
        expect(raw).toMatch(new RegExp(`^X-Kotae-Inquiry: ${String(json.number)}$`, 'm'));
        expect(raw).toMatch(new RegExp(`^Message-ID: <${message!.id}@kotae-intake>$`, 'mi'));
        expect(raw).toMatch(/^Reply-To: .*<hanako\.yamada@example\.jp>$/m);
        expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
        expect(raw).toMatch(/Content-Disposition: attachment; filename=screen\.png/);
        expect(raw).toContain(Buffer.from(PNG).toString('base64').slice(0, 40));
      } finally {
        await smtp.close();
      }
    });

    it('creates a Zendesk ticket with uploads, priority, custom fields and an idempotency key', async () => {
      const zendesk = await startZendesk({ email: 'bot@nagisa.example', token: 'zd-token' });
      try {
        const intake = await start({
          zendesk: {
            url: zendesk.url,
            email: 'bot@nagisa.example',
            token: 'zd-token',
            customFields: { product: 360001, severity: 360002, inquiry_number: 360003 },
          },
        });
        const upload = (await (await fetch(`${intake.url}/v1/uploads?filename=screen.png`, { method: 'POST', body: new Uint8Array(PNG) })).json()) as {
          token: string;
        };
        const { json } = await postInquiry(
          intake.url,
          validInquiry((b) => (b.attachments = [upload.token])),
        );
        const [message] = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms[0]?.status === 'delivered' ? ms : undefined;
          },
          10_000,
          'zendesk delivery',
        );
        expect(zendesk.problems).toEqual([]);
        expect(zendesk.calls.map((c) => c.path)).toEqual(['/api/v2/uploads.json', '/api/v2/tickets.json']);
        expect(zendesk.calls[0]!.bytes).toBe(PNG.length);
        const ticketCall = zendesk.calls[1]!;
        expect(ticketCall.headers['idempotency-key']).toBe(message!.id);
        const ticket = (ticketCall.json as { ticket: Record<string, unknown> }).ticket;
        expect(ticket).toMatchObject({
          subject: expect.stringContaining(String(json.number)),
          priority: 'normal', // severity C is the third severity
          external_id: json.number,
          requester: { name: '山田 花子', email: 'hanako.yamada@example.jp' },
          comment: { uploads: ['upload-1'] },
          custom_fields: [
            { id: 360001, value: 'camera' },
            { id: 360002, value: 'c' },
            { id: 360003, value: json.number },
          ],
        });
        expect(String((ticket.comment as { body: string }).body)).toContain('先週ルーターを交換してから');
        expect(message!.result).toBe('zendesk:1000');
      } finally {
        await zendesk.close();
      }
    });

    it('files an anonymous Zendesk request through the Requests API', async () => {
      const zendesk = await startZendesk({ email: '' });
      try {
        const intake = await start({ zendesk: { url: zendesk.url, api: 'requests' } });
        const { json } = await postInquiry(
          intake.url,
          validInquiry((b) => (b.severity = 'b')),
        );
        await waitFor(async () => (await messagesOf(intake, json.id))[0]?.status === 'delivered', 60_000, 'zendesk delivery');
        expect(zendesk.problems).toEqual([]);
        const call = zendesk.calls.find((c) => c.path === '/api/v2/requests.json')!;
        expect(call.headers.authorization).toBeUndefined();
        expect((call.json as { request: Record<string, unknown> }).request).toMatchObject({
          priority: 'high',
          requester: { email: 'hanako.yamada@example.jp' },
        });
      } finally {
        await zendesk.close();
      }
    });

    it('dead-letters Zendesk deliveries refused for bad credentials', async () => {
      const zendesk = await startZendesk({ email: 'bot@nagisa.example', token: 'right' });
      try {
        const intake = await start({ zendesk: { url: zendesk.url, email: 'bot@nagisa.example', token: 'wrong' } });
        const { json } = await postInquiry(intake.url, validInquiry());
        const [dead] = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms[0]?.status === 'dead' ? ms : undefined;
          },
          10_000,
          'dead letter',
        );
        expect(dead!.lastError).toMatch(/HTTP 401/);
      } finally {
        await zendesk.close();
      }
    });

    it('forwards each inquiry to every configured destination', async () => {
      const receiver = await startReceiver();
      const smtp = await startSmtp();
      try {
        const intake = await start({
          webhook: { url: receiver.url, secret: SECRET },
          smtp: { host: '127.0.0.1', port: smtp.port, from: 'intake@nagisa.example', to: ['support@nagisa.example'] },
        });
        const { json } = await postInquiry(intake.url, validInquiry());
        const messages = await waitFor(
          async () => {
            const ms = await messagesOf(intake, json.id);
            return ms.length === 3 && ms.every((m) => m.status === 'delivered') ? ms : undefined;
          },
          10_000,
          'every delivery',
        );
        // With SMTP configured, the customer's confirmation goes through the outbox too.
        expect(messages.map((m) => m.adapter)).toEqual(['confirmation', 'email', 'webhook']);
        expect(receiver.received).toHaveLength(1);
        expect(smtp.mails.map((m) => m.to)).toEqual(expect.arrayContaining([['support@nagisa.example'], ['hanako.yamada@example.jp']]));
        expect(smtp.mails).toHaveLength(2);
      } finally {
        await receiver.close();
        await smtp.close();
      }
    });
  });
}

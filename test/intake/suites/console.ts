import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InquiryList, InquiryView } from '../../../intake/console/browser/wire.ts';
import type { RunningIntake } from '../../../intake/server.ts';
import { CONSOLE_SAMPLES, SAMPLE_PNG, submitSamples } from '../../../scripts/console-samples.ts';
import { addAccount } from '../../../intake/admin/accounts.ts';
import { AdminClient } from '../admin-client.ts';
import { postInquiry, startTestIntake, validInquiry, waitFor, type StoreTarget } from '../fixtures.ts';
import { startReceiver, type Received } from '../test-servers.ts';

const PASSWORD = 'correct horse battery staple';
const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

/** The support console's API (`/admin/api/…`) against one store, signed in through the test-only resolver. */
export function consoleSuite(target: StoreTarget): void {
  describe(`support console API on ${target.name}`, () => {
    let intake: RunningIntake;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const inquiryIdOf = (request: Received) => (JSON.parse(request.body.toString()) as { data?: { id?: string } }).data?.id;
    const deliveriesOf = (id: string | undefined) => receiver.received.filter((r) => inquiryIdOf(r) === id);
    let clock = Date.parse('2026-11-20T00:00:00Z');
    // A real session: a local account signed in through the sign-in form, its CSRF token read from the console page.
    const session = { cookie: '', csrfToken: '' };
    let ids: string[];

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${intake.url}${path}`, { headers: { cookie: session.cookie, ...headers } });
    const list = async (query: string, lang = 'en') => (await (await get(`/admin/api/inquiries?${query}`, { 'accept-language': lang })).json()) as InquiryList;
    const detail = async (id: string) => (await (await get(`/admin/api/inquiries/${id}`)).json()) as InquiryView;

    beforeAll(async () => {
      // The first delivery of an inquiry is taken; one sent again is answered 503, so it stays pending (and
      // retried) and the console's answer to "forward again" shows it pending, however fast the outbox is.
      receiver = await startReceiver((request) => ({ status: deliveriesOf(inquiryIdOf(request)).length > 1 ? 503 : 204 }));
      intake = await startTestIntake(target, {
        now: () => clock,
        webhook: { url: `${receiver.url}/hooks`, secret: SECRET },
        outbox: { pollMs: 50, baseDelayMs: 50, maxDelayMs: 1_000, maxAttempts: 5, leaseMs: 60_000, timeoutMs: 5_000, concurrency: 2 },
      });
      // 21 older fillers, then the six samples: 27 inquiries, more than one page of 25.
      for (let i = 0; i < 21; i++) {
        clock = Date.parse('2026-11-18T00:00:00Z') + i * 60_000;
        expect(
          (
            await postInquiry(
              intake.url,
              validInquiry((b) => {
                b.summary = `Filler ${i}`;
                b.description = `An older inquiry, number ${i} of the fillers.`;
                b.deflection = { queries: [], opened: [], votes: [] };
              }),
            )
          ).status,
        ).toBe(201);
      }
      ids = await submitSamples(intake, (ms) => (clock = ms));
      await addAccount(intake.store, 'agent', PASSWORD);
      const client = new AdminClient(intake.url);
      expect((await client.signIn('agent', PASSWORD)).status).toBe(303);
      session.csrfToken = /<meta name="csrf-token" content="([^"]+)">/.exec((await client.get('/admin/')).text)![1]!;
      session.cookie = [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      await waitFor(async () => (await intake.store.outboxCounts()).pending === 0, 30_000, 'every inquiry forwarded');
    }, 120_000);
    afterAll(async () => {
      await intake?.close();
      await receiver?.close();
    });

    it('without a session, the page sends the browser to the sign-in and the API answers 401, with the console headers', async () => {
      const page = await fetch(`${intake.url}/admin/`, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/admin/sign-in');
      const api = await fetch(`${intake.url}/admin/api/inquiries`);
      expect(api.status).toBe(401);
      expect(await api.json()).toEqual({ error: 'unauthorized' });
      for (const response of [page, api]) {
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(response.headers.get('content-security-policy')).toBe(CSP);
        expect(response.headers.get('referrer-policy')).toBe('same-origin');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
      }
      expect((await fetch(`${intake.url}/admin/api/inquiries/${ids[0]}`, { headers: { cookie: 'kotae_admin=forged' } })).status).toBe(401);
    });

    it('serves the page with its script and stylesheet as same-origin files, no inline script or style', async () => {
      const page = await get('/admin/', { 'accept-language': 'ja' });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CSP);
      const html = await page.text();
      expect(html).toMatch(/<html lang="ja">/);
      expect(html).not.toMatch(/<style|<script>|<script(?![^>]*\ssrc=)|\sstyle=|\son[a-z]+=/);
      const [, script] = /<script src="([^"]+)"/.exec(html)!;
      const [, style] = /<link rel="stylesheet" href="([^"]+)"/.exec(html)!;
      for (const file of [script!, style!]) {
        const response = await fetch(`${intake.url}${file}`);
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-store');
      }
      expect((await get('/admin/?lang=en')).status).toBe(200);
      expect(await (await get('/admin/?lang=en')).text()).toMatch(/<html lang="en">/);
    });

    it('lists inquiries newest first, 25 a page, with the next page behind `before`', async () => {
      const first = await list('');
      expect(first.total).toBe(27);
      expect(first.items).toHaveLength(25);
      expect(first.items.slice(0, 6).map((i) => i.id)).toEqual([...ids].reverse());
      expect(first.next).not.toBeNull();
      const second = await list(`before=${first.next}`);
      expect(second.items.map((i) => i.summary)).toEqual(['Filler 1', 'Filler 0']);
      expect(second.next).toBeNull();
    });

    it('names config items in the console language and filters by state, product, problem type, severity, plan and dates', async () => {
      const en = await list('state=waiting');
      expect(en.items.map((i) => i.summary)).toEqual([CONSOLE_SAMPLES[3]!.body.summary]);
      expect(en.items[0]).toMatchObject({
        state: 'waiting',
        severity: { id: 'c', name: 'Severity C (minimal)' },
        product: { id: 'groupware', name: 'Nagisa Workplace' },
      });
      const ja = await list('state=waiting', 'ja');
      expect(ja.items[0]!.severity.name).toBe('重要度 C（軽微）');
      expect(ja.items[0]!.problemType.name).toBe('メールの送受信');

      expect((await list('product=cloud-db')).items.map((i) => i.id)).toEqual([ids[5], ids[1]]);
      expect((await list('product=cloud-db&severity=b')).items.map((i) => i.id)).toEqual([ids[1]]);
      expect((await list('problem_type=sign-in')).items.map((i) => i.id)).toEqual([ids[2]]);
      expect((await list('plan=developer')).items.map((i) => i.id)).toEqual([ids[3]]);
      expect((await list('state=solved&state=in_progress')).items.map((i) => i.id)).toEqual([ids[4], ids[2]]);
      // Days in the business time zone (Tokyo): 2026-11-26 JST is 11-25T15:00Z to 11-26T15:00Z.
      expect((await list('from=2026-11-26&to=2026-11-26')).items.map((i) => i.id)).toEqual([ids[3], ids[2]]);
      expect((await list('from=2026-11-27')).items.map((i) => i.id)).toEqual([ids[5], ids[4]]);
    });

    it('shows which destinations have not received an inquiry yet, and filters to those', async () => {
      expect((await list('undelivered=1')).total).toBe(0);
      // Back in the queue but due in an hour: pending, and the outbox leaves it alone until then.
      expect(await intake.store.forwardAgain(ids[3]!, 'webhook', Date.now() + 3_600_000)).toBe(true);
      const undelivered = await list('undelivered=1');
      expect(undelivered.items.map((i) => [i.id, i.undelivered])).toEqual([[ids[3], [{ adapter: 'webhook', status: 'pending' }]]]);
      expect((await list('')).items.find((i) => i.id === ids[2])!.undelivered).toEqual([]);
      expect((await get('/admin/api/inquiries?undelivered=yes')).status).toBe(400);
    });

    it('finds Japanese words without word breaks, in summaries, descriptions and what the customer searched', async () => {
      expect((await list(`q=${encodeURIComponent('認証コード')}`)).items.map((i) => i.id)).toEqual([ids[2]]);
      expect((await list(`q=${encodeURIComponent('登録済み')}`)).items.map((i) => i.id)).toEqual([ids[4]]);
      expect((await list(`q=${encodeURIComponent('切れる')}`)).items.map((i) => i.id)).toEqual([ids[0]]);
      expect((await list(`q=${encodeURIComponent('見つからない言葉')}`)).total).toBe(0);
    });

    it('refuses a filter it cannot read with 400', async () => {
      for (const query of ['state=lost', 'from=2026-13-45', 'before=abc', 'product=../x']) {
        const response = await get(`/admin/api/inquiries?${query}`);
        expect(response.status, query).toBe(400);
        expect(await response.json()).toEqual({ error: 'invalid_filter' });
      }
    });

    it('shows one inquiry with names, contact, diagnostics, what was tried, history, deliveries and attachments', async () => {
      const view = await detail(ids[0]!);
      expect(view).toMatchObject({
        number: expect.stringMatching(/^KT-\d{6}$/),
        product: { id: 'camera', name: 'Nagisa Cam' },
        resource: { id: 'nc-320' },
        problemSubtype: { id: 'disconnects' },
        contact: { name: '山田 花子', email: 'hanako.yamada@example.jp', phone: '+81 90-1234-5678', preferredMethod: { id: 'email' }, timeZone: 'Asia/Tokyo' },
        diagnostics: [{ name: 'app_version', value: 'Nagisa Cam 4.12.0 (iOS 19.1)' }, { name: 'firmware' }, { name: 'last_error' }],
        tried: {
          queries: [
            { query: 'カメラ オフライン', results: 4 },
            { query: 'wifi 切れる nc-320', results: 0 },
          ],
          opened: [{ entryId: 'camera-offline' }],
          votes: [{ entryId: 'camera-offline', helpful: false }],
        },
        deliveries: [{ adapter: 'webhook', status: 'delivered', attempts: 1, lastError: null }],
        attachments: [{ name: 'ルーター設定.png', type: 'image/png', size: SAMPLE_PNG.length }],
      });
      // The outbox reported `forwarded`, the sample's helpdesk nothing more.
      expect(view.history.map((h) => h.state)).toEqual(['forwarded']);
      const worked = await detail(ids[2]!);
      expect(worked.history.map((h) => [h.state, h.source])).toContainEqual(['in_progress', 'zendesk']);
      expect(worked.state).toBe('in_progress');
      expect((await get(`/admin/api/inquiries/${randomUUID()}`)).status).toBe(404);
    });

    it('downloads an attachment of that inquiry only, as a sandboxed attachment with its UTF-8 name', async () => {
      const view = await detail(ids[0]!);
      const response = await get(view.attachments[0]!.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="______.png"; filename*=UTF-8''${encodeURIComponent('ルーター設定.png')}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'");
      expect(Buffer.from(await response.arrayBuffer()).equals(SAMPLE_PNG)).toBe(true);
      // The same token under another inquiry, and a token that is no upload, are not found.
      expect((await get(`/admin/api/inquiries/${ids[1]}/attachments/${view.attachments[0]!.token}`)).status).toBe(404);
      expect((await get(`/admin/api/inquiries/${ids[0]}/attachments/${'A'.repeat(32)}`)).status).toBe(404);
      expect((await fetch(`${intake.url}${view.attachments[0]!.url}`)).status).toBe(401);
    });

    it('exports the filtered list as CSV (with a BOM, Japanese intact) and as JSON Lines, newest first', async () => {
      const csv = await get(`/admin/api/export.csv?q=${encodeURIComponent('認証コード')}`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="inquiries-\d{4}-\d{2}-\d{2}\.csv"/);
      expect(csv.headers.get('cache-control')).toBe('no-store');
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^number,received_at,state,/);
      expect(lines[1]).toContain('2 段階認証のコードが届かない');

      const jsonl = await get('/admin/api/export.jsonl?product=cloud-db');
      expect(jsonl.status).toBe(200);
      expect(jsonl.headers.get('content-disposition')).toMatch(/^attachment; filename="inquiries-\d{4}-\d{2}-\d{2}\.jsonl"/);
      const records = (await jsonl.text())
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string; data: { product: string } });
      expect(records.map((r) => r.id)).toEqual([ids[5], ids[1]]);
      expect(records.every((r) => r.data.product === 'cloud-db')).toBe(true);
      expect((await fetch(`${intake.url}/admin/api/export.csv`)).status).toBe(401);
      expect((await get('/admin/api/export.csv?state=lost')).status).toBe(400);
    });

    it('forwards again only with the session CSRF token, under the same webhook id', async () => {
      const path = `/admin/api/inquiries/${ids[1]}/deliveries/webhook/forward`;
      const before = deliveriesOf(ids[1]);
      expect(before).toHaveLength(1);
      expect((await fetch(`${intake.url}${path}`, { method: 'POST', headers: { cookie: session.cookie } })).status).toBe(403);
      expect((await fetch(`${intake.url}${path}`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': 'wrong' } })).status).toBe(403);
      const response = await fetch(`${intake.url}${path}`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
      expect(response.status).toBe(200);
      const view = (await response.json()) as InquiryView;
      expect(view.deliveries).toEqual([expect.objectContaining({ adapter: 'webhook', status: 'pending' })]);
      const again = await waitFor(() => {
        const hits = deliveriesOf(ids[1]);
        return hits.length >= 2 ? hits.slice(0, 2) : undefined;
      }, 20_000);
      expect(again[1]!.headers['webhook-id']).toBe(again[0]!.headers['webhook-id']);
      expect(
        (
          await fetch(`${intake.url}/admin/api/inquiries/${ids[1]}/deliveries/zendesk/forward`, {
            method: 'POST',
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
          })
        ).status,
      ).toBe(404);
      expect((await get(path)).status).toBe(405);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstResponseDue } from '../../../content/business-hours.ts';
import { supportPromise } from '../../../content/support-promise.ts';
import type { RunningIntake } from '../../../intake/server.ts';
import { sweepUploads } from '../../../intake/uploads.ts';
import { replyBy } from '../../../widget/inquiry/reply-by.ts';
import { memoryLog, postInquiry, sampleConfig, startTestIntake, validInquiry, type StoreTarget } from '../fixtures.ts';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(100)]);
const JWT_SECRET = 'test-identity-secret-that-is-long-enough';

async function upload(baseUrl: string, bytes: Buffer, name: string, type?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/v1/uploads?filename=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...(type ? { 'content-type': type } : {}), ...headers },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, json: (await response.json()) as Record<string, string> };
}

const identityToken = (claims: Record<string, unknown>, change: (j: SignJWT) => SignJWT = (j) => j) =>
  change(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('https://app.example').setAudience('kotae').setExpirationTime('10m')).sign(
    new TextEncoder().encode(JWT_SECRET),
  );

/** The HTTP API against one store: idempotency, validation, fuzzing, uploads, identity, CORS, limits, logs. */
export function apiSuite(target: StoreTarget): void {
  describe(`intake API on ${target.name}`, () => {
    let intake: RunningIntake;
    let url: string;
    const logged = memoryLog();
    const now = Date.parse('2026-11-27T08:00:00Z'); // Friday 17:00 in Tokyo

    beforeAll(async () => {
      intake = await startTestIntake(target, {
        log: logged.log,
        now: () => now,
        identity: { hs256Secret: JWT_SECRET, issuer: 'https://app.example', audience: 'kotae' },
        corsOrigins: ['https://shop.example'],
      });
      url = intake.url;
    });
    afterAll(() => intake?.close());

    it('answers health checks with the store in use', async () => {
      const response = await fetch(`${url}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', store: target.name });
    });

    it("documents itself at /v1/openapi.json with this site's ids", async () => {
      const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
        components: { schemas: { Inquiry: { properties: Record<string, { enum?: string[] }>; required: string[] } } };
      };
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/inquiries', '/v1/inquiries/{id}', '/v1/uploads', '/healthz']));
      expect(doc.components.schemas.Inquiry.properties.product!.enum).toEqual(['groupware', 'cloud-db', 'camera']);
      expect(doc.components.schemas.Inquiry.required).toEqual(expect.arrayContaining(['product', 'summary', 'contact', 'locale']));
    });

    it('stores an inquiry and answers 201 with a ticket number, an honest reply-by time and a private status URL', async () => {
      const { status, json } = await postInquiry(url, validInquiry());
      expect(status).toBe(201);
      expect(Object.keys(json).sort()).toEqual(['first_response_due', 'id', 'number', 'status', 'status_url']);
      expect(json.number).toMatch(/^KT-\d{6}$/);
      expect(json.status).toBe('received');
      // Severity C on Standard: 8 business hours from Friday 17:00 JST is Monday 16:00 JST.
      const expected = firstResponseDue(await sampleConfig(), 'c', 'standard', new Date(now))!.due.toISOString();
      expect(json.first_response_due).toBe(expected);
      expect(expected).toBe('2026-11-30T07:00:00.000Z');

      const statusUrl = new URL(String(json.status_url));
      const view = await fetch(`${url}${statusUrl.pathname}${statusUrl.search}`);
      expect(view.status).toBe(200);
      expect(await view.json()).toMatchObject({ id: json.id, number: json.number, status: 'received', first_response_due: expected, severity: 'c' });
      expect((await fetch(`${url}${statusUrl.pathname}?token=${'A'.repeat(43)}`)).status).toBe(404);
      expect((await fetch(`${url}/v1/inquiries/${randomUUID()}${statusUrl.search}`)).status).toBe(404);
    });

    it('answers a repeated request with the same key and body with the same response, creating nothing', async () => {
      const key = randomUUID();
      const body = validInquiry();
      const first = await postInquiry(url, body, { key });
      const before = await intake.store.countInquiries();
      // Same content, other key order and whitespace: still the same request.
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(body).reverse()), null, 2);
      const again = await postInquiry(url, reordered, { key });
      expect(again.status).toBe(201);
      expect(again.json).toEqual(first.json);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await intake.store.countInquiries()).toBe(before);
    });

    it("answers 409 to the same key with another body, in the request's language", async () => {
      const key = randomUUID();
      await postInquiry(url, validInquiry(), { key });
      const before = await intake.store.countInquiries();
      const ja = await postInquiry(
        url,
        validInquiry((b) => (b.summary = '別の件名')),
        { key },
      );
      expect(ja.status).toBe(409);
      expect(ja.json).toMatchObject({ error: 'idempotency_conflict' });
      expect(String(ja.json.message)).toMatch(/リクエストキー/);
      const en = await postInquiry(
        url,
        validInquiry((b) => Object.assign(b, { summary: 'Another', locale: 'en' })),
        { key },
      );
      expect(en.status).toBe(409);
      expect(String(en.json.message)).toMatch(/already used/);
      expect(await intake.store.countInquiries()).toBe(before);
    });

    it('stores one inquiry when the same request races in ten times', async () => {
      const key = randomUUID();
      const before = await intake.store.countInquiries();
      const answers = await Promise.all(Array.from({ length: 10 }, () => postInquiry(url, validInquiry(), { key })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
      expect(await intake.store.countInquiries()).toBe(before + 1);
    });

    it('requires a well-formed Idempotency-Key', async () => {
      const response = await fetch(`${url}/v1/inquiries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(validInquiry()),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'missing_idempotency_key' });
      expect((await postInquiry(url, validInquiry(), { key: 'short' })).status).toBe(400);
    });

    it('names each invalid field with a message in Japanese', async () => {
      const { status, json } = await postInquiry(
        url,
        validInquiry((b) => {
          b.contact.email = 'hanako@';
          b.summary = '';
          b.severity = 'z';
        }),
      );
      expect(status).toBe(400);
      expect(json.error).toBe('invalid_inquiry');
      expect(json.message).toBe('入力内容をご確認ください。');
      const fields = json.fields as Array<{ field: string; code: string; label: string; message: string }>;
      expect(fields.map((f) => f.field).sort()).toEqual(['contact.email', 'severity', 'summary']);
      expect(fields.find((f) => f.field === 'summary')).toMatchObject({ code: 'required', label: '件名', message: '件名を入力してください。' });
    });

    it('names each invalid field in English when the inquiry is in English or the browser asks for it', async () => {
      const inEnglish = await postInquiry(
        url,
        validInquiry((b) => Object.assign(b, { locale: 'en', summary: '' })),
      );
      expect(inEnglish.json.fields).toEqual([expect.objectContaining({ field: 'summary', label: 'Summary', message: 'Summary is required.' })]);
      const byHeader = await postInquiry(url, { product: 'camera' }, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
      expect(byHeader.status).toBe(400);
      expect((byHeader.json.fields as Array<{ field: string; message: string }>).find((f) => f.field === 'contact')!.message).toBe(
        'Contact details is required.',
      );
    });

    it('answers malformed requests with 4xx codes of their own', async () => {
      const post = (body: string, headers: Record<string, string>) =>
        fetch(`${url}/v1/inquiries`, { method: 'POST', headers: { 'idempotency-key': randomUUID(), ...headers }, body });
      expect((await post('{"a":', { 'content-type': 'application/json' })).status).toBe(400);
      expect((await post('hello', { 'content-type': 'text/plain' })).status).toBe(415);
      const big = await post(JSON.stringify({ description: 'x'.repeat(300 * 1024) }), { 'content-type': 'application/json' });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: 'body_too_large' });
      expect((await fetch(`${url}/v1/inquiries`)).status).toBe(405);
      expect((await fetch(`${url}/v1/nothing`)).status).toBe(404);
    });

    it('survives 1,000 malformed or random bodies with 4xx answers only', async () => {
      const REQUIRED = ['product', 'problem_type', 'severity', 'plan', 'summary', 'description', 'contact', 'locale'] as const;
      const SPOILERS = [null, 42, [], true, { $ne: 1 }, '', '   '];
      const seed = { n: 20_26 };
      const rand = () => (seed.n = (seed.n * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const junk = (depth: number): unknown => {
        const kind = Math.floor(rand() * (depth > 3 ? 6 : 9));
        return [
          () => null,
          () => rand() > 0.5,
          () => pick([0, -1, 1e308, -1e-308, 2 ** 53 + 1, 3.14]),
          () => pick(['', 'ja', 'a'.repeat(5000), '\u0000', '💥', '<script>', '../../etc/passwd', '{{x}}', 'NaN']),
          () => randomUUID(),
          () => pick([[], {}]),
          () => Array.from({ length: Math.floor(rand() * 4) }, () => junk(depth + 1)),
          () =>
            Object.fromEntries(
              Array.from({ length: Math.floor(rand() * 5) }, () => [
                pick(['product', 'contact', '__proto__', 'constructor', 'x', 'attachments', 'deflection']),
                junk(depth + 1),
              ]),
            ),
          () => {
            // A valid inquiry with one to three required fields spoiled.
            const body: Record<string, unknown> = validInquiry();
            for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) body[pick(REQUIRED)] = pick(SPOILERS);
            return body;
          },
        ][kind]!();
      };
      const bodies: string[] = [];
      for (let i = 0; i < 1000; i++) {
        const r = rand();
        if (r < 0.15) bodies.push(Buffer.from(Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256))).toString('latin1'));
        else if (r < 0.25) {
          const text = JSON.stringify(validInquiry());
          bodies.push(text.slice(0, Math.floor(rand() * (text.length - 1)))); // cut short
        } else if (r < 0.3) bodies.push('['.repeat(5000) + ']'.repeat(5000));
        else bodies.push(JSON.stringify(junk(0)) ?? 'undefined');
      }
      const statuses = new Map<number, number>();
      for (let i = 0; i < bodies.length; i += 50) {
        const batch = await Promise.all(bodies.slice(i, i + 50).map((b) => postInquiry(url, b).catch(() => ({ status: 0, json: {} }))));
        for (const { status, json } of batch) {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          expect(JSON.stringify(json)).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
        }
      }
      const codes = [...statuses.keys()];
      expect(
        codes.every((s) => s >= 400 && s < 500),
        `status codes seen: ${JSON.stringify([...statuses])}`,
      ).toBe(true);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await postInquiry(url, validInquiry())).status).toBe(201);
    });

    it('accepts nothing from a filled honeypot field', async () => {
      const before = await intake.store.countInquiries();
      const { status, json } = await postInquiry(
        url,
        validInquiry((b) => (b.website = 'http://spam.example')),
      );
      expect(status).toBe(400);
      expect(json.error).toBe('rejected');
      expect(await intake.store.countInquiries()).toBe(before);
    });

    it('lets allowed origins in through CORS and turns others away', async () => {
      const preflight = (origin: string) =>
        fetch(`${url}/v1/inquiries`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' },
        });
      const allowed = await preflight('https://shop.example');
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
      expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
      // The KB site's own origin (site.baseUrl) is always allowed.
      expect((await preflight('http://localhost:4400')).headers.get('access-control-allow-origin')).toBe('http://localhost:4400');
      const denied = await preflight('https://evil.example');
      expect(denied.status).toBe(403);
      expect(denied.headers.get('access-control-allow-origin')).toBeNull();
      const post = await postInquiry(url, validInquiry(), { headers: { origin: 'https://evil.example' } });
      expect(post.status).toBe(403);
      expect(post.json.error).toBe('origin_not_allowed');
    });

    describe('identity tokens', () => {
      it('stores the verified identity and takes the support plan from the token', async () => {
        const token = await identityToken({ sub: 'user-7', email: 'hanako@example.jp', plan: 'professional-direct' });
        const { status, json } = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { identity_token: token, plan: 'developer' })),
        );
        expect(status).toBe(201);
        const row = (await intake.store.inquiryById(String(json.id)))!;
        expect(row.plan).toBe('professional-direct');
        expect(row.data).toMatchObject({ plan_verified: true, identity: { verified: true, sub: 'user-7' } });
        expect(JSON.stringify(row.data)).not.toContain(token);
        // Severity C on Professional Direct: 4 business hours from Friday 17:00 → Monday 12:00 JST.
        expect(json.first_response_due).toBe('2026-11-30T03:00:00.000Z');
      });

      // Issue 17, "Honest promises": Professional Direct requires identity (test/intake/fixtures/kotae.config.yaml).
      it('refuses an anonymous customer the plan that requires identity: 400 on the plan field, in Japanese and English, nothing stored', async () => {
        const before = await intake.store.countInquiries();
        const ja = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { plan: 'professional-direct', severity: 'a' })),
        );
        expect(ja.status).toBe(400);
        expect(ja.json.error).toBe('invalid_inquiry');
        expect(ja.json.fields).toEqual([
          {
            field: 'plan',
            code: 'plan_requires_identity',
            params: {},
            label: 'サポートプラン',
            message: 'サポートプラン: このプランは、アカウントにサインインした状態でお問い合わせいただいた場合にのみ選択できます。',
          },
        ]);
        const en = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { plan: 'professional-direct', severity: 'a', locale: 'en' })),
        );
        expect(en.status).toBe(400);
        expect(en.json.fields).toEqual([
          expect.objectContaining({
            field: 'plan',
            code: 'plan_requires_identity',
            label: 'Support plan',
            message: 'Support plan: this plan is available only when you contact us signed in to your account.',
          }),
        ]);
        expect(await intake.store.countInquiries()).toBe(before);
      });

      it('refuses the plan that requires identity to a verified customer whose token claims another plan, or none', async () => {
        for (const [sub, claims] of [
          ['user-31', { plan: 'standard' }],
          ['user-32', {}],
        ] as const) {
          const token = await identityToken({ sub, ...claims });
          const { status, json } = await postInquiry(
            url,
            validInquiry((b) => Object.assign(b, { identity_token: token, plan: 'professional-direct', severity: 'b' })),
          );
          // With a claim of Standard the plan is Standard, which has B; without a claim, the form's plan counts.
          if ('plan' in claims) expect(status).toBe(201);
          else {
            expect(status).toBe(400);
            expect((json.fields as Array<{ field: string; code: string }>).map((f) => [f.field, f.code])).toEqual([['plan', 'plan_requires_identity']]);
          }
        }
      });

      it("accepts the plan that requires identity from a token claiming it, stores that plan and promises that plan's reply-by time for severity A", async () => {
        const token = await identityToken({ sub: 'user-33', plan: 'professional-direct' });
        const { status, json } = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { identity_token: token, plan: 'professional-direct', severity: 'a' })),
        );
        expect(status).toBe(201);
        const promised = supportPromise(await sampleConfig(), { plan: 'professional-direct', severity: 'a', claim: 'professional-direct' }, new Date(now));
        // Severity A on Professional Direct: one hour, around the clock, from Friday 17:00 JST.
        expect(json.first_response_due).toBe('2026-11-27T09:00:00.000Z');
        expect(json.first_response_due).toBe(promised.promise!.due.due.toISOString());
        const row = (await intake.store.inquiryById(String(json.id)))!;
        expect(row).toMatchObject({ plan: 'professional-direct', severity: 'a', firstResponseDue: Date.parse('2026-11-27T09:00:00.000Z') });
      });

      it("refuses a severity the plan has no target for with 400 on the severity field, also the claimed plan's", async () => {
        const anonymous = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { plan: 'standard', severity: 'a', locale: 'en' })),
        );
        expect(anonymous.status).toBe(400);
        expect(anonymous.json.fields).toEqual([
          expect.objectContaining({
            field: 'severity',
            code: 'severity_not_in_plan',
            message: 'Severity: this severity is not available on your support plan.',
          }),
        ]);
        // The form says Professional Direct (which has A), the token says Developer: Developer counts, and has no A.
        const token = await identityToken({ sub: 'user-34', plan: 'developer' });
        const claimed = await postInquiry(
          url,
          validInquiry((b) => Object.assign(b, { identity_token: token, plan: 'professional-direct', severity: 'a' })),
        );
        expect(claimed.status).toBe(400);
        expect((claimed.json.fields as Array<{ field: string; code: string }>).map((f) => [f.field, f.code])).toEqual([['severity', 'severity_not_in_plan']]);
      });

      it('promises in the receipt exactly what the widget shows, for every plan and severity the fixture offers', async () => {
        const config = await sampleConfig();
        for (const plan of config.plans)
          for (const severity of config.severities) {
            const claim = plan.requiresIdentity ? plan.id : undefined;
            const token = claim ? await identityToken({ sub: `user-grid-${plan.id}-${severity.id}`, plan: claim }) : undefined;
            const { status, json } = await postInquiry(
              url,
              validInquiry((b) => Object.assign(b, { plan: plan.id, severity: severity.id }, token ? { identity_token: token } : {})),
            );
            const shown = replyBy(config, severity.id, plan.id, new Date(now), 'ja', 'Asia/Tokyo', claim);
            const label = `${plan.id}/${severity.id}`;
            if (shown) {
              expect(status, label).toBe(201);
              expect(json.first_response_due, label).toBe(shown.due.toISOString());
            } else expect(status, label).toBe(400);
          }
      });

      it('rejects forged, expired and unsigned tokens with 401', async () => {
        const forged = await new SignJWT({ sub: 'user-7' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://app.example')
          .setAudience('kotae')
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode('an-attacker-secret-also-long-enough'));
        const expired = await identityToken({ sub: 'user-7' }, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 120));
        const none = new UnsecuredJWT({ sub: 'user-7' }).setIssuer('https://app.example').setAudience('kotae').setExpirationTime('10m').encode();
        const wrongAudience = await identityToken({ sub: 'user-7' }, (j) => j.setAudience('another-app'));
        const before = await intake.store.countInquiries();
        for (const token of [forged, expired, none, wrongAudience]) {
          const { status, json } = await postInquiry(
            url,
            validInquiry((b) => (b.identity_token = token)),
          );
          expect(status).toBe(401);
          expect(json).toMatchObject({ error: 'identity_invalid' });
          expect(String(json.message)).toMatch(/サインイン/);
        }
        expect(await intake.store.countInquiries()).toBe(before);
      });
    });

    describe('uploads', () => {
      const uploadsDir = () => path.join(intake.settings.dataDir, 'uploads');
      const stored = () => readdirSync(uploadsDir()).filter((f) => f !== 'tmp').length;

      it('stores a file, decides its type from the bytes and lets an inquiry reference it', async () => {
        const { status, json } = await upload(url, PNG, 'screen shot.png', 'image/png');
        expect(status).toBe(201);
        expect(json).toMatchObject({ name: 'screen shot.png', type: 'image/png', size: PNG.length });
        expect(json.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
        const created = await postInquiry(
          url,
          validInquiry((b) => (b.attachments = [json.token!])),
        );
        expect(created.status).toBe(201);
        const row = (await intake.store.inquiryById(String(created.json.id)))!;
        expect(row.data.attachments).toEqual([expect.objectContaining({ token: json.token, name: 'screen shot.png', type: 'image/png', size: PNG.length })]);
      });

      it('refuses a file whose declared type lies about its bytes, and keeps nothing of it', async () => {
        const before = stored();
        const lying = await upload(url, PDF, 'photo.png', 'image/png');
        expect(lying.status).toBe(415);
        expect(lying.json).toMatchObject({ error: 'upload_type_mismatch' });
        expect(lying.json.message).toContain('application/pdf');
        const exe = await upload(url, EXE, 'invoice.pdf', 'application/pdf');
        expect(exe.status).toBe(415);
        expect(exe.json.error).toBe('upload_type_not_allowed');
        expect(stored()).toBe(before);
        expect(readdirSync(path.join(uploadsDir(), 'tmp'))).toEqual([]);
      });

      it('refuses files above the configured size, announced or streamed', async () => {
        const limit = (await sampleConfig()).attachments.maxBytes;
        const announced = await upload(url, Buffer.alloc(limit + 1, 0x41), 'big.txt', 'text/plain');
        expect(announced.status).toBe(413);
        expect(announced.json.error).toBe('upload_too_large');
        const streamed = await fetch(`${url}/v1/uploads?filename=big.txt`, {
          method: 'POST',
          body: new ReadableStream({
            start(controller) {
              for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(limit / 4).fill(0x41));
              controller.close();
            },
          }),
          duplex: 'half',
        } as RequestInit);
        expect(streamed.status).toBe(413);
        expect(readdirSync(path.join(uploadsDir(), 'tmp'))).toEqual([]);
      });

      it('sweeps uploads no inquiry referenced in time, and keeps the referenced ones', async () => {
        const kept = await upload(url, PNG, 'kept.png');
        const abandoned = await upload(url, PNG, 'abandoned.png');
        expect(
          (
            await postInquiry(
              url,
              validInquiry((b) => (b.attachments = [kept.json.token!])),
            )
          ).status,
        ).toBe(201);
        const swept = await sweepUploads(intake.store, uploadsDir(), 0, Date.now() + 1);
        expect(swept).toBeGreaterThanOrEqual(1);
        const files = readdirSync(uploadsDir());
        expect(files).toContain(kept.json.token);
        expect(files).not.toContain(abandoned.json.token);
        expect(await intake.store.uploads([kept.json.token!, abandoned.json.token!])).toEqual([expect.objectContaining({ token: kept.json.token })]);
      });

      it('names an unknown upload token as a field error', async () => {
        const { status, json } = await postInquiry(
          url,
          validInquiry((b) => (b.attachments = ['x'.repeat(32)])),
        );
        expect(status).toBe(400);
        expect(json.fields).toEqual([expect.objectContaining({ field: 'attachments.0', code: 'unknown_upload' })]);
      });
    });

    it('logs requests at info level without personal data', async () => {
      const body = validInquiry((b) => {
        b.contact.email = 'secret.person@example.jp';
        b.contact.name = '秘密 太郎';
        b.summary = 'unique-summary-marker';
      });
      const from = logged.lines.length;
      const { json } = await postInquiry(url, body);
      const text = logged.lines
        .slice(from)
        .map((l) => JSON.stringify(l))
        .join('\n');
      expect(text).toContain(String(json.number));
      for (const secret of ['secret.person@example.jp', '秘密 太郎', 'unique-summary-marker', body.contact.phone!, '127.0.0.1', 'token='])
        expect(text).not.toContain(secret);
      expect(logged.lines.every((l) => typeof l.time === 'string' && typeof l.level === 'string' && typeof l.msg === 'string')).toBe(true);
    });
  });

  describe(`intake limits and failures on ${target.name}`, () => {
    it('rate-limits inquiries per IP address and per identity', async () => {
      const intake = await startTestIntake(target, {
        identity: { hs256Secret: JWT_SECRET, issuer: 'https://app.example', audience: 'kotae' },
        rateLimits: { inquiriesPerIp: { limit: 3, windowSeconds: 600 }, inquiriesPerIdentity: { limit: 1, windowSeconds: 600 } },
      });
      try {
        const token = await identityToken({ sub: 'busy-user' });
        expect(
          (
            await postInquiry(
              intake.url,
              validInquiry((b) => (b.identity_token = token)),
            )
          ).status,
        ).toBe(201);
        const perIdentity = await postInquiry(
          intake.url,
          validInquiry((b) => (b.identity_token = token)),
        );
        expect(perIdentity.status).toBe(429);
        expect(Number(perIdentity.headers.get('retry-after'))).toBeGreaterThan(0);
        expect((await postInquiry(intake.url, validInquiry())).status).toBe(201);
        const perIp = await postInquiry(intake.url, validInquiry());
        expect(perIp.status).toBe(429);
        expect(perIp.json.error).toBe('rate_limited');
        expect(String(perIp.json.message)).toMatch(/秒後/);
      } finally {
        await intake.close();
      }
    });

    it('requires an identity when configured to', async () => {
      const intake = await startTestIntake(target, { identity: { hs256Secret: JWT_SECRET, required: true } });
      try {
        const { status, json } = await postInquiry(intake.url, validInquiry());
        expect(status).toBe(401);
        expect(json.error).toBe('identity_required');
      } finally {
        await intake.close();
      }
    });

    it('answers an internal failure with a request id and no stack trace', async () => {
      const logged = memoryLog();
      const intake = await startTestIntake(target, { log: logged.log });
      try {
        // The store goes away under the running service.
        await intake.store.close();
        const { status, json } = await postInquiry(intake.url, validInquiry());
        expect(status).toBe(500);
        expect(Object.keys(json).sort()).toEqual(['error', 'message', 'request_id']);
        expect(json.error).toBe('internal');
        expect(String(json.message)).toMatch(/保存されませんでした/);
        expect(logged.lines.some((l) => l.msg === 'request.failed' && l.req_id === json.request_id)).toBe(true);
      } finally {
        await intake.server.close();
        await intake.outbox.stop();
      }
    });
  });
}

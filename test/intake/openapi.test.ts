import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactInfo, EVENT_BATCH_MAX_BYTES } from '../../content/schema/index.ts';
import type { RunningIntake } from '../../intake/server.ts';
import { addFormats, DocumentedExchanges, type Exchange } from './documented-exchanges.ts';
import { ROOT, removeTempDirs, sqliteTarget, startTestIntake, tempDir, validInquiry } from './fixtures.ts';
import { SchemaArbitraries } from './schema-arbitrary.ts';

/**
 * The intake's OpenAPI document (`GET /v1/openapi.json`) is true: it is valid OpenAPI 3.1, Redocly's
 * recommended rules find no error in it, what it allows the intake accepts (requests generated from it, 100
 * per operation, fixed seed), and what the intake answers it describes (every answer of every intake test is
 * checked against it by the fixtures; `documented-exchanges.ts`).
 */

const JWT_SECRET = 'openapi-test-identity-secret-long-enough';
const SEED = 14;
const RUNS = 100;
const DOC_ID = 'https://kotae.invalid/openapi.json';

type Json = Record<string, unknown>;
type Doc = Json & { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json & { properties: Record<string, Json> }> } };

const signedToken = (claims: Json = { sub: 'fuzz-user' }) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('10m').sign(new TextEncoder().encode(JWT_SECRET));

/** One small, valid file of each type the fixture config allows, as the intake's magic-byte check knows them. */
const SAMPLES: Record<string, Buffer> = {
  'image/png': Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(32, 1)]),
  'image/jpeg': Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), Buffer.alloc(32, 2)]),
  'image/gif': Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(32, 3)]),
  'application/pdf': Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'),
  'text/plain': Buffer.from('2026-11-24 10:02:11 E-301 connection timed out\n'),
  'application/zip': Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(32, 0)]),
};

/** An HTTP field value (RFC 9110): visible ASCII and inner spaces. The document's `type: string` says no more. */
const fieldValue = fc.stringMatching(/^[!-~]([ !-~]{0,30}[!-~])?$/);

describe("the intake's OpenAPI document", () => {
  let intake: RunningIntake;
  let doc: Doc;
  let ajv: Ajv2020;
  let arbitraries: SchemaArbitraries;

  beforeAll(async () => {
    intake = await startTestIntake(sqliteTarget(), {
      identity: { hs256Secret: JWT_SECRET },
      corsOrigins: ['https://shop.example'],
      publicUrl: 'https://support.nagisa.example.jp',
    });
    doc = (await (await fetch(`${intake.url}/v1/openapi.json`)).json()) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc, DOC_ID);
    arbitraries = new SchemaArbitraries(doc, ajv, DOC_ID);
  });
  afterAll(async () => {
    await intake?.close();
    removeTempDirs();
  });

  it('is valid OpenAPI 3.1 by the official schema', async () => {
    const result = await new Validator({ allErrors: true }).validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("has no error by Redocly's recommended rules (redocly lint)", async () => {
    const file = path.join(tempDir().dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const cli = path.join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
    const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--extends', 'recommended', '--format', 'json'], {
      cwd: path.dirname(file),
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      totals: { errors: number; warnings: number };
      problems: Array<{ ruleId: string; severity: string; message: string }>;
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // The one warning left: 405 happens on methods a path does not offer, which no operation can reference.
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual(['no-unused-components: Component: "MethodNotAllowed" is never used.']);
  });

  it("names this site's ids as enums, and the product decides resources and problem types", async () => {
    const inquiry = doc.components.schemas.Inquiry!;
    expect(inquiry.properties.product!.enum).toEqual(['groupware', 'cloud-db', 'camera']);
    expect(inquiry.properties.severity!.enum).toEqual(['a', 'b', 'c']);
    const config = intake.config;
    const camera = { ...validInquiry(), product: 'camera', resource: 'cluster' };
    expect(arbitraries.valid(inquiry, camera)).toBe(false); // a Cloud DB resource with a camera
    expect(arbitraries.valid(inquiry, { ...camera, resource: 'nc-450' })).toBe(true);
    expect(arbitraries.valid(inquiry, { ...validInquiry(), plan: 'developer', severity: 'a' })).toBe(false); // Developer has no target for A
    // Professional Direct requires identity: a body choosing it without a token is not a valid inquiry.
    const direct = { ...validInquiry(), plan: 'professional-direct', severity: 'a' };
    expect(arbitraries.valid(inquiry, direct)).toBe(false);
    expect(arbitraries.valid(inquiry, { ...direct, identity_token: 'a.signed.token' })).toBe(true);
    expect(inquiry.properties.plan!.description).toMatch(/`professional-direct`.*`plan_requires_identity`/);
    expect(
      arbitraries.valid(
        inquiry,
        validInquiry((b) => (b.contact.preferred_method = 'chat')),
      ),
    ).toBe(false); // not a method of this site
    const callBack = validInquiry((b) => (b.contact.preferred_method = 'phone'));
    delete callBack.contact.phone;
    expect(arbitraries.valid(inquiry, callBack)).toBe(false);
    expect(config.products.flatMap((p) => p.problemTypes.map((t) => t.id))).toEqual(expect.arrayContaining(inquiry.properties.problem_type!.enum as string[]));
  });

  it('documents the honeypot as empty, and the phone number exactly as the intake accepts it', () => {
    const props = doc.components.schemas.Inquiry!.properties;
    const phone = (props.contact as { properties: Record<string, Json> }).properties.phone!;
    const serverPhone = ContactInfo.shape.phone;
    const phoneLike = fc.oneof(
      fc.stringMatching(/^\s{0,2}\+?[0-9 ()\-.\t]{0,34}\s{0,2}$/),
      fc.string({ unit: fc.constantFrom(...' \t\n+0123456789()-.x\u00a0'), maxLength: 40 }),
    );
    fc.assert(
      fc.property(phoneLike, (value) => arbitraries.valid(phone, value) === serverPhone.safeParse(value).success),
      { numRuns: 2000, seed: SEED },
    );
    const website = props.website!;
    // The intake refuses a website with anything but white space as a bot (400 rejected), longer ones as too long.
    const accepted = (value: string) => value.trim() === '' && value.length <= 1000;
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u3000', 'x', '.'), maxLength: 20 }),
        (value) => arbitraries.valid(website, value) === accepted(value),
      ),
      { numRuns: 500, seed: SEED },
    );
  });

  it('lists time zones the intake accepts, and nothing else', () => {
    const zones = (doc.components.schemas.Inquiry!.properties.contact as { properties: Record<string, { enum: string[] }> }).properties.time_zone!.enum;
    expect(zones).toContain('Asia/Tokyo');
    expect(zones).toContain('UTC');
    for (const zone of zones) expect(ContactInfo.shape.time_zone.safeParse(zone).success, zone).toBe(true);
    expect(ContactInfo.shape.time_zone.safeParse('Mars/Olympus_Mons').success).toBe(false);
  });

  describe('answers, checked against it', () => {
    const exchange = (change: Partial<Exchange>): Exchange => ({
      method: 'POST',
      path: '/v1/inquiries',
      status: 400,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': '0123456789abcdef' },
      body: JSON.stringify({ error: 'invalid_json', message: 'The request is not valid JSON.' }),
      ...change,
    });

    it('accepts the documented answers of each kind', () => {
      const checker = new DocumentedExchanges(doc);
      expect(checker.check(exchange({}))).toEqual([]);
      expect(checker.check(exchange({ body: JSON.stringify({ error: 'rejected', message: 'No.' }) }))).toEqual([]);
      expect(checker.check(exchange({ status: 403, body: JSON.stringify({ error: 'origin_not_allowed', message: 'No.' }) }))).toEqual([]);
      expect(
        checker.check(
          exchange({
            method: 'GET',
            status: 405,
            headers: { ...exchange({}).headers, allow: 'POST' },
            body: JSON.stringify({ error: 'method_not_allowed', message: 'No.' }),
          }),
        ),
      ).toEqual([]);
      expect(checker.check(exchange({ status: 500, body: JSON.stringify({ error: 'internal', message: 'Sorry.', request_id: '0123456789abcdef' }) }))).toEqual(
        [],
      );
    });

    it('refuses answers the document does not describe', () => {
      const checker = new DocumentedExchanges(doc);
      const problems = (change: Partial<Exchange>) => checker.check(exchange(change));
      expect(problems({ status: 418 })).toEqual([expect.stringMatching(/status 418 is not documented/)]);
      expect(problems({ body: JSON.stringify({ error: 'internal', message: 'x' }) })).toEqual([expect.stringMatching(/does not match/)]);
      expect(problems({ body: JSON.stringify({ error: 'invalid_json' }) })).toEqual([expect.stringMatching(/does not match/)]);
      expect(problems({ status: 201, body: JSON.stringify({ id: randomUUID() }) })).toEqual([
        expect.stringMatching(/required header Location is missing/),
        expect.stringMatching(/does not match/),
      ]);
      expect(problems({ method: 'GET', status: 405, body: JSON.stringify({ error: 'method_not_allowed', message: 'No.' }) })).toEqual([
        expect.stringMatching(/Allow says/),
        expect.stringMatching(/required header Allow is missing/),
      ]);
      expect(problems({ method: 'GET', status: 200 })).toEqual([expect.stringMatching(/must be 405/)]);
      expect(problems({ headers: { 'content-type': 'text/html' } })).toEqual([
        expect.stringMatching(/required header X-Request-Id is missing/),
        expect.stringMatching(/content type "text\/html"/),
      ]);
    });
  });

  describe('requests generated from it', () => {
    it(`POST /v1/inquiries: ${RUNS} generated inquiries are each stored (201), none answered 5xx`, async () => {
      const operation = doc.paths['/v1/inquiries']!.post as {
        parameters: Array<Json & { $ref?: string; name?: string; schema?: Json }>;
        requestBody: { content: Record<string, { schema: Json }> };
      };
      const keySchema = operation.parameters.find((p) => p.name === 'Idempotency-Key')!.schema!;
      const bodies = arbitraries.of(operation.requestBody.content['application/json']!.schema);
      // Uploads to reference: the description asks for tokens from POST /v1/uploads that have not expired.
      const pool: string[] = [];
      for (const [type, bytes] of Object.entries(SAMPLES).slice(0, 3)) {
        const response = await fetch(`${intake.url}/v1/uploads?filename=pool.${type.split('/')[1]}`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: new Uint8Array(bytes),
        });
        pool.push(((await response.json()) as { token: string }).token);
      }
      const token = await signedToken();
      // A plan that requires identity needs a token whose `plan` claim names it (the plan's description says so).
      const identityPlans = new Set(intake.config.plans.filter((p) => p.requiresIdentity).map((p) => p.id));
      expect(identityPlans.size).toBeGreaterThan(0);
      const planTokens = new Map(await Promise.all([...identityPlans].map(async (plan) => [plan, await signedToken({ sub: 'fuzz-user', plan })] as const)));
      const seen = new Set<string>();
      const statuses: number[] = [];
      await fc.assert(
        fc.asyncProperty(bodies, arbitraries.of(keySchema), fc.option(fieldValue), fc.boolean(), async (generated, generatedKey, language, asHeader) => {
          const body = structuredClone(generated) as Json & { attachments?: string[]; started_at?: string; identity_token?: string };
          // What the descriptions state and JSON Schema cannot: uploads that exist, a start not in the future,
          // an identity token that verifies (in the body or as the bearer scheme) and claims a plan that requires
          // identity, a new key for a new request.
          if (body.attachments) body.attachments = body.attachments.map((_, i) => pool[i]!);
          if (body.started_at && Date.parse(body.started_at) > Date.now()) body.started_at = body.started_at.replace(/^\d{4}/, '2024');
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (body.identity_token !== undefined) {
            const signed = planTokens.get(String(body.plan)) ?? token;
            if (asHeader) {
              delete body.identity_token;
              headers.authorization = `Bearer ${signed}`;
            } else body.identity_token = signed;
          }
          let key = String(generatedKey);
          if (seen.has(key)) key = `${key.slice(0, 90)}.${seen.size}`;
          seen.add(key);
          headers['idempotency-key'] = key;
          if (language !== null) headers['accept-language'] = language;
          const response = await fetch(`${intake.url}/v1/inquiries`, { method: 'POST', headers, body: JSON.stringify(body) });
          const text = await response.text();
          statuses.push(response.status);
          expect(response.status, `${text}\nbody: ${JSON.stringify(body).slice(0, 2000)}`).toBe(201);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(statuses).toHaveLength(RUNS);
    }, 120_000);

    it(`POST /v1/inquiries: ${RUNS} generated inquiries with one field spoiled are stored exactly when the document allows them, else 400`, async () => {
      const operation = doc.paths['/v1/inquiries']!.post as { requestBody: { content: Record<string, { schema: Json }> } };
      const schema = operation.requestBody.content['application/json']!.schema;
      const inquiry = doc.components.schemas.Inquiry!;
      const contactKeys = Object.keys((inquiry.properties.contact as { properties: Json }).properties);
      // identity_token stays out: any string is a valid token by its schema, and only a signed one verifies.
      const fields = [
        ...Object.keys(inquiry.properties).filter((k) => k !== 'identity_token' && k !== 'attachments'),
        ...contactKeys.map((k) => `contact.${k}`),
        'unknown_field',
      ];
      const spoiled = fc.tuple(arbitraries.of(schema), fc.constantFrom(...fields), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }));
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(spoiled, async ([generated, field, junk]) => {
          const body = structuredClone(generated) as Json & { contact: Json; started_at?: string; identity_token?: unknown; attachments?: unknown };
          delete body.identity_token;
          delete body.attachments;
          if (body.started_at && Date.parse(body.started_at) > Date.now()) body.started_at = body.started_at.replace(/^\d{4}/, '2024');
          const [outer, inner] = field.split('.') as [string, string | undefined];
          const target = inner ? body.contact : body;
          if (junk === undefined) delete target[inner ?? outer];
          else target[inner ?? outer] = junk;
          const valid = arbitraries.valid(schema, body);
          const response = await fetch(`${intake.url}/v1/inquiries`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
            body: JSON.stringify(body),
          });
          const text = await response.text();
          if (response.status !== 201) refused++;
          expect(response.status, `${field} = ${JSON.stringify(junk)}: ${text}`).toBe(valid ? 201 : 400);
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(refused).toBeGreaterThan(RUNS / 2);
    }, 120_000);

    it(`GET /v1/inquiries/{id}: ${RUNS} generated requests answer 200 with the receipt's token, 404 without, never 5xx`, async () => {
      const receipts: Array<{ id: string; status_url: string }> = [];
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${intake.url}/v1/inquiries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(validInquiry()),
        });
        receipts.push((await response.json()) as { id: string; status_url: string });
      }
      const operation = doc.paths['/v1/inquiries/{id}']!.get as { parameters: Array<{ name: string; schema: Json }> };
      const ids = arbitraries.of(operation.parameters.find((p) => p.name === 'id')!.schema);
      const known = fc.constantFrom(...receipts);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            known.map((r) => ({ r, id: r.id, token: new URL(r.status_url).searchParams.get('token')! })),
            fc.record({ r: fc.constant(undefined), id: ids, token: fieldValue }),
          ),
          async ({ r, id, token }) => {
            const response = await fetch(`${intake.url}/v1/inquiries/${encodeURIComponent(String(id))}?token=${encodeURIComponent(token)}`);
            await response.arrayBuffer();
            expect(response.status).toBeLessThan(500);
            expect(response.status).toBe(r ? 200 : 404);
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    }, 120_000);

    it(`POST /v1/uploads: ${RUNS} generated uploads of allowed files are each stored (201), none answered 5xx`, async () => {
      const operation = doc.paths['/v1/uploads']!.post as { parameters: Array<{ name: string; schema: Json }>; requestBody: { content: Record<string, Json> } };
      const names = arbitraries.of(operation.parameters.find((p) => p.name === 'filename')!.schema);
      const documentedTypes = Object.keys(operation.requestBody.content);
      const files = fc.constantFrom(...Object.keys(SAMPLES).filter((type) => documentedTypes.includes(type)));
      await fc.assert(
        fc.asyncProperty(names, files, fc.constantFrom('same', 'octet-stream', 'none'), async (name, type, declared) => {
          // The description: Content-Type may be left out or application/octet-stream; any other must match the bytes.
          const headers: Record<string, string> = declared === 'none' ? {} : { 'content-type': declared === 'same' ? type : 'application/octet-stream' };
          const response = await fetch(`${intake.url}/v1/uploads?filename=${encodeURIComponent(String(name))}`, {
            method: 'POST',
            headers,
            body: new Uint8Array(SAMPLES[type]!),
          });
          const text = await response.text();
          expect(response.status, `${text} (name ${JSON.stringify(name)}, ${type}, declared ${declared})`).toBe(201);
          expect((JSON.parse(text) as { type: string }).type).toBe(type);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    }, 120_000);

    it(`POST /v1/events: ${RUNS} generated batches are each stored (202) as JSON or text/plain, or 413 over the documented size; none answered 5xx`, async () => {
      const operation = doc.paths['/v1/events']!.post as { requestBody: { content: Record<string, { schema: Json }> } };
      const types = Object.keys(operation.requestBody.content);
      expect(types).toEqual(['application/json', 'text/plain']);
      const batches = arbitraries.of(operation.requestBody.content['application/json']!.schema);
      const before = await intake.store.countEvents();
      let stored = 0;
      await fc.assert(
        fc.asyncProperty(batches, fc.constantFrom(...types), async (batch, type) => {
          const body = JSON.stringify(batch);
          // The description: at most EVENT_BATCH_MAX_BYTES bytes.
          const fits = Buffer.byteLength(body) <= EVENT_BATCH_MAX_BYTES;
          const response = await fetch(`${intake.url}/v1/events`, { method: 'POST', headers: { 'content-type': type }, body });
          const text = await response.text();
          expect(response.status, `${text}\nbody: ${body.slice(0, 2000)}`).toBe(fits ? 202 : 413);
          if (fits) stored += (batch as { events: unknown[] }).events.length;
        }),
        { numRuns: RUNS, seed: SEED },
      );
      expect(stored).toBeGreaterThan(RUNS);
      expect(await intake.store.countEvents()).toBe(before + stored);
    }, 120_000);

    it('GET /healthz, /readyz and /v1/openapi.json answer 200 with their documented bodies', async () => {
      for (const target of ['/healthz', '/readyz', '/v1/openapi.json']) {
        const response = await fetch(`${intake.url}${target}`);
        await response.arrayBuffer();
        expect(response.status).toBe(200);
      }
    });
  });

  describe('security schemes', () => {
    it('identityToken: a token as Authorization: Bearer verifies like one in the body; a different one in each is refused', async () => {
      const token = await signedToken({ sub: 'bearer-user', plan: 'professional-direct' });
      const post = (headers: Record<string, string>, body: Json) =>
        fetch(`${intake.url}/v1/inquiries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...headers },
          body: JSON.stringify(body),
        });
      const viaHeader = await post({ authorization: `Bearer ${token}` }, validInquiry());
      expect(viaHeader.status).toBe(201);
      const row = (await intake.store.inquiryById(((await viaHeader.json()) as { id: string }).id))!;
      expect(row.plan).toBe('professional-direct');
      expect(row.data).toMatchObject({ identity: { verified: true, sub: 'bearer-user' } });
      const forged = await post({ authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }, validInquiry());
      expect(forged.status).toBe(401);
      const twoTokens = await post(
        { authorization: `Bearer ${await signedToken({ sub: 'other' })}` },
        validInquiry((b) => (b.identity_token = token)),
      );
      expect(twoTokens.status).toBe(401);
      expect(((await twoTokens.json()) as { error: string }).error).toBe('identity_invalid');
    });

    it('statusToken: the token in the query opens that one inquiry only', async () => {
      const receipt = async () => {
        const response = await fetch(`${intake.url}/v1/inquiries`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          body: JSON.stringify(validInquiry()),
        });
        return (await response.json()) as { id: string; status_url: string };
      };
      const [a, b] = [await receipt(), await receipt()];
      expect(new URL(a.status_url).origin).toBe('https://support.nagisa.example.jp');
      const tokenOf = (r: { status_url: string }) => new URL(r.status_url).searchParams.get('token')!;
      expect((await fetch(`${intake.url}/v1/inquiries/${a.id}?token=${tokenOf(a)}`)).status).toBe(200);
      expect((await fetch(`${intake.url}/v1/inquiries/${a.id}?token=${tokenOf(b)}`)).status).toBe(404);
      expect((await fetch(`${intake.url}/v1/inquiries/${a.id}`)).status).toBe(404);
    });
  });
});

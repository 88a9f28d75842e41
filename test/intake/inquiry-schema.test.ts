import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inquiryFieldErrors, inquirySchema } from '../../content/schema/index.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { createMessages } from '../../intake/i18n.ts';
import { ROOT, sampleConfig, validInquiry } from './fixtures.ts';

async function errorsOf(body: unknown) {
  const parsed = inquirySchema(await sampleConfig(), () => Date.parse('2026-11-24T03:00:00Z')).safeParse(body);
  return parsed.success ? [] : inquiryFieldErrors(parsed.error.issues, body);
}

describe('inquiry schema', () => {
  it('accepts the example inquiry, against the fixture and against the real sample content', async () => {
    expect(await errorsOf(validInquiry())).toEqual([]);
    const real = loadSiteConfig(path.join(ROOT, 'content')).config!;
    expect(inquirySchema(real).safeParse(validInquiry()).success).toBe(true);
  });

  it('names every missing field as required, in one pass, together with config problems', async () => {
    const errors = await errorsOf({ product: 'toaster', contact: { email: 'x@example.com' } });
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.code]));
    expect(byField).toMatchObject({
      product: 'unknown_choice',
      problem_type: 'required',
      severity: 'required',
      plan: 'required',
      summary: 'required',
      description: 'required',
      'contact.name': 'required',
      'contact.preferred_method': 'required',
      locale: 'required',
    });
    expect(byField['contact.email']).toBeUndefined();
  });

  it('checks product, resource, problem type and subtype against the config', async () => {
    const errors = await errorsOf(validInquiry((b) => Object.assign(b, { resource: 'nc-999', problem_subtype: 'nope' })));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['resource', 'unknown_choice'],
      ['problem_subtype', 'unknown_choice'],
    ]);
    const wrongType = await errorsOf(validInquiry((b) => (b.problem_type = 'billing')));
    expect(wrongType.map((e) => e.field)).toEqual(['problem_type']); // billing belongs to cloud-db, not camera
  });

  it('refuses a severity the plan has no target for', async () => {
    const errors = await errorsOf(validInquiry((b) => Object.assign(b, { severity: 'a', plan: 'developer' })));
    expect(errors).toEqual([{ field: 'severity', code: 'severity_not_in_plan', params: {} }]);
  });

  it('wants a phone number when the customer asks to be called', async () => {
    const errors = await errorsOf(
      validInquiry((b) => {
        b.contact.preferred_method = 'phone';
        delete b.contact.phone;
      }),
    );
    expect(errors).toEqual([{ field: 'contact.phone', code: 'required_for_phone', params: {} }]);
  });

  it('limits attachments to the configured count and refuses duplicates', async () => {
    const t = (c: string) => c.repeat(32);
    const tooMany = await errorsOf(validInquiry((b) => (b.attachments = [t('a'), t('b'), t('c'), t('d')])));
    expect(tooMany).toEqual([{ field: 'attachments', code: 'too_many', params: { maximum: 3 } }]);
    const twice = await errorsOf(validInquiry((b) => (b.attachments = [t('a'), t('a')])));
    expect(twice).toEqual([{ field: 'attachments.1', code: 'duplicate', params: {} }]);
  });

  it('reports format problems with their own codes', async () => {
    const errors = await errorsOf(
      validInquiry((b) => {
        b.contact.email = 'hanako@';
        b.contact.time_zone = 'Mars/Olympus';
        b.page_url = 'javascript:alert(1)';
        b.started_at = 'yesterday';
        b.summary = 'x'.repeat(201);
        (b as Record<string, unknown>).priority = 'urgent';
      }),
    );
    expect(Object.fromEntries(errors.map((e) => [e.field, e.code]))).toEqual({
      'contact.email': 'invalid_email',
      'contact.time_zone': 'invalid_time_zone',
      page_url: 'invalid_url',
      started_at: 'invalid_datetime',
      summary: 'too_long',
      priority: 'unknown_field',
    });
  });

  it('refuses a start time in the future and a locale the site does not have', async () => {
    const errors = await errorsOf(validInquiry((b) => Object.assign(b, { started_at: '2026-12-01T00:00:00Z', locale: 'fr' })));
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['locale', 'unknown_choice'],
      ['started_at', 'in_future'],
    ]);
  });

  it('fills the deflection trail and lists with defaults', async () => {
    const body = validInquiry((b) => {
      delete b.deflection;
      delete b.diagnostics;
      delete b.attachments;
    });
    const parsed = inquirySchema(await sampleConfig()).parse(body);
    expect(parsed.deflection).toEqual({ queries: [], opened: [], votes: [] });
    expect(parsed.attachments).toEqual([]);
  });
});

describe('field error messages', () => {
  const bundles = ['ja', 'en'].map(
    (l) => JSON.parse(readFileSync(path.join(ROOT, `intake/messages/${l}.json`), 'utf8')) as Record<string, Record<string, string>>,
  );

  it('exist in ja and en for every key the other language has', () => {
    const keys = (b: Record<string, Record<string, string>>) =>
      Object.entries(b).flatMap(([ns, entries]) => Object.keys(entries).map((k) => `${ns}.${k.replace(/_(one|other)$/, '')}`));
    const [ja, en] = bundles.map((b) => new Set(keys(b!)));
    expect([...en!].filter((k) => !ja!.has(k))).toEqual([]);
    expect([...ja!].filter((k) => !en!.has(k))).toEqual([]);
  });

  it('are translated for every field and every code a bad inquiry can produce', async () => {
    const messages = await createMessages(await sampleConfig());
    const body = validInquiry((b) => {
      b.contact.email = 'nope';
      b.summary = '';
      b.severity = 'a';
      b.plan = 'developer';
      b.diagnostics = [{ name: '', value: 'x' }];
      b.deflection!.queries = [{ query: 'q', results: -1 }];
    });
    for (const locale of ['ja', 'en']) {
      const localized = messages(locale).fieldErrors(await errorsOf(body));
      expect(localized.length).toBe(5);
      for (const e of localized) {
        expect(e.message).not.toMatch(/fieldError\.|\{\{/);
        expect(e.label).not.toBe(e.field);
        expect(e.message).toContain(e.label);
      }
    }
    const ja = messages('ja').fieldErrors(await errorsOf(body));
    expect(ja.find((e) => e.field === 'contact.email')!.message).toBe('メールアドレスは name@example.com の形式で入力してください。');
    const en = messages('en').fieldErrors([{ field: 'summary', code: 'too_long', params: { maximum: 200 } }]);
    expect(en[0]!.message).toBe('Summary can be at most 200 characters long.');
  });
});

import { describe, expect, it } from 'vitest';
import { inquirySchema } from '../../content/schema/inquiry.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import type { KotaeTrailStep } from '../../widget/api.ts';
import { fileProblem, formatBytes } from '../../widget/inquiry/attachment-check.ts';
import { deflection, diagnosticItems, initialValues, inquiryBody, type FormValues } from '../../widget/inquiry/form-values.ts';
import { identityClaims } from '../../widget/inquiry/identity-claims.ts';
import { formatDue } from '../../widget/due-time.ts';
import { replyBy } from '../../widget/inquiry/reply-by.ts';
import { stepOf, validateInquiry } from '../../widget/inquiry/validation.ts';

// The inquiry form's pure parts: form values ↔ the intake's JSON, the reply-by promise, checks and limits.
const loaded = loadSiteConfig('content');
if (!loaded.config) throw new Error('the sample site config did not load');
const config = loaded.config;

const TRAIL: KotaeTrailStep[] = [
  { type: 'search', query: 'camera offline', results: 4, answered: false, at: Date.parse('2026-11-24T01:02:11Z') },
  { type: 'article', id: 'camera-offline', title: 'Camera shows offline', at: Date.parse('2026-11-24T01:02:30Z') },
  { type: 'vote', id: 'camera-offline', helpful: false, at: Date.parse('2026-11-24T01:03:05Z') },
  { type: 'article', id: 'Not An Id', title: 'x', at: 0 },
];

const filled = (change: Partial<FormValues> = {}): FormValues => ({
  ...initialValues({ config, locale: 'ja', context: { product: 'camera', resource: 'nc-320' }, prefill: {}, claims: {}, trail: TRAIL }),
  problem_type: 'wifi',
  description: '1 日に 3 回オフラインになります。',
  plan: 'standard',
  severity: 'c',
  name: '山田 花子',
  email: 'hanako@example.jp',
  time_zone: 'Asia/Tokyo',
  ...change,
});
const body = (values: FormValues) =>
  inquiryBody(values, {
    locale: 'ja',
    trail: TRAIL,
    diagnostics: [{ name: 'firmware', value: '2.8.5' }],
    attachments: [],
    identity: null,
    pageUrl: 'https://example.jp/app',
  });

describe('inquiry form values', () => {
  it('start from the context, the last search and the widget language; unknown ids are dropped', () => {
    const values = initialValues({
      config,
      locale: 'en',
      context: { product: 'camera', resource: 'nope' },
      prefill: { plan: 'gold', email: 'a@b.jp', preferred_method: 'phone' },
      claims: {},
      trail: TRAIL,
    });
    expect(values).toMatchObject({
      product: 'camera',
      resource: '',
      summary: 'camera offline',
      plan: '',
      email: 'a@b.jp',
      preferred_method: 'phone',
      language: 'en',
    });
    // Identity claims win over prefill.
    expect(
      initialValues({ config, locale: 'ja', context: {}, prefill: { name: 'X', plan: 'developer' }, claims: { name: 'Aki', plan: 'standard' }, trail: [] }),
    ).toMatchObject({ name: 'Aki', plan: 'standard', summary: '' });
  });

  it('become a body the intake schema accepts, with the trail in its shape', () => {
    const json = body(filled());
    expect(inquirySchema(config).safeParse(json).success).toBe(true);
    expect(json).toMatchObject({
      product: 'camera',
      resource: 'nc-320',
      summary: 'camera offline',
      locale: 'ja',
      page_url: 'https://example.jp/app',
      diagnostics: [{ name: 'firmware', value: '2.8.5' }],
    });
    expect(json.deflection).toEqual({
      queries: [{ query: 'camera offline', results: 4, at: '2026-11-24T01:02:11.000Z' }],
      opened: [{ entry_id: 'camera-offline', locale: 'ja', at: '2026-11-24T01:02:30.000Z' }],
      votes: [{ entry_id: 'camera-offline', helpful: false, at: '2026-11-24T01:03:05.000Z' }],
    });
    expect('resource' in body(filled({ resource: '' }))).toBe(false);
  });

  it('keep the last 50 queries of a long session', () => {
    const many: KotaeTrailStep[] = Array.from({ length: 60 }, (_, i) => ({ type: 'search', query: `q${i}`, results: 0, answered: false, at: i }));
    const queries = deflection(many, 'en').queries ?? [];
    expect(queries).toHaveLength(50);
    expect(queries[0]!.query).toBe('q10');
  });

  it('turn a provider result into named text items', () => {
    expect(diagnosticItems({ cluster: 'prod-1', connections: 497, tags: ['a'] })).toEqual([
      { name: 'cluster', value: 'prod-1' },
      { name: 'connections', value: '497' },
      { name: 'tags', value: '["a"]' },
    ]);
    expect(diagnosticItems([{ name: 'app', value: '4.12' }, 'loose'])).toEqual([
      { name: 'app', value: '4.12' },
      { name: 'item 2', value: 'loose' },
    ]);
    expect(diagnosticItems(undefined)).toEqual([]);
    expect(diagnosticItems({ big: 'x'.repeat(20_000) })[0]!.value).toHaveLength(10_000);
  });
});

describe('inquiry checks', () => {
  it('report each step its own fields, in the order the customer meets them', () => {
    const values = filled({ problem_type: '', summary: '', email: 'nope', severity: '', preferred_method: 'phone' });
    expect(validateInquiry(config, body(values), 'what').map((e) => [e.field, e.code])).toEqual([
      ['problem_type', 'required'],
      ['summary', 'required'],
    ]);
    expect(validateInquiry(config, body(values), 'details').map((e) => [e.field, e.code])).toEqual([
      ['severity', 'required'],
      ['contact.email', 'invalid_email'],
      ['contact.phone', 'required_for_phone'],
    ]);
    expect(validateInquiry(config, body(filled({ plan: 'developer', severity: 'a' })), 'details').map((e) => e.code)).toEqual(['severity_not_in_plan']);
    expect([stepOf('contact.email'), stepOf('attachments.2'), stepOf('resource'), stepOf('locale')]).toEqual(['details', 'details', 'what', 'review']);
  });

  it('refuse a plan that requires identity unless the identity claims it, on the plan field, as the intake does', () => {
    const direct = body(filled({ plan: 'professional-direct', severity: 'a' }));
    expect(validateInquiry(config, direct, 'details').map((e) => [e.field, e.code])).toEqual([['plan', 'plan_requires_identity']]);
    expect(validateInquiry(config, direct, 'details', 'standard').map((e) => [e.field, e.code])).toEqual([['plan', 'plan_requires_identity']]);
    expect(validateInquiry(config, direct, 'details', 'professional-direct')).toEqual([]);
  });

  it('start without a prefilled plan that requires identity, and with it when the identity claims it', () => {
    const start = (claims: { plan?: string }) =>
      initialValues({ config, locale: 'en', context: {}, prefill: { plan: 'professional-direct' }, claims, trail: [] }).plan;
    expect(start({})).toBe('');
    expect(start({ plan: 'professional-direct' })).toBe('professional-direct');
    expect(start({ plan: 'standard' })).toBe('standard');
  });

  it('refuse files over the limits before uploading', () => {
    const limits = config.attachments;
    expect(fileProblem(limits, { size: 10, type: 'image/png' }, 0)).toBeUndefined();
    expect(fileProblem(limits, { size: 10, type: 'image/png' }, limits.maxFiles)).toBe('fileCount');
    expect(fileProblem(limits, { size: limits.maxBytes + 1, type: 'image/png' }, 0)).toBe('fileTooBig');
    expect(fileProblem(limits, { size: 10, type: 'application/x-msdownload' }, 0)).toBe('fileType');
    expect(fileProblem(limits, { size: 10, type: '' }, 0)).toBe('fileType');
    expect([formatBytes(5 * 1024 * 1024, 'en'), formatBytes(1536, 'en'), formatBytes(70, 'ja')]).toEqual(['5 MB', '1.5 KB', '70 B']);
  });
});

describe('the reply-by promise', () => {
  it('is the intake computation: Severity C on Standard sent Friday 17:00 JST is due Monday 16:00 JST (8 business hours)', () => {
    const due = replyBy(config, 'c', 'standard', new Date('2026-11-27T08:00:00Z'), 'en', 'Asia/Tokyo')!;
    expect(due.due.toISOString()).toBe('2026-11-30T07:00:00.000Z');
    expect(due.text).toBe('Mon, Nov 30, 16:00 (GMT+9)');
    expect(replyBy(config, 'c', 'standard', new Date('2026-11-27T08:00:00Z'), 'ja', 'Asia/Tokyo')!.text).toBe('11月30日(月) 16:00 (JST)');
    // Shown in the customer's zone: the same instant in New York.
    expect(formatDue(due.due, 'en', 'America/New_York')).toBe('Mon, Nov 30, 02:00 (EST)');
    expect(replyBy(config, 'a', 'developer', new Date(), 'en', 'Asia/Tokyo')).toBeUndefined();
  });
});

describe('identity claims', () => {
  it('reads name, email and plan from the token payload, and nothing from a malformed one', () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect(
      identityClaims(`${part({ alg: 'HS256' })}.${part({ sub: '1', name: '田中 明', email: 'aki@example.jp', plan: 'standard', role: 'x' })}.sig`),
    ).toEqual({ name: '田中 明', email: 'aki@example.jp', plan: 'standard' });
    expect(identityClaims('header.payload.signature')).toEqual({});
    expect(identityClaims(null)).toEqual({});
  });
});

import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../intake/canonical-json.ts';
import { retentionCutoff } from '../../intake/events.ts';
import { createIdentityVerifier } from '../../intake/identity.ts';
import { negotiateLocale } from '../../intake/i18n.ts';
import { declaredTypeMatches, sniff } from '../../intake/magic-bytes.ts';
import { createRateLimiter } from '../../intake/rate-limit.ts';
import { resolveSettings, settingsFromEnv, SettingsError } from '../../intake/settings.ts';
import { signWebhook, verifyWebhook } from '../../intake/standard-webhooks.ts';
import { ZENDESK_STATES, verifyZendeskSignature } from '../../intake/status-hooks.ts';
import { statusToken, statusTokenValid } from '../../intake/status-token.ts';
import { rollUp, toEventDay } from '../../intake/store/event-rows.ts';
import { sampleConfig } from './fixtures.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('magic bytes', () => {
  it('recognises images, PDF and archives by their signatures', () => {
    expect(sniff(PNG)).toBe('image/png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniff(Buffer.from('GIF89a\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniff(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniff(Buffer.from('PK\x03\x04\x14\x00', 'latin1'))).toBe('application/zip');
  });

  it('tells plain text (UTF-8, including Japanese) from binary and from code', () => {
    expect(sniff(Buffer.from('2026-11-24 10:00:01 ERROR 接続がタイムアウトしました\n'))).toBe('text/plain');
    expect(sniff(Buffer.from([0x41, 0x00, 0x42, 0xfe]))).toBe('application/octet-stream');
    expect(sniff(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('text/x-shellscript');
    expect(sniff(Buffer.from('<!DOCTYPE html><script>alert(1)</script>'))).toBe('text/html');
    expect(sniff(Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('image/svg+xml');
  });

  it('recognises executables whatever their name', () => {
    expect(sniff(Buffer.from('MZ\x90\x00\x03', 'latin1'))).toBe('application/x-msdownload');
    expect(sniff(Buffer.from('\x7fELF\x02\x01', 'latin1'))).toBe('application/x-executable');
  });

  it('keeps a UTF-8 sample valid when a character is cut at the end', () => {
    const text = Buffer.from('ログ'.repeat(10));
    expect(sniff(text.subarray(0, text.length - 1))).toBe('text/plain');
  });

  it('accepts a declared type only when it agrees with the bytes', () => {
    expect(declaredTypeMatches('image/png', 'image/png')).toBe(true);
    expect(declaredTypeMatches(undefined, 'image/png')).toBe(true);
    expect(declaredTypeMatches('application/octet-stream', 'application/pdf')).toBe(true);
    expect(declaredTypeMatches('text/csv; charset=utf-8', 'text/plain')).toBe(true);
    expect(declaredTypeMatches('image/png', 'application/x-msdownload')).toBe(false);
    expect(declaredTypeMatches('image/jpeg', 'image/png')).toBe(false);
  });
});

describe('Standard Webhooks signatures', () => {
  const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

  it('matches the specification: HMAC-SHA256 over id.timestamp.body with the decoded secret', () => {
    const headers = signWebhook(secret, 'msg_1', 1_700_000_000, '{"a":1}');
    const expected = createHmac('sha256', Buffer.from('0123456789abcdef0123456789abcdef')).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1700000000', 'webhook-signature': `v1,${expected}` });
  });

  it('verifies its own signature and rejects a changed body, another secret or an old timestamp', () => {
    const now = 1_700_000_000_000;
    const headers = signWebhook(secret, 'msg_1', now / 1000, 'body');
    expect(verifyWebhook(secret, headers, 'body', now)).toBe(true);
    expect(verifyWebhook(secret, headers, 'body!', now)).toBe(false);
    expect(verifyWebhook(`whsec_${Buffer.from('another secret of 32 bytes......').toString('base64')}`, headers, 'body', now)).toBe(false);
    expect(verifyWebhook(secret, headers, 'body', now + 600_000)).toBe(false);
  });
});

describe('identity tokens', () => {
  const hs = 'a-shared-secret-of-at-least-32-bytes!!';
  const claims = { sub: 'user-42', email: 'hanako@example.jp', plan: 'professional-direct' };
  const sign = (alg: string, key: Parameters<SignJWT['sign']>[0], change: (j: SignJWT) => SignJWT = (j) => j) =>
    change(new SignJWT(claims).setProtectedHeader({ alg }).setIssuer('https://app.example').setAudience('kotae').setExpirationTime('5m')).sign(key);
  const verifier = (extra: Record<string, string> = {}) =>
    createIdentityVerifier({ hs256Secret: hs, issuer: 'https://app.example', audience: 'kotae', required: false, clockToleranceSeconds: 0, ...extra });

  it('accepts HS256, RS256 and EdDSA tokens signed with the configured keys', async () => {
    expect(await verifier()(await sign('HS256', new TextEncoder().encode(hs)))).toMatchObject({ sub: 'user-42', plan: 'professional-direct' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifier({ publicKey: pem })(await sign('RS256', rsa.privateKey))).sub).toBe('user-42');
    const ed = generateKeyPairSync('ed25519');
    const edPem = ed.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect((await verifier({ publicKey: edPem })(await sign('EdDSA', ed.privateKey))).sub).toBe('user-42');
  });

  it('rejects forged, expired, unsigned, foreign and malformed tokens', async () => {
    const verify = verifier();
    const reason = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: { reason?: string }) => e.reason,
      );
    expect(await reason(verify(await sign('HS256', new TextEncoder().encode('not-the-secret-but-long-enough-too'))))).toBe('signature');
    expect(await reason(verify(await sign('HS256', new TextEncoder().encode(hs), (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60))))).toBe(
      'expired',
    );
    const none = new UnsecuredJWT(claims).setIssuer('https://app.example').setAudience('kotae').setExpirationTime('5m').encode();
    expect(await reason(verify(none))).toBe('algorithm');
    expect(await reason(verify(await sign('HS256', new TextEncoder().encode(hs), (j) => j.setIssuer('https://evil.example'))))).toBe('claim');
    expect(await reason(verify(await sign('HS256', new TextEncoder().encode(hs), (j) => j.setAudience('someone-else'))))).toBe('claim');
    expect(await reason(verify('not.a.jwt'))).toBe('malformed');
    // An RS256 token presented to a verifier that only knows an HS256 secret.
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect(await reason(verify(await sign('RS256', rsa.privateKey)))).toBe('algorithm');
  });

  it('rejects a token without an expiry', async () => {
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://app.example')
      .setAudience('kotae')
      .sign(new TextEncoder().encode(hs));
    await expect(verifier()(token)).rejects.toMatchObject({ reason: 'claim' });
  });
});

describe('small parts', () => {
  it('canonical JSON ignores key order and whitespace but not values', () => {
    expect(canonicalJson(JSON.parse('{"b":1, "a":{"d":[1,2],"c":null}}'))).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });

  it('status tokens are 256-bit, bound to one inquiry and one secret', () => {
    const secret = Buffer.alloc(32, 7);
    const token = statusToken(secret, 'id-1');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statusTokenValid(secret, 'id-1', token)).toBe(true);
    expect(statusTokenValid(secret, 'id-2', token)).toBe(false);
    expect(statusTokenValid(Buffer.alloc(32, 8), 'id-1', token)).toBe(false);
    expect(statusTokenValid(secret, 'id-1', undefined)).toBe(false);
  });

  it('a rate limit allows a burst, then asks to wait, then refills', () => {
    const limiter = createRateLimiter({ limit: 3, windowSeconds: 60 });
    expect([0, 1, 2, 3].map(() => limiter.take('ip', 0))).toEqual([0, 0, 0, 20]);
    expect(limiter.take('other-ip', 0)).toBe(0);
    expect(limiter.take('ip', 20_000)).toBe(0);
  });

  it('picks the body locale, then Accept-Language, then the site default', async () => {
    const config = await sampleConfig();
    expect(negotiateLocale(config, 'en', 'ja')).toBe('en');
    expect(negotiateLocale(config, 'fr', 'fr-CA, en-US;q=0.8, ja;q=0.5')).toBe('en');
    expect(negotiateLocale(config, undefined, 'de')).toBe('ja');
  });

  it('settings come from the environment, later layers win, and errors name the setting', () => {
    const env = settingsFromEnv({
      DATABASE_URL: 'postgres://u@127.0.0.1/db',
      KOTAE_INTAKE_CORS_ORIGINS: 'https://a.example, https://b.example',
      KOTAE_INTAKE_SMTP_URL: 'smtps://bot:p%40ss@mail.example',
      KOTAE_INTAKE_SMTP_FROM: 'intake@example.jp',
      KOTAE_INTAKE_SMTP_TO: 'support@example.jp',
    });
    const settings = resolveSettings({ port: 1 }, env, { port: 2 });
    expect(settings.port).toBe(2);
    expect(settings.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(settings.smtp).toMatchObject({ host: 'mail.example', port: 465, secure: true, user: 'bot', pass: 'p@ss' });
    expect(() => resolveSettings({ webhook: { url: 'https://x.example', secret: 'short' } })).toThrow(SettingsError);
    expect(() => resolveSettings({ webhook: { url: 'https://x.example', secret: 'short' } })).toThrow(/webhook\.secret/);
  });

  it('status hook secrets come from the environment; a hook secret not in the Standard Webhooks form is named', () => {
    const statusSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const settings = resolveSettings(settingsFromEnv({ KOTAE_INTAKE_HOOKS_ZENDESK_SECRET: 'zd-secret', KOTAE_INTAKE_HOOKS_STATUS_SECRET: statusSecret }));
    expect(settings.hooks).toEqual({ zendeskSecret: 'zd-secret', statusSecret, toleranceSeconds: 300 });
    expect(resolveSettings().hooks).toEqual({ toleranceSeconds: 300 });
    expect(() => resolveSettings({ hooks: { statusSecret: 'plain' } })).toThrow(/hooks\.statusSecret/);
  });
});

describe('status hook signatures', () => {
  it("verifies Zendesk's signature as Zendesk documents it: base64(HMAC-SHA256(secret, timestamp + raw body)), within the tolerance", () => {
    const secret = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
    const timestamp = '2021-03-25T05:09:27Z';
    const body = Buffer.from('{"type":"zen:event-type:ticket.status_changed","id":"01H"}');
    const signature = createHmac('sha256', secret)
      .update(`${timestamp}${body.toString('utf8')}`)
      .digest('base64');
    const at = Date.parse(timestamp);
    expect(verifyZendeskSignature(secret, signature, timestamp, body, at + 299_000)).toBe('ok');
    expect(verifyZendeskSignature(secret, signature, timestamp, body, at - 299_000)).toBe('ok');
    expect(verifyZendeskSignature(secret, signature, timestamp, body, at + 301_000)).toBe('stale');
    expect(verifyZendeskSignature(secret, signature, '2021-03-25T05:09:28Z', body, at)).toBe('mismatch');
    expect(verifyZendeskSignature(`${secret}x`, signature, timestamp, body, at)).toBe('mismatch');
    expect(verifyZendeskSignature(secret, signature, timestamp, Buffer.concat([body, Buffer.from(' ')]), at)).toBe('mismatch');
    // Body then timestamp (the order of Zendesk's older event-connectors page) is not what webhooks send.
    const reversed = createHmac('sha256', secret)
      .update(`${body.toString('utf8')}${timestamp}`)
      .digest('base64');
    expect(verifyZendeskSignature(secret, reversed, timestamp, body, at)).toBe('mismatch');
    expect(verifyZendeskSignature(secret, undefined, timestamp, body, at)).toBe('missing');
  });

  it('maps every Zendesk status category to a state', () => {
    expect(ZENDESK_STATES).toEqual({ new: 'forwarded', open: 'in_progress', pending: 'waiting', hold: 'in_progress', solved: 'solved', closed: 'solved' });
  });
});

describe('event retention and roll-ups', () => {
  it('keeps retentionDays whole UTC days, today counting as the first', () => {
    const now = Date.parse('2026-04-15T23:59:59Z');
    expect(retentionCutoff(now, 1)).toBe('2026-04-15');
    expect(retentionCutoff(now, 30)).toBe('2026-03-17');
    expect(retentionCutoff(Date.parse('2026-03-01T00:00:00Z'), 2)).toBe('2026-02-28');
  });

  it('rolls events up by day and dimensions, absent ones as "" and -1, in one order whatever the arrival order', () => {
    const search = { receivedAt: 0, session: 's', locale: 'ja', surface: 'widget', at: '', entry: null, top: 'x', query: 'q', results: 1, helpful: null };
    const base = { product: null, reason: null, text: null, inquiry: null, via: null, rank: null };
    const rows = [
      { ...base, ...search, day: '2026-04-02', type: 'search', answered: true },
      { ...base, ...search, day: '2026-04-01', type: 'search', answered: false },
      { ...base, ...search, day: '2026-04-02', type: 'search', answered: true },
    ];
    const counts = rollUp(rows);
    expect(counts).toEqual([
      { day: '2026-04-01', type: 'search', locale: 'ja', product: '', entry: '', answered: 0, helpful: -1, reason: '', count: 1 },
      { day: '2026-04-02', type: 'search', locale: 'ja', product: '', entry: '', answered: 1, helpful: -1, reason: '', count: 2 },
    ]);
    expect(rollUp([...rows].reverse())).toEqual(counts);
    expect(toEventDay(counts[1]!)).toEqual({
      day: '2026-04-02',
      type: 'search',
      locale: 'ja',
      product: null,
      entry: null,
      answered: true,
      helpful: null,
      reason: null,
      count: 2,
    });
  });
});

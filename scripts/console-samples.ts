import { randomUUID } from 'node:crypto';
import type { InquiryInput, InquiryState } from '../content/schema/index.ts';
import type { RunningIntake } from '../intake/server.ts';

/**
 * Sample inquiries for the support console: the README's screenshots (scripts/console-screenshots.ts) and
 * the console's tests send them to a running intake through its public API, as the widget would, at the
 * times given (the intake's clock is the caller's `clock`), then report states as a helpdesk would.
 */
export interface ConsoleSample {
  receivedAt: string;
  body: InquiryInput;
  /** A state reported after it arrived. */
  state?: InquiryState;
  /** A small PNG attached under this name. */
  attachment?: string;
}

const contact = (name: string, email: string, language: 'ja' | 'en', timeZone = language === 'ja' ? 'Asia/Tokyo' : 'Europe/London') => ({
  name,
  email,
  preferred_method: 'email' as const,
  language,
  time_zone: timeZone,
});

export const CONSOLE_SAMPLES: readonly ConsoleSample[] = [
  {
    receivedAt: '2026-11-24T01:05:00Z',
    attachment: 'ルーター設定.png',
    body: {
      product: 'camera',
      resource: 'nc-320',
      problem_type: 'wifi',
      problem_subtype: 'disconnects',
      severity: 'c',
      plan: 'standard',
      summary: 'NC-320 がWi-Fiから1日に数回切断される',
      description:
        '先週ルーターを交換してから、リビングの NC-320 が 1 日に 3〜4 回オフラインになります。アプリでは「カメラに接続できません」と表示され、10 分ほどで自動的に復帰します。',
      started_at: '2026-11-16T20:00:00+09:00',
      diagnostics: [
        { name: 'app_version', value: 'Nagisa Cam 4.12.0 (iOS 19.1)' },
        { name: 'firmware', value: 'NC-320 2.8.5' },
        { name: 'last_error', value: 'E-301 connection timed out' },
      ],
      contact: { ...contact('山田 花子', 'hanako.yamada@example.jp', 'ja'), phone: '+81 90-1234-5678' },
      deflection: {
        queries: [
          { query: 'カメラ オフライン', results: 4, at: '2026-11-24T10:02:11+09:00' },
          { query: 'wifi 切れる nc-320', results: 0, at: '2026-11-24T10:03:40+09:00' },
        ],
        opened: [{ entry_id: 'camera-offline', locale: 'ja', at: '2026-11-24T10:02:30+09:00' }],
        votes: [{ entry_id: 'camera-offline', helpful: false, at: '2026-11-24T10:03:05+09:00' }],
      },
      locale: 'ja',
      page_url: 'http://localhost:4400/ja/articles/camera-offline/',
      client_version: '0.1.0',
    },
  },
  {
    receivedAt: '2026-11-25T09:40:00Z',
    body: {
      product: 'cloud-db',
      resource: 'instance',
      problem_type: 'connectivity',
      problem_subtype: 'timeout',
      severity: 'b',
      plan: 'standard',
      summary: 'Production database refuses connections after failover',
      description: 'Since the automatic failover at 09:12 UTC every connection from our app servers times out after 30 s. The replica is healthy.',
      diagnostics: [{ name: 'region', value: 'ap-northeast-1' }],
      contact: contact('Alex Morgan', 'alex.morgan@example.com', 'en'),
      deflection: { queries: [{ query: 'failover connection timeout', results: 2 }], opened: [], votes: [] },
      locale: 'en',
    },
  },
  {
    receivedAt: '2026-11-26T00:30:00Z',
    state: 'in_progress',
    body: {
      product: 'groupware',
      resource: 'workspace',
      problem_type: 'sign-in',
      problem_subtype: 'two-step',
      severity: 'b',
      plan: 'standard',
      summary: '2 段階認証のコードが届かない',
      description: '機種変更後、ログイン時の 2 段階認証コードが SMS で届きません。社員 40 名がサインインできない状態です。',
      contact: contact('佐藤 健', 'ken.sato@example.co.jp', 'ja'),
      locale: 'ja',
    },
  },
  {
    receivedAt: '2026-11-26T13:15:00Z',
    state: 'waiting',
    body: {
      product: 'groupware',
      resource: 'mail',
      problem_type: 'mail-delivery',
      problem_subtype: 'bounce',
      severity: 'c',
      plan: 'developer',
      summary: 'Mail to one partner bounces with 550 5.7.1',
      description: 'Messages to partner.example bounce with "550 5.7.1 relay denied" since Monday. Other domains are fine.',
      contact: contact('Sam Lee', 'sam.lee@example.org', 'en', 'America/New_York'),
      locale: 'en',
    },
  },
  {
    receivedAt: '2026-11-27T02:00:00Z',
    state: 'solved',
    body: {
      product: 'camera',
      resource: 'nc-210',
      problem_type: 'setup',
      problem_subtype: 'pairing',
      severity: 'c',
      plan: 'standard',
      summary: 'アプリにカメラを登録できません',
      description: 'QR コードを読み取ると「登録済みのカメラです」と表示されます。中古で購入した NC-210 です。',
      contact: contact('鈴木 一郎', 'ichiro.suzuki@example.jp', 'ja'),
      deflection: { queries: [{ query: '登録済みのカメラ', results: 1 }], opened: [{ entry_id: 'camera-reset' }], votes: [] },
      locale: 'ja',
    },
  },
  {
    receivedAt: '2026-11-27T06:45:00Z',
    body: {
      product: 'cloud-db',
      resource: 'backup',
      problem_type: 'backup-restore',
      problem_subtype: 'restore-failed',
      severity: 'c',
      plan: 'standard',
      summary: 'バックアップからの復元が途中で失敗する',
      description: '11 月 26 日 03:00 のバックアップから新しいインスタンスへ復元すると、80% 付近で「restore failed」になります。',
      contact: contact('高橋 美咲', 'misaki.takahashi@example.jp', 'ja'),
      locale: 'ja',
    },
  },
];

/** A tiny PNG (signature and a header chunk are what the intake checks). */
export const SAMPLE_PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

/**
 * Sends `samples` to the intake, oldest first, with the intake's clock set to each one's time through
 * `setClock`; returns the ids in the order sent.
 */
export async function submitSamples(intake: RunningIntake, setClock: (ms: number) => void, samples = CONSOLE_SAMPLES): Promise<string[]> {
  const ids: string[] = [];
  for (const sample of samples) {
    const at = Date.parse(sample.receivedAt);
    setClock(at);
    const body: InquiryInput & { attachments?: string[] } = { ...sample.body };
    if (sample.attachment) {
      const upload = await fetch(`${intake.url}/v1/uploads?filename=${encodeURIComponent(sample.attachment)}`, {
        method: 'POST',
        headers: { 'content-type': 'image/png' },
        body: new Uint8Array(SAMPLE_PNG),
      });
      if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
      body.attachments = [((await upload.json()) as { token: string }).token];
    }
    const response = await fetch(`${intake.url}/v1/inquiries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    if (response.status !== 201) throw new Error(`inquiry: ${response.status} ${await response.text()}`);
    const id = ((await response.json()) as { id: string }).id;
    ids.push(id);
    if (sample.state)
      await intake.store.recordState({ inquiryId: id, state: sample.state, at: at + 3_600_000, source: 'zendesk', eventId: `sample-${id}-${sample.state}` });
  }
  return ids;
}

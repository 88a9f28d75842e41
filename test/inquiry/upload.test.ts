import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { unusedPort } from '../intake/test-servers.ts';
import { useDraftLayer } from './draft-layer-harness.ts';

// Attachment uploads from Chromium to the real intake (cross-origin, so through CORS), with progress.
const suite = useDraftLayer();

async function open(): Promise<Page> {
  const page = await suite.context.newPage();
  await page.goto(`${suite.env.origin}/index.html`);
  return page;
}

interface Outcome {
  token?: string;
  error?: { name: string; status: number; code: string; message: string; retryable: boolean; retryAfter: number | undefined };
  progress: [number, number][];
}

/**
 * Uploads a file made in the page: `kind` png (a PNG signature then zeros), text, or exe (an MZ header),
 * `size` bytes, declared as `type`.
 */
function upload(
  page: Page,
  intake: string,
  file: { kind: 'png' | 'text' | 'exe'; size: number; type: string; name?: string },
  locale = 'en',
  abortAfterMs?: number,
): Promise<Outcome> {
  return page.evaluate(
    async ({ intake, file, locale, abortAfterMs }) => {
      const { uploadAttachment, UploadError } = await window.lib('upload');
      const bytes = new Uint8Array(file.size);
      if (file.kind === 'png') bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      if (file.kind === 'text') bytes.fill(0x61);
      if (file.kind === 'exe') bytes.set([0x4d, 0x5a, 0x90, 0]);
      const progress: [number, number][] = [];
      const controller = new AbortController();
      if (abortAfterMs !== undefined) setTimeout(() => controller.abort(), abortAfterMs);
      try {
        const receipt = await uploadAttachment(intake, new Blob([bytes], { type: file.type }), file.name ?? 'file.bin', {
          locale,
          onProgress: (sent, total) => progress.push([sent, total]),
          signal: controller.signal,
        });
        return { token: receipt.token, progress };
      } catch (e) {
        if (!(e instanceof UploadError)) throw e;
        return { error: { name: e.name, status: e.status, code: e.code, message: e.message, retryable: e.retryable, retryAfter: e.retryAfter }, progress };
      }
    },
    { intake, file, locale, abortAfterMs },
  );
}

describe('attachment upload (XMLHttpRequest, in Chromium, against the real intake)', () => {
  it('uploads with progress events and returns the token the intake stored', async () => {
    const page = await open();
    // Slow the upload so the browser reports progress more than once.
    const cdp = await suite.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1_000_000 });
    const size = 900_000;
    const outcome = await upload(page, suite.env.intake.url, { kind: 'png', size, type: 'image/png', name: 'スクリーンショット.png' });
    expect(outcome.error).toBeUndefined();
    expect(outcome.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const [stored] = await suite.env.intake.store.uploads([outcome.token!]);
    expect(stored).toMatchObject({ name: 'スクリーンショット.png', type: 'image/png', size });
    // Progress: several events, never going back, all of the same total, ending at the full size.
    expect(outcome.progress.length).toBeGreaterThan(2);
    expect(outcome.progress.every(([, total]) => total === size)).toBe(true);
    expect(outcome.progress.every(([sent], i, all) => i === 0 || sent >= all[i - 1]![0])).toBe(true);
    expect(outcome.progress.some(([sent]) => sent > 0 && sent < size)).toBe(true);
    expect(outcome.progress.at(-1)).toEqual([size, size]);
  });

  it('sends a name longer than the intake takes with its stem shortened, so the file still goes and stays a PNG', async () => {
    const page = await open();
    const name = `${'画面の記録'.repeat(60)}.png`;
    const outcome = await upload(page, suite.env.intake.url, { kind: 'png', size: 2_000, type: 'image/png', name });
    expect(outcome.error).toBeUndefined();
    const [stored] = await suite.env.intake.store.uploads([outcome.token!]);
    expect([...stored!.name].length).toBe(200);
    expect(stored!.name).toMatch(/^(画面の記録)+画?面?の?記?\.png$/);
  });

  it('refuses a file over the size limit with 413 and the intake message in the customer language', async () => {
    const page = await open();
    const outcome = await upload(page, suite.env.intake.url, { kind: 'png', size: 1_048_577, type: 'image/png' }, 'ja');
    expect(outcome.token).toBeUndefined();
    expect(outcome.error).toMatchObject({ name: 'UploadError', status: 413, code: 'upload_too_large', retryable: false });
    expect(outcome.error!.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(outcome.error!.message).toContain('1');
  });

  it('refuses a type the site does not allow, and a file that is not what it claims, with 415', async () => {
    const page = await open();
    const exe = await upload(page, suite.env.intake.url, { kind: 'exe', size: 2_000, type: '', name: 'setup.exe' });
    expect(exe.error).toMatchObject({ status: 415, code: 'upload_type_not_allowed', retryable: false });
    expect(exe.error!.message).toContain('image/png');
    const fake = await upload(page, suite.env.intake.url, { kind: 'text', size: 2_000, type: 'image/png', name: 'fake.png' });
    expect(fake.error).toMatchObject({ status: 415, code: 'upload_type_mismatch', retryable: false });
  });

  it('reports an unreachable intake as status 0 (retryable) and an abort as status 0 (not retryable)', async () => {
    const page = await open();
    const down = await upload(page, `http://127.0.0.1:${await unusedPort()}`, { kind: 'png', size: 1_000, type: 'image/png' });
    expect(down.error).toMatchObject({ status: 0, code: 'network', retryable: true });
    const cdp = await suite.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 100_000 });
    const aborted = await upload(page, suite.env.intake.url, { kind: 'png', size: 500_000, type: 'image/png' }, 'en', 300);
    expect(aborted.error).toMatchObject({ status: 0, code: 'aborted', retryable: false });
  });

  it('passes a rate limit on as retryable, with its Retry-After', async () => {
    const page = await open();
    suite.env.proxy.fail('/v1/uploads', { status: 429, headers: { 'retry-after': '7' } });
    const limited = await upload(page, suite.env.proxy.url, { kind: 'png', size: 1_000, type: 'image/png' });
    expect(limited.error).toMatchObject({ status: 429, retryable: true, retryAfter: 7 });
    // The next upload through the same proxy reaches the intake.
    const next = await upload(page, suite.env.proxy.url, { kind: 'png', size: 1_000, type: 'image/png' });
    expect(next.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

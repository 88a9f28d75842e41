import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atStep, useInquiryServer, W } from './inquiry-server.ts';

// Issue 7: attachments (picker, drop, paste, limits), the identity lock, and what the customer sees when the
// intake refuses or is down — in Chromium against the real intake.
const suite = useInquiryServer({ viewport: { width: 1280, height: 900 } });

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==', 'base64');
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token shaped like the host's JWT (the intake of these tests has no key configured, so it refuses it). */
const TOKEN = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u-42', name: 'Aki Tanaka', email: 'aki@example.com', plan: 'professional-direct', exp: 4102444800 })}.c2lnbmF0dXJl`;

async function open(page: Page, setup: (token: string) => Promise<void> | void = () => {}): Promise<void> {
  await page.goto(`${suite.server.origin}/plain.html`);
  await page.evaluate(() => {
    const w = window as unknown as { seen: [string, unknown][] };
    w.seen = [];
    for (const name of ['inquiry:submit', 'inquiry:error'] as const) void window.Kotae('on', name, (d: unknown) => w.seen.push([name, d]));
  });
  await page.evaluate(setup, TOKEN);
  await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
  await atStep(page, 'what');
  await page.locator(`${W} #kq-product`).selectOption('camera');
  await page.locator(`${W} #kq-problem_type`).selectOption('wifi');
  await page.locator(`${W} #kq-summary`).fill('NC-320 drops off Wi-Fi');
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'solutions');
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'details');
  await page.locator(`${W} #kq-description`).fill('Since the router was replaced it goes offline 3 times a day.');
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: [string, unknown][] }).seen);

async function fillRest(page: Page): Promise<void> {
  await page.locator(`${W} #kq-plan`).selectOption('standard');
  await page.locator(`${W} #kq-severity-c`).check();
  await page.locator(`${W} #kq-name`).fill('Hanako Yamada');
  await page.locator(`${W} #kq-email`).fill('hanako@example.jp');
}

/** Dispatches a paste (or a drop on the drop zone) carrying files, as the browser does for a screenshot. */
function transfer(page: Page, kind: 'paste' | 'drop', files: { name: string; type: string; bytes: number[] | number }[]): Promise<void> {
  return page.evaluate(
    ({ kind, files }) => {
      const root = document.querySelector('kotae-widget')!.shadowRoot!;
      const data = new DataTransfer();
      for (const f of files)
        data.items.add(new File([typeof f.bytes === 'number' ? new Uint8Array(f.bytes) : new Uint8Array(f.bytes)], f.name, { type: f.type }));
      const target = kind === 'paste' ? root.querySelector('#kq-description')! : root.querySelector('.kq-drop')!;
      const event =
        kind === 'paste'
          ? new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
          : new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
    },
    { kind, files },
  );
}

describe('inquiry details', () => {
  it('attaches by picker, drop and pasted screenshot, refuses what the config does not allow, and stores what was attached', async () => {
    const page = await suite.context.newPage();
    await open(page);
    await fillRest(page);
    await page.locator(`${W} #kq-files`).setInputFiles({ name: 'router.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await transfer(page, 'paste', [{ name: 'image.png', type: 'image/png', bytes: [...PNG] }]);
    await transfer(page, 'drop', [
      { name: 'log.txt', type: 'text/plain', bytes: [...Buffer.from('E-301 connection timed out\n')] },
      { name: 'setup.exe', type: 'application/x-msdownload', bytes: [77, 90] },
      { name: 'huge.png', type: 'image/png', bytes: 6 * 1024 * 1024 },
    ]);
    await expect
      .poll(() => page.locator(`${W} .kq .notice[role=status]`).textContent())
      .toBe('“setup.exe” is a type of file we cannot accept. “huge.png” is larger than 5 MB.');
    const items = page.locator(`${W} .kq-file-item`);
    await expect
      .poll(() => items.evaluateAll((els) => els.map((e) => [e.getAttribute('data-name'), e.textContent?.includes('Uploaded')])))
      .toEqual([
        ['router.pdf', true],
        [expect.stringMatching(/^screenshot-\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d\.png$/), true],
        ['log.txt', true],
      ]);
    await page.locator(`${W} .kq-file-item[data-name="router.pdf"] [data-action=remove-file]`).click();
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} #kotae-done`).waitFor();
    const stored = (await suite.server.inquiries()).at(-1)!.data;
    expect(stored.attachments.map((a: { name: string; type: string }) => [a.name, a.type])).toEqual([
      [expect.stringMatching(/^screenshot-.*\.png$/), 'image/png'],
      ['log.txt', 'text/plain'],
    ]);
  });

  it("a file chosen offline waits, uploads when back online, and is dropped with the intake's reason when its bytes are not what it claims", async () => {
    const page = await suite.context.newPage();
    await open(page);
    await suite.context.setOffline(true);
    await page.locator(`${W} #kq-files`).setInputFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('this is text, not a PNG\n') },
      { name: 'ok.png', mimeType: 'image/png', buffer: PNG },
    ]);
    expect(await page.locator(`${W} .kq-file-item`).allTextContents()).toEqual([
      expect.stringContaining('Will be uploaded when you send'),
      expect.stringContaining('Will be uploaded when you send'),
    ]);
    await suite.context.setOffline(false);
    await page.locator(`${W} .kq-file-item[data-name="ok.png"]`, { hasText: 'Uploaded' }).waitFor();
    await expect.poll(() => page.locator(`${W} .kq-file-item`).count()).toBe(1);
    expect(await page.locator(`${W} .kq .notice[role=status]`).textContent()).toMatch(/^photo\.png: .+/);
    expect((await seen(page)).filter(([n]) => n === 'inquiry:error')).toEqual([
      ['inquiry:error', { message: expect.any(String), status: 415, code: 'upload_type_mismatch' }],
    ]);
  });

  it('without IndexedDB the customer is told the draft is not kept, and the inquiry still goes out', async () => {
    const page = await suite.context.newPage();
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('blocked by the browser settings', 'SecurityError');
      };
    });
    await open(page);
    expect(await page.locator(`${W} .kq .notice`).allTextContents()).toContain(
      'This browser does not let us save your draft: it is lost if you close the page.',
    );
    await fillRest(page);
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    const before = await suite.server.count();
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} #kotae-done`).waitFor();
    expect(await suite.server.count()).toBe(before + 1);
  });

  it('shows upload progress while a file goes up', async () => {
    const page = await suite.context.newPage();
    await open(page);
    // Record every value the progress bar takes, and slow the upload down (1 MB/s) so that there are several.
    await page.evaluate(() => {
      const root = document.querySelector('kotae-widget')!.shadowRoot!;
      const w = window as unknown as { progress: number[][] };
      w.progress = [];
      new MutationObserver(() => {
        const bar = root.querySelector('.kq-files progress') as HTMLProgressElement | null;
        if (bar) w.progress.push([bar.value, bar.max]);
      }).observe(root, { subtree: true, childList: true, attributes: true });
    });
    const cdp = await suite.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    const size = 1536 * 1024;
    const text = Buffer.alloc(size, 'log line\n');
    await page.locator(`${W} #kq-files`).setInputFiles({ name: 'big.log.txt', mimeType: 'text/plain', buffer: text });
    await page.locator(`${W} .kq-file-item`, { hasText: 'Uploaded' }).waitFor({ timeout: 60_000 });
    const progress = await page.evaluate(() => (window as unknown as { progress: number[][] }).progress);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, max]) => max === size)).toBe(true);
    expect(progress.some(([value = 0]) => value > 0 && value < size)).toBe(true);
  });

  it('an identified customer has name, email and plan filled in and locked; a token the intake refuses fires inquiry:error and nothing is stored', async () => {
    const page = await suite.context.newPage();
    await open(page, async (token) => {
      await window.Kotae('identify', token);
      await window.Kotae('prefill', { name: 'Someone Else', phone: '+81 90-1234-5678' });
    });
    const name = page.locator(`${W} #kq-name`);
    expect(await name.inputValue()).toBe('Aki Tanaka');
    expect(await name.getAttribute('readonly')).not.toBeNull();
    expect(await page.locator(`${W} #kq-email`).inputValue()).toBe('aki@example.com');
    expect(await page.locator(`${W} #kq-email`).getAttribute('readonly')).not.toBeNull();
    expect(await page.locator(`${W} #kq-plan`).inputValue()).toBe('professional-direct');
    expect(await page.locator(`${W} #kq-plan`).isDisabled()).toBe(true);
    expect(await page.locator(`${W} #kq-phone`).inputValue()).toBe('+81 90-1234-5678');
    // Typing into a locked field changes nothing.
    await name.press('End');
    await name.pressSequentially('x');
    expect(await name.inputValue()).toBe('Aki Tanaka');

    await page.locator(`${W} #kq-severity-a`).check();
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    const before = await suite.server.count();
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} [data-state=rejected]`).waitFor();
    expect(await page.locator(`${W} [data-state=rejected]`).textContent()).toMatch(/^Your inquiry was not accepted: .+/);
    expect(await suite.server.count()).toBe(before);
    const errors = (await seen(page)).filter(([n]) => n === 'inquiry:error');
    expect(errors).toEqual([['inquiry:error', { message: expect.any(String), status: 401, fields: [] }]]);
    expect((await seen(page)).some(([n]) => n === 'inquiry:submit')).toBe(false);
    // The identity token went with the inquiry: that is what the intake refused.
    const post = suite.server.calls.filter((c) => c.path === '/v1/inquiries').at(-1)!;
    expect(post.status).toBe(401);
  });

  it('while the intake answers 503 the customer sees the retry; it is stored once, under one key, when it recovers', async () => {
    const page = await suite.context.newPage();
    await open(page);
    await fillRest(page);
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    let refused = 0;
    suite.server.fail((req) => (req.method === 'POST' && req.path === '/v1/inquiries' && refused++ < 2 ? 503 : undefined));
    const before = await suite.server.count();
    const callsBefore = suite.server.calls.length;
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} [data-state=queued-unavailable]`).waitFor();
    expect(await page.locator(`${W} .kq-send`).textContent()).toMatch(/The support service did not answer\. .* next try at /);
    await page.locator(`${W} #kotae-done`).waitFor({ timeout: 60_000 });
    expect(await suite.server.count()).toBe(before + 1);
    const posts = suite.server.calls.slice(callsBefore).filter((c) => c.method === 'POST' && c.path === '/v1/inquiries');
    expect(posts.map((c) => c.status)).toEqual([503, 503, 201]);
    expect(new Set(posts.map((c) => c.key)).size).toBe(1);
  });

  it('a send still waiting when the page reloads goes out after the reload, without the customer opening the widget', async () => {
    const page = await suite.context.newPage();
    await open(page);
    await fillRest(page);
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    suite.server.fail((req) => (req.method === 'POST' && req.path === '/v1/inquiries' ? 503 : undefined));
    const before = await suite.server.count();
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} [data-state=queued-unavailable]`).waitFor();
    await page.reload();
    suite.server.fail(undefined);
    await expect.poll(() => suite.server.count(), { timeout: 60_000 }).toBe(before + 1);
    expect(await page.evaluate(() => window.Kotae('state').then((s) => s.open))).toBe(false);
    // The outbox clears its wake-up flag once nothing waits.
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kotae-outbox:')).length)).toBe(0);
    // The sent draft is gone: opening the form now starts a new inquiry.
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    expect(await page.locator(`${W} #kq-summary`).inputValue()).toBe('');
    expect(await page.locator(`${W} .kq .notice`).count()).toBe(0);
  });
});

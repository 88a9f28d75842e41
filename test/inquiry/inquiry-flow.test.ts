import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focused } from '../widget/widget-server.ts';
import { atStep, useInquiryServer, W } from './inquiry-server.ts';

// Issue 7 end to end: the widget's inquiry form in Chromium, under the strict CSP, against the real intake.
const suite = useInquiryServer({ viewport: { width: 1280, height: 900 } });

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==', 'base64');
const UNANSWERED = 'migrate from oracle to cloud db';

async function open(path = 'host.html'): Promise<{ page: Page; problems: string[] }> {
  const page = await suite.context.newPage();
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${suite.server.origin}/${path}`);
  await page.evaluate(() => {
    const w = window as unknown as { seen: [string, unknown][] };
    w.seen = [];
    for (const name of ['search', 'vote', 'inquiry:start', 'inquiry:deflect', 'inquiry:submit', 'inquiry:error'] as const)
      void window.Kotae('on', name, (d: unknown) => w.seen.push([name, d]));
  });
  return { page, problems };
}
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: [string, unknown][] }).seen);

/** Searches for something the engine cannot answer, then follows "Contact support". */
async function searchThenContact(page: Page, query = UNANSWERED): Promise<void> {
  await page.evaluate(() => window.Kotae('open'));
  await page.locator(`${W} input.search`).fill(query);
  await page.locator(`${W} [data-action=contact]`).click();
  await atStep(page, 'what');
}

async function fillWhat(page: Page, problemType = 'backup-restore', subtype = 'restore-failed'): Promise<void> {
  await page.locator(`${W} #kq-problem_type`).selectOption(problemType);
  await page.locator(`${W} #kq-problem_subtype`).selectOption(subtype);
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'solutions');
  await page.locator(`${W} .kq-solutions, ${W} .kq-step .hint[role=status]:not(:empty)`).first().waitFor();
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'details');
}

async function fillDetails(page: Page): Promise<void> {
  await page.locator(`${W} #kq-description`).fill('The nightly restore to a new cluster stops at 80% with "restore failed: E-512".');
  await page.locator(`${W} #kq-plan`).selectOption('standard');
  await page.locator(`${W} #kq-severity-b`).check();
  await page.locator(`${W} #kq-name`).fill('Aki Tanaka');
  await page.locator(`${W} #kq-email`).fill('aki@example.com');
}

/** The drafts saved in the page's IndexedDB (`kotae` → `drafts`), read without creating the database. */
function storedDrafts(page: Page): Promise<{ values?: Record<string, string>; removedDiagnostics?: string[] }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('kotae');
        request.onupgradeneeded = () => request.transaction?.abort();
        request.onerror = () => resolve([]);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains('drafts')) return (db.close(), resolve([]));
          const all = db.transaction('drafts', 'readonly').objectStore('drafts').getAll();
          all.onsuccess = () => (db.close(), resolve(all.result));
          all.onerror = () => (db.close(), reject(all.error));
        };
      }),
  );
}

describe('the inquiry form against the real intake', () => {
  it('unanswered search → contact → full form → ticket number; the intake stores product, resource, severity, attachment, kept diagnostics and the trail', async () => {
    const { page, problems } = await open();
    await searchThenContact(page);
    // Step 1 comes prefilled: product and resource from setContext, the summary from the last search.
    expect(await page.locator(`${W} #kq-product`).inputValue()).toBe('cloud-db');
    expect(await page.locator(`${W} #kq-resource`).inputValue()).toBe('cluster');
    expect(await page.locator(`${W} #kq-summary`).inputValue()).toBe(UNANSWERED);
    await fillWhat(page);
    await fillDetails(page);
    // The promise shown is the intake's own computation (Severity B on Standard: 240 min around the clock).
    const due = await page.locator(`${W} #kq-severity-b-def .kq-due`).textContent();
    expect(due).toMatch(/^We will reply by \w{3}, \w{3} \d{1,2}, \d{2}:\d{2} \(.+\)$/);
    await page.locator(`${W} #kq-files`).setInputFiles({ name: 'error.png', mimeType: 'image/png', buffer: PNG });
    await page.locator(`${W} .kq-file-item[data-name="error.png"]`, { hasText: 'Uploaded' }).waitFor();
    expect(await page.locator(`${W} .kq-diag`).evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual([
      'cluster',
      'connections',
      'api_key_hint',
    ]);
    await page.locator(`${W} .kq-diag[data-name=api_key_hint] [data-action=remove-diagnostic]`).click();
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    expect(await page.locator(`${W} .kq-review`).allTextContents()).toEqual([expect.stringContaining('Nagisa Cloud DB'), expect.stringContaining('error.png')]);
    const sent = Date.now();
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} #kotae-done`).waitFor();
    const confirmation = await page.locator(`${W} kotae-confirmation-view`).textContent();
    const number = /Reference: (\S+)/.exec(confirmation ?? '')?.[1];
    expect(number).toMatch(/^\S+-\d+$/);
    expect(confirmation).toContain('We will reply by');
    expect(await page.locator(`${W} [data-action=status]`).getAttribute('href')).toMatch(new RegExp(`^${suite.server.origin}/v1/inquiries/[\\w-]+\\?token=`));

    const stored = await suite.server.inquiries();
    expect(stored).toHaveLength(1);
    const data = stored[0]!.data;
    expect(data).toMatchObject({
      product: 'cloud-db',
      resource: 'cluster',
      problem_type: 'backup-restore',
      problem_subtype: 'restore-failed',
      severity: 'b',
      plan: 'standard',
      summary: UNANSWERED,
      contact: { name: 'Aki Tanaka', email: 'aki@example.com', preferred_method: 'email', language: 'en' },
      locale: 'en',
    });
    expect(data.attachments).toEqual([expect.objectContaining({ name: 'error.png', type: 'image/png', size: PNG.length })]);
    expect(data.diagnostics).toEqual([
      { name: 'cluster', value: 'prod-tokyo-1' },
      { name: 'connections', value: '497' },
    ]);
    expect(data.deflection.queries.map((q: { query: string }) => q.query)).toEqual([UNANSWERED]);
    expect(Date.parse(data.first_response_due) - Date.parse(data.received_at)).toBe(240 * 60_000);
    expect(Math.abs(Date.parse(data.received_at) - sent)).toBeLessThan(60_000);

    const events = (await seen(page)).filter(([name]) => name.startsWith('inquiry:'));
    expect(events.map(([name]) => name)).toEqual(['inquiry:start', 'inquiry:submit']);
    expect((events[0]![1] as { trail: unknown }).trail).toEqual([expect.objectContaining({ type: 'search', query: UNANSWERED, answered: false })]);
    expect(events[1]![1]).toEqual({
      id: number,
      inquiryId: stored[0]!.id,
      replyBy: data.first_response_due,
      statusUrl: expect.stringContaining(stored[0]!.id),
    });
    // The sent draft is gone: the next inquiry starts empty.
    await page.locator(`${W} [data-action=done]`).click();
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    expect(await page.locator(`${W} #kq-problem_type`).inputValue()).toBe('');
    expect(problems).toEqual([]);
  });

  it('validates with the intake schema: field messages in the customer language, focus on the first error, announced', async () => {
    const { page } = await open('plain.html');
    await page.evaluate(() => window.Kotae('open', { view: 'search' }));
    await page.evaluate(() => window.Kotae('search', 'migrate from oracle to cloud db'));
    await page.locator(`${W} [data-action=contact]`).click();
    await atStep(page, 'what');
    await page.locator(`${W} #kq-summary`).fill('');
    await page.locator(`${W} [data-action=next]`).click();
    const alert = page.locator(`${W} #kq-errors[role=alert]`);
    await expect.poll(() => alert.textContent()).toBe('3 fields need your attention: Product, Problem type, and Summary');
    await expect.poll(() => focused(page)).toBe('select#kq-product');
    expect(await page.locator(`${W} #kq-product`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`${W} #kq-product`).getAttribute('aria-describedby')).toBe('kq-err-product');
    expect(await page.locator(`${W} #kq-err-summary`).textContent()).toBe('Fill in this field.');
    // A choice left empty asks for a choice, not for typing (writer item 5 of issue 18).
    expect(await page.locator(`${W} #kq-err-product`).textContent()).toBe('Choose one.');
    expect(await page.locator(`${W} #kq-err-problem_type`).textContent()).toBe('Choose one.');
    // Fixing a field clears its message; the step moves on once all are fixed.
    await page.locator(`${W} #kq-product`).selectOption('camera');
    expect(await page.locator(`${W} #kq-err-product`).count()).toBe(0);
    await page.locator(`${W} #kq-problem_type`).selectOption('wifi');
    await page.locator(`${W} #kq-summary`).fill('NC-320 keeps dropping off Wi-Fi');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'solutions');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'details');
    await page.locator(`${W} #kq-email`).fill('not an address');
    await page.locator(`${W} #kq-method-phone`).check();
    await page.locator(`${W} [data-action=next]`).click();
    await expect.poll(() => alert.textContent()).toBe('6 fields need your attention: Description, Support plan, Severity, Name, Email, and Phone');
    await expect.poll(() => focused(page)).toBe('textarea#kq-description');
    expect(await page.locator(`${W} #kq-err-email`).textContent()).toBe('Enter an email address such as name@example.com.');
    expect(await page.locator(`${W} #kq-err-phone`).textContent()).toBe('Enter a phone number so that we can call you.');
    expect(await page.locator(`${W} #kq-err-severity`).textContent()).toBe('Choose one.');

    // In Japanese, the same checks speak Japanese.
    await page.evaluate(() => window.Kotae('setLocale', 'ja'));
    await page.locator(`${W} [data-action=next]`).click();
    await expect.poll(() => page.locator(`${W} #kq-err-email`).textContent()).toBe('name@example.com のような形式でメールアドレスを入力してください。');
    expect(await alert.textContent()).toBe('6 件の項目をご確認ください: 詳しい内容、サポートプラン、重要度、お名前、メールアドレス、電話番号');
    expect(await page.locator(`${W} #kq-err-plan`).textContent()).toBe('いずれかを選択してください。');
    expect(await page.locator(`${W} #kq-err-description`).textContent()).toBe('入力してください。');
  });

  it('keeps the draft when the widget closes and through a reload: step, fields, the chosen file and the removed diagnostic', async () => {
    const first = await open();
    await searchThenContact(first.page);
    await fillWhat(first.page, 'performance', 'replica-lag');
    await first.page.locator(`${W} #kq-description`).fill('Replica lag grows to 20 minutes every night.');
    await first.page.locator(`${W} #kq-files`).setInputFiles({ name: 'lag.txt', mimeType: 'text/plain', buffer: Buffer.from('lag 1200s\n') });
    await first.page.locator(`${W} .kq-diag[data-name=cluster] [data-action=remove-diagnostic]`).click();
    // Closing the widget keeps it too.
    await first.page.evaluate(() => window.Kotae('close'));
    await first.page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(first.page, 'details');
    expect(await first.page.locator(`${W} #kq-description`).inputValue()).toBe('Replica lag grows to 20 minutes every night.');
    // The autosave waits for a pause in typing: wait until the stored draft holds what was done.
    await expect
      .poll(async () =>
        (await storedDrafts(first.page)).some(
          (d) => d.values?.description === 'Replica lag grows to 20 minutes every night.' && d.removedDiagnostics?.includes('cluster'),
        ),
      )
      .toBe(true);
    await first.page.reload();
    await first.page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(first.page, 'details');
    const page = first.page;
    expect(await page.locator(`${W} .kq .notice`).first().textContent()).toBe('We restored the inquiry you started earlier.');
    expect(await page.locator(`${W} #kq-description`).inputValue()).toBe('Replica lag grows to 20 minutes every night.');
    expect(await page.locator(`${W} .kq-file-item`).getAttribute('data-name')).toBe('lag.txt');
    expect(await page.locator(`${W} .kq-diag.removed`).getAttribute('data-name')).toBe('cluster');
    await page.locator(`${W} [data-action=previous]`).click();
    await atStep(page, 'solutions');
    await page.locator(`${W} [data-action=previous]`).click();
    await atStep(page, 'what');
    expect(await page.locator(`${W} #kq-problem_subtype`).inputValue()).toBe('replica-lag');
  });

  it('sent while offline: queued with the state shown, sent once when the connection returns, exactly one inquiry', async () => {
    const { page } = await open();
    await searchThenContact(page);
    await fillWhat(page);
    await fillDetails(page);
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    const before = await suite.server.count();
    const callsBefore = suite.server.calls.length;
    await suite.context.setOffline(true);
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} [data-state=queued-offline]`).waitFor();
    expect(await page.locator(`${W} .kq-send`).textContent()).toContain('You are offline. Your inquiry is saved');
    expect(await suite.server.count()).toBe(before);
    await suite.context.setOffline(false);
    await page.locator(`${W} #kotae-done`).waitFor();
    expect(await suite.server.count()).toBe(before + 1);
    const posts = suite.server.calls.slice(callsBefore).filter((c) => c.method === 'POST' && c.path === '/v1/inquiries');
    expect(posts.filter((c) => c.status === 201)).toHaveLength(1);
    expect(posts.every((c) => c.key === posts[0]!.key && /^[\w-]{8,}$/.test(c.key!))).toBe(true);
  });

  it('"This solved it" on a suggested answer closes the flow as a deflection: no inquiry is stored', async () => {
    const { page } = await open('plain.html');
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    const before = await suite.server.count();
    await page.locator(`${W} #kq-product`).selectOption('groupware');
    await page.locator(`${W} #kq-problem_type`).selectOption('sign-in');
    await page.locator(`${W} #kq-problem_subtype`).selectOption('password');
    await page.locator(`${W} #kq-summary`).fill('I forgot my password');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'solutions');
    const first = page.locator(`${W} .kq-solution`).first();
    await first.waitFor();
    const id = await first.getAttribute('data-id');
    await first.locator('[data-action=solved]').click();
    await page.locator(`${W} #kq-step`, { hasText: 'Glad that solved it' }).waitFor();
    await expect.poll(() => focused(page)).toBe('h3#kq-step');
    expect(await suite.server.count()).toBe(before);
    const events = await seen(page);
    expect(events.find(([n]) => n === 'inquiry:deflect')?.[1]).toMatchObject({ id, query: 'I forgot my password' });
    expect(events.find(([n]) => n === 'vote')?.[1]).toEqual({ id, helpful: true });
    expect(events.some(([n]) => n === 'inquiry:submit')).toBe(false);
  });
});

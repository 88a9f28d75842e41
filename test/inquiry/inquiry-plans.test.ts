import { SignJWT } from 'jose';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDue } from '../../widget/due-time.ts';
import { atStep, useInquiryServer, W } from './inquiry-server.ts';

// Issue 17, "Honest promises": the form offers only the plans and severities that apply to this customer
// (Professional Direct requires identity in the sample site, and only it has Severity A), and the reply-by time
// it shows is the one the intake stores. In Chromium against the real intake, which verifies HS256 tokens.
const SECRET = 'inquiry-plans-test-secret-long-enough';
/** Friday 17:00 in Tokyo: the browser's clock and the intake's are both fixed here. */
const NOW = Date.parse('2026-11-27T08:00:00Z');
const suite = useInquiryServer({ viewport: { width: 1280, height: 900 }, timezoneId: 'Asia/Tokyo' }, { identitySecret: SECRET, now: NOW });

const token = (plan?: string) =>
  new SignJWT({ sub: 'u-17', name: 'Aki Tanaka', email: 'aki@example.com', ...(plan ? { plan } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

/** Opens the form after `setup` (identify, prefill) and goes to the details step. */
async function details(page: Page, setup: { identity?: string; prefill?: Record<string, string> } = {}): Promise<void> {
  await page.clock.setFixedTime(NOW);
  await page.goto(`${suite.server.origin}/plain.html`);
  await page.evaluate(async ({ identity, prefill }) => {
    if (identity) await window.Kotae('identify', identity);
    if (prefill) await window.Kotae('prefill', prefill);
    await window.Kotae('open', { view: 'inquiry' });
  }, setup);
  await atStep(page, 'what');
  await page.locator(`${W} #kq-product`).selectOption('camera');
  await page.locator(`${W} #kq-problem_type`).selectOption('wifi');
  await page.locator(`${W} #kq-summary`).fill('NC-450 offline');
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'solutions');
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'details');
}

const planOptions = (page: Page) => page.locator(`${W} #kq-plan option`).evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
const severities = (page: Page) => page.locator(`${W} input[name=kq-severity]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

describe('plans and severities in the inquiry form', () => {
  it('offers an anonymous customer only the plans open to all, says why others are missing, and each plan only its severities', async () => {
    const page = await suite.context.newPage();
    await details(page, { prefill: { plan: 'professional-direct' } });
    // The prefilled plan requires identity: it is neither offered nor chosen.
    expect(await planOptions(page)).toEqual(['', 'developer', 'standard']);
    expect(await page.locator(`${W} #kq-plan`).inputValue()).toBe('');
    expect(await page.locator(`${W} #kq-plan-hidden`).textContent()).toBe('Some plans need you to be signed in.');
    expect(await severities(page)).toEqual([]);
    await page.locator(`${W} #kq-plan`).selectOption('standard');
    expect(await severities(page)).toEqual(['b', 'c']);
    await page.locator(`${W} #kq-plan`).selectOption('developer');
    expect(await severities(page)).toEqual(['c']);
  });

  it('offers a customer whose token claims Standard that plan alone, locked, without Severity A', async () => {
    const page = await suite.context.newPage();
    await details(page, { identity: await token('standard') });
    expect(await planOptions(page)).toEqual(['', 'standard']);
    expect(await page.locator(`${W} #kq-plan`).inputValue()).toBe('standard');
    expect(await page.locator(`${W} #kq-plan`).isDisabled()).toBe(true);
    expect(await page.locator(`${W} #kq-plan-hidden`).count()).toBe(0);
    expect(await severities(page)).toEqual(['b', 'c']);
  });

  it('offers a customer identified without a plan claim the plans open to all', async () => {
    const page = await suite.context.newPage();
    await details(page, { identity: await token() });
    expect(await planOptions(page)).toEqual(['', 'developer', 'standard']);
    expect(await page.locator(`${W} #kq-plan`).isDisabled()).toBe(false);
  });

  it('offers a customer whose token claims Professional Direct Severity A, and the intake stores the reply-by time the form showed', async () => {
    const page = await suite.context.newPage();
    await details(page, { identity: await token('professional-direct') });
    expect(await planOptions(page)).toEqual(['', 'professional-direct']);
    expect(await page.locator(`${W} #kq-plan`).inputValue()).toBe('professional-direct');
    expect(await severities(page)).toEqual(['a', 'b', 'c']);
    // Severity A on Professional Direct: one hour around the clock, 18:00 in Tokyo.
    const promised = `We will reply by ${formatDue(new Date(NOW + 3_600_000), 'en', 'Asia/Tokyo')}`;
    expect(await page.locator(`${W} .kq-choice:has(#kq-severity-a) .kq-due`).textContent()).toBe(promised);
    await page.locator(`${W} #kq-severity-a`).check();
    await page.locator(`${W} #kq-description`).fill('It went offline after the storm.');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    expect(await page.locator(`${W} .kq-review .kq-due`).textContent()).toBe(promised);
    const before = await suite.server.count();
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} #kotae-done`).waitFor();
    expect(await suite.server.count()).toBe(before + 1);
    const stored = (await suite.server.inquiries()).at(-1)!;
    const row = (await suite.server.intake.store.inquiryById(stored.id))!;
    expect(row).toMatchObject({ plan: 'professional-direct', severity: 'a', firstResponseDue: NOW + 3_600_000 });
    expect(await page.locator(`${W} kotae-confirmation-view`).textContent()).toContain(`${promised}.`);
  });
});

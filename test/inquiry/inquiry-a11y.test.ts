import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, focused } from '../widget/widget-server.ts';
import { atStep, useInquiryServer, W } from './inquiry-server.ts';

// Issue 7: the inquiry form with the keyboard alone, and axe-core on every step, in Chromium.
const suite = useInquiryServer();

/** Presses Tab until the focused element's description (see `focused`) starts with `target`. */
async function tabTo(page: Page, target: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).startsWith(target)) return;
  }
  throw new Error(`Tab never reached ${target} (last: ${await focused(page)})`);
}

describe('the inquiry form, accessibly', () => {
  it('can be completed with the keyboard alone, from the launcher to the ticket number', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/host.html`);
    await page.locator(`${W} .launcher`).waitFor({ state: 'attached' });
    const before = await suite.server.count();
    await tabTo(page, 'button');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('input#kotae-q.search');
    await page.keyboard.type('migrate from oracle to cloud db');
    await page.locator(`${W} [data-action=contact]`).waitFor();
    await tabTo(page, 'button.btn.primary');
    await page.keyboard.press('Enter');
    await atStep(page, 'what');
    await expect.poll(() => focused(page)).toBe('h2#kotae-inq.title');

    // Step 1: product and resource came from setContext, the summary from the search.
    await tabTo(page, 'select#kq-problem_type');
    await page.keyboard.type('Backup');
    await tabTo(page, 'select#kq-problem_subtype');
    await page.keyboard.type('Restore');
    await tabTo(page, 'button.btn.primary');
    await page.keyboard.press('Enter');
    await atStep(page, 'solutions');
    await expect.poll(() => focused(page)).toBe('h3#kq-step');
    await tabTo(page, 'button.btn.primary');
    await page.keyboard.press('Enter');
    await atStep(page, 'details');

    await tabTo(page, 'textarea#kq-description');
    await page.keyboard.type('The restore stops at 80%.');
    await tabTo(page, 'select#kq-plan');
    await page.keyboard.type('Standard');
    await tabTo(page, 'input#kq-severity-');
    await page.keyboard.press('Space');
    await tabTo(page, 'input#kq-name');
    await page.keyboard.type('Aki Tanaka');
    await tabTo(page, 'input#kq-email');
    await page.keyboard.type('aki@example.com');
    await tabTo(page, 'button.btn.primary');
    await page.keyboard.press('Enter');
    await atStep(page, 'review');
    await tabTo(page, 'button.btn.primary');
    await page.keyboard.press('Enter');
    await page.locator(`${W} #kotae-done`).waitFor();
    await expect.poll(() => focused(page)).toBe('h2#kotae-done.title');
    expect(await suite.server.count()).toBe(before + 1);
    const stored = (await suite.server.inquiries()).at(-1)!.data;
    expect(stored).toMatchObject({ product: 'cloud-db', problem_type: 'backup-restore', problem_subtype: 'restore-failed', severity: 'b', plan: 'standard' }); // Standard's first severity is B
    await context.close();
  });

  it('has no axe-core violations on any step: what, errors, suggested answers, details, review, queued, confirmation, solved', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/host.html`);
    const found: string[] = [];
    const check = async (view: string) => {
      // The panel's opening animation (in the shadow tree, which document.getAnimations includes) has ended.
      await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
      for (const v of await axeViolations(page)) found.push(`${view}: ${v}`);
    };
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    await check('what');
    await page.locator(`${W} #kq-summary`).fill('');
    await page.locator(`${W} [data-action=next]`).click();
    await page.locator(`${W} .kq-error`).first().waitFor();
    await check('what with errors');
    await page.locator(`${W} #kq-problem_type`).selectOption('backup-restore');
    await page.locator(`${W} #kq-summary`).fill('Restore of my cluster fails');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'solutions');
    await page.locator(`${W} .kq-solution`).first().waitFor();
    await check('suggested answers');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'details');
    await page.locator(`${W} #kq-files`).setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes\n') });
    await page.locator(`${W} .kq-diag[data-name=api_key_hint] [data-action=remove-diagnostic]`).click();
    await page.locator(`${W} #kq-email`).fill('nope');
    await page.locator(`${W} [data-action=next]`).click();
    await page.locator(`${W} #kq-err-email`).waitFor();
    await check('details with errors');
    await page.locator(`${W} #kq-description`).fill('It stops at 80%.');
    await page.locator(`${W} #kq-plan`).selectOption('developer');
    await page.locator(`${W} #kq-severity-c`).check();
    await page.locator(`${W} #kq-name`).fill('Aki Tanaka');
    await page.locator(`${W} #kq-email`).fill('aki@example.com');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    await check('review');
    await context.setOffline(true);
    await page.locator(`${W} [data-action=send]`).click();
    await page.locator(`${W} [data-state=queued-offline]`).waitFor();
    await check('queued offline');
    await context.setOffline(false);
    await page.locator(`${W} #kotae-done`).waitFor();
    await check('confirmation');
    await page.locator(`${W} [data-action=done]`).click();
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    await page.locator(`${W} #kq-problem_type`).selectOption('connectivity');
    await page.locator(`${W} #kq-summary`).fill('cannot connect timeout');
    await page.locator(`${W} [data-action=next]`).click();
    await page.locator(`${W} .kq-solution [data-action=solved]`).first().click();
    await page.locator(`${W} #kq-step`, { hasText: 'Glad that solved it' }).waitFor();
    await check('solved');
    await context.close();
    expect(found).toEqual([]);
  });

  it('fits a 320 px phone screen on every step, never scrolling sideways', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${suite.server.origin}/host.html`);
    const overflow = () =>
      page.evaluate(() => {
        const root = document.querySelector('kotae-widget')!.shadowRoot!;
        const body = root.querySelector('.body') as HTMLElement;
        const wide = [...root.querySelectorAll<HTMLElement>('.kq *')]
          .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
          .map((e) => e.tagName + (e.id ? `#${e.id}` : ''));
        return { scroll: body.scrollWidth - body.clientWidth, wide };
      });
    await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
    await atStep(page, 'what');
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await page.locator(`${W} #kq-problem_type`).selectOption('backup-restore');
    await page.locator(`${W} #kq-summary`).fill('Restore fails');
    await page.locator(`${W} [data-action=next]`).click();
    await page.locator(`${W} .kq-solution`).first().waitFor();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'details');
    await page
      .locator(`${W} #kq-files`)
      .setInputFiles({ name: `a-very-long-file-name-without-any-spaces-${'x'.repeat(60)}.txt`, mimeType: 'text/plain', buffer: Buffer.from('x\n') });
    await page.locator(`${W} .kq-file-item`, { hasText: 'Uploaded' }).waitFor();
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await page.locator(`${W} #kq-description`).fill('It stops.');
    await page.locator(`${W} #kq-plan`).selectOption('standard');
    await page.locator(`${W} #kq-severity-c`).check();
    await page.locator(`${W} #kq-name`).fill('Aki');
    await page.locator(`${W} #kq-email`).fill('aki@example.com');
    await page.locator(`${W} [data-action=next]`).click();
    await atStep(page, 'review');
    expect(await overflow()).toEqual({ scroll: 0, wide: [] });
    await context.close();
  });
});

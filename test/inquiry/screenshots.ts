/**
 * `npx tsx test/inquiry/screenshots.ts` — takes the screenshots of the README's inquiry walkthrough: the inquiry
 * form step by step on the sample site, in headless Chromium against the real intake (the same servers as
 * the tests). Writes docs/inquiry-*.png.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../widget/widget-server.ts';
import { atStep, startInquiryServer, W } from './inquiry-server.ts';

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAHnOcQAAAAABJRU5ErkJggg==', 'base64');

const server = await startInquiryServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 760, height: 700 }, deviceScaleFactor: 1, reducedMotion: 'reduce', timezoneId: 'Asia/Tokyo' });
  let page = await context.newPage();
  const shot = async (name: string, scrollTo?: string) => {
    // Scroll the panel's body only: scrollIntoView would also scroll the panel under its header.
    await page.locator(`${W} ${scrollTo ?? '.body'}`).evaluate((e) => {
      const body = e.closest('.body') ?? e;
      body.scrollTop = e === body ? 0 : (e as HTMLElement).offsetTop - (body as HTMLElement).offsetTop - 12;
    });
    await page.mouse.move(0, 0);
    // Hover styles and the panel's animations have settled, and the scroll is painted.
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.locator(`${W} .panel`).screenshot({ path: path.join(DOCS, `inquiry-${name}.png`) });
    process.stdout.write(`docs/inquiry-${name}.png\n`);
  };
  const next = (page: Page) => page.locator(`${W} [data-action=next]`).click();

  await page.goto(`${server.origin}/host.html`);
  await page.evaluate(() => window.Kotae('open'));
  await page.locator(`${W} input.search`).fill('restore to new cluster hangs at 80%');
  await page.locator(`${W} .result`).first().click();
  await page.locator(`${W} [data-vote=no]`).click();
  await page.locator(`${W} [data-action=skip-explain]`).click();
  await page.locator(`${W} [data-action=contact]`).waitFor();
  await shot('0-not-helpful', '[data-action=contact]');
  await page.locator(`${W} [data-action=contact]`).click();
  await atStep(page, 'what');
  await page.locator(`${W} #kq-summary`).fill('');
  await next(page);
  await page.locator(`${W} #kq-err-summary`).waitFor();
  await shot('1-validation');
  await page.locator(`${W} #kq-summary`).fill('Restore to a new cluster stops at 80%');
  await page.locator(`${W} #kq-problem_type`).selectOption('backup-restore');
  await page.locator(`${W} #kq-problem_subtype`).selectOption('restore-failed');
  await shot('1-what');
  await next(page);
  await page.locator(`${W} .kq-solution`).first().waitFor();
  await shot('2-solutions');
  await next(page);
  await atStep(page, 'details');
  await page
    .locator(`${W} #kq-description`)
    .fill('Restoring last night\'s backup of prod-tokyo-1 to a new cluster stops at 80% with "restore failed: E-512". Tried twice.');
  await page.locator(`${W} #kq-plan`).selectOption('standard');
  await page.locator(`${W} #kq-severity-b`).check();
  await shot('3-details', 'div.kq-field:has(#kq-plan)');
  await page.locator(`${W} #kq-files`).setInputFiles({ name: 'restore-error.png', mimeType: 'image/png', buffer: PNG });
  await page.locator(`${W} .kq-file-item`, { hasText: 'Uploaded' }).waitFor();
  await page.locator(`${W} .kq-diag[data-name=api_key_hint] [data-action=remove-diagnostic]`).click();
  await page.locator(`${W} #kq-name`).fill('Aki Tanaka');
  await page.locator(`${W} #kq-email`).fill('aki@example.com');
  await shot('4-attachments', '.kq-drop');
  await next(page);
  await atStep(page, 'review');
  await context.setOffline(true);
  await page.locator(`${W} [data-action=send]`).click();
  await page.locator(`${W} [data-state=queued-offline]`).waitFor();
  await shot('5-queued', 'dl.kq-review:nth-of-type(2)');
  await context.setOffline(false);
  await page.locator(`${W} #kotae-done`).waitFor();
  await shot('6-confirmation');
  await context.close();

  // The same form in Japanese: the details step with severities and reply-by times.
  const ja = await browser.newContext({
    viewport: { width: 760, height: 700 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    timezoneId: 'Asia/Tokyo',
    locale: 'ja-JP',
  });
  page = await ja.newPage();
  await page.goto(`${server.origin}/host-ja.html`);
  await page.evaluate(() => window.Kotae('open', { view: 'inquiry' }));
  await atStep(page, 'what');
  await page.locator(`${W} #kq-problem_type`).selectOption('performance');
  await page.locator(`${W} #kq-summary`).fill('夜間バッチの後にレプリカ遅延が 20 分まで広がる');
  await next(page);
  await atStep(page, 'solutions');
  await next(page);
  await atStep(page, 'details');
  await page.locator(`${W} #kq-plan`).selectOption('standard'); // Professional Direct requires identity
  await page.locator(`${W} #kq-severity-b`).check();
  await shot('3-details-ja', 'div.kq-field:has(#kq-plan)');
  await ja.close();
} finally {
  await browser.close();
  await server.close();
}

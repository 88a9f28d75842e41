import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// The sample content's announcements: cloud-db-maintenance (Cloud DB only, until 2099) and
// mail-delivery-delay (ended in 2026-10, so the build left it out). The widget under the strict CSP.
let server: WidgetServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterEach(async () => {
  await context.close();
});

const banner = (page: Page) => page.locator('kotae-widget .panel section.announcements');
const shownIds = (page: Page) =>
  page.evaluate(() => [...document.querySelector('kotae-widget')!.shadowRoot!.querySelectorAll<HTMLElement>('.announcement')].map((a) => a.dataset.id));

/** Opens the panel at `at` by the browser's clock, and waits until its announcements are in (whether any show). */
async function openAt(at: string, setup?: (page: Page) => Promise<void>): Promise<{ page: Page; problems: string[] }> {
  const opened = await openPage(context, `${server.origin}/plain.html`);
  await opened.page.clock.setFixedTime(new Date(at));
  await setup?.(opened.page);
  await opened.page.locator('kotae-widget .launcher').click();
  await opened.page.locator('kotae-widget .panel[data-announcements]').waitFor();
  return opened;
}

describe('announcements in the widget', () => {
  it('fetches them only once the panel opens and shows the running one, labelled, without axe or CSP problems', async () => {
    const { page, problems, requests } = await openPage(context, `${server.origin}/plain.html`);
    await page.clock.setFixedTime(new Date('2026-12-02T12:00:00Z'));
    await page.waitForLoadState('networkidle');
    expect(requests.filter((r) => r.startsWith('/data/'))).toEqual([]);
    await page.locator('kotae-widget .launcher').click();
    const region = page.getByRole('region', { name: 'Announcements' });
    await region.locator('.announcement').first().waitFor();
    expect(await shownIds(page)).toEqual(['cloud-db-maintenance']);
    expect(await region.locator('.announcement.maintenance .severity').textContent()).toBe('Maintenance');
    expect(await region.locator('.announcement-title strong').textContent()).toBe('Scheduled maintenance of Cloud DB on Sundays, 02:00–04:00 (JST)');
    expect(await axeViolations(page)).toEqual([]);
    // A link in its text opens the entry in the panel.
    await region.locator('.announcement-body a').click();
    await page.locator('kotae-widget kotae-article-view h2.title').waitFor();
    expect(await page.evaluate(() => window.Kotae('state').then((s) => s.view))).toBe('article');
    expect(problems).toEqual([]);
  });

  it('shows them only for the product the host names', async () => {
    const { page } = await openAt('2026-12-02T12:00:00Z', (p) => p.evaluate(() => window.Kotae('setContext', { product: 'cloud-db' })));
    await banner(page).waitFor();
    expect(await shownIds(page)).toEqual(['cloud-db-maintenance']);
    await page.evaluate(() => window.Kotae('setContext', { product: 'groupware' }));
    await expect.poll(() => shownIds(page)).toEqual([]);
    expect(await banner(page).count()).toBe(0);
    await page.evaluate(() => window.Kotae('setContext', { product: 'cloud-db' }));
    await expect.poll(() => shownIds(page)).toEqual(['cloud-db-maintenance']);
  });

  it('leaves out the ended ones by the browser’s clock, without a rebuild, and the one the build dropped', async () => {
    const later = await openAt('2100-01-01T00:00:00Z');
    expect(await later.page.getAttribute('kotae-widget .panel', 'data-announcements')).toBe('0');
    expect(await shownIds(later.page)).toEqual([]);
    await later.page.close();
    // mail-delivery-delay was running on 2026-10-20, but had ended when the site was built.
    const then = await openAt('2026-10-20T03:00:00Z');
    expect(await then.page.getAttribute('kotae-widget .panel', 'data-announcements')).toBe('0');
    expect(await shownIds(then.page)).toEqual([]);
  });

  it('speaks the widget’s language and can be dismissed', async () => {
    const { page } = await openAt('2026-12-02T12:00:00Z');
    await banner(page).waitFor();
    await page.evaluate(() => window.Kotae('setLocale', 'ja'));
    const region = page.getByRole('region', { name: 'お知らせ' });
    await expect.poll(() => region.locator('.announcement-title strong').textContent()).toBe('Cloud DB の定期メンテナンス（毎週日曜 02:00〜04:00）');
    await region.getByRole('button', { name: '閉じる: Cloud DB の定期メンテナンス（毎週日曜 02:00〜04:00）' }).click();
    await expect.poll(() => shownIds(page)).toEqual([]);
  });
});

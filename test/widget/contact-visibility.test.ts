import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// Issue 18, "Customers" 1 and 3 in the widget: when contact shows (`contact.visible`, a request for a person,
// "Still need help?" after a search) and untranslated entries found in English, on a phone and a desktop.
let server: WidgetServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SIZES = [
  ['phone', { width: 375, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const;

/** The widget on the sample site with `contact.visible` = `mode`, open, in `locale`. */
async function widget(
  size: { width: number; height: number },
  mode: string,
  locale: 'en' | 'ja',
): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: size });
  const { page, problems } = await openPage(context, `${server.origin}/g/${mode}/plain.html`);
  if (locale !== 'en') await page.evaluate((l) => window.Kotae('setLocale', l), locale);
  await page.evaluate(() => window.Kotae('open'));
  return { page, problems, close: () => context.close() };
}

/** Types a query and waits until the results shown are its own. */
async function typeQuery(page: Page, query: string): Promise<void> {
  await page.locator('kotae-widget input.search').fill(query);
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const view = document.querySelector('kotae-widget')!.shadowRoot!.querySelector('kotae-search-view') as unknown as {
            outcome?: { query: string };
            updateComplete: Promise<boolean>;
          };
          await view.updateComplete;
          return view.outcome?.query;
        }),
      { timeout: 60_000 },
    )
    .toBe(query);
}

const contact = (page: Page) => page.locator('kotae-widget [data-action=contact]');
const resultIds = (page: Page) => page.locator('kotae-widget kotae-search-view .result').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
/** Whether the element is inside the viewport without scrolling the panel (the customer sees it at once). */
const inView = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight && r.width > 0;
    });

describe.each(SIZES)('the widget on a %s', (_, size) => {
  it('offers contact first for "talk to a human" (en), though the search answers nothing about it', async () => {
    const { page, problems, close } = await widget(size, 'when-unanswered', 'en');
    await typeQuery(page, 'reset password');
    expect(await contact(page).count()).toBe(0);
    await typeQuery(page, 'talk to a human');
    await contact(page).waitFor();
    // One contact button, above the results, in view without scrolling.
    expect(await contact(page).count()).toBe(1);
    expect(await page.locator('kotae-widget kotae-search-view #kotae-person').textContent()).toBe('Still need help?');
    expect(await inView(page, 'kotae-widget [data-action=contact]')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await contact(page).click();
    await page.locator('kotae-widget #kotae-inq').waitFor();
    expect(problems).toEqual([]);
    await close();
  });

  it.each(['担当者と話したい', '問い合わせ', 'オペレーターにつないでください'])('offers contact for 「%s」 in Japanese', async (query) => {
    const { page, close } = await widget(size, 'when-unanswered', 'ja');
    await typeQuery(page, query);
    await contact(page).waitFor();
    expect(await contact(page).textContent()).toBe('サポートに問い合わせる');
    expect(await page.locator('kotae-widget kotae-search-view .box .hint').textContent()).toBe('担当者へのお問い合わせはこちらからどうぞ。');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });

  it('"Still need help?" under an entry leads to contact once the customer has searched, even a search that answered', async () => {
    const { page, close } = await widget(size, 'when-unanswered', 'en');
    // Opened without a search: search first.
    await page.evaluate(() => window.Kotae('openArticle', 'reset-password'));
    const still = page.locator('kotae-widget kotae-article-view section', { hasText: 'Still need help?' });
    await expect.poll(() => still.textContent()).toContain('Search for your problem first');
    expect(await contact(page).count()).toBe(0);
    await page.locator('kotae-widget [data-action=back]').click();
    await typeQuery(page, 'reset password');
    expect((await page.evaluate(() => window.Kotae('state'))).trail.at(-1)).toMatchObject({ type: 'search', answered: true });
    expect(await contact(page).count()).toBe(0);
    await page.locator('kotae-widget .result').first().click();
    await still.locator('[data-action=contact]').waitFor();
    expect(await still.textContent()).not.toContain('Search for your problem first');
    expect(await axeViolations(page)).toEqual([]);
    await still.locator('[data-action=contact]').click();
    await page.locator('kotae-widget #kotae-inq').waitFor();
    await close();
  });

  it('after-search: any search offers contact; never: not even a request for a person', async () => {
    const after = await widget(size, 'after-search', 'en');
    expect(await contact(after.page).count()).toBe(0);
    await typeQuery(after.page, 'reset password');
    await contact(after.page).waitFor();
    expect((await after.page.evaluate(() => window.Kotae('state'))).gate).toBe('after-search');
    await after.close();

    const never = await widget(size, 'never', 'ja');
    await typeQuery(never.page, '担当者と話したい');
    expect(await resultIds(never.page)).not.toEqual([]);
    expect(await contact(never.page).count()).toBe(0);
    await never.close();
  });

  it('finds the Japanese-only entry for "delete my account", labelled "In Japanese"', async () => {
    const { page, close } = await widget(size, 'when-unanswered', 'en');
    await typeQuery(page, 'delete my account');
    expect((await resultIds(page))[0]).toBe('delete-account');
    const first = page.locator('kotae-widget kotae-search-view .result').first();
    expect(await first.locator('[data-language=ja]').textContent()).toBe('In Japanese');
    expect(await first.locator('strong').getAttribute('lang')).toBe('ja');
    // Translated entries carry no label.
    expect(await page.locator('kotae-widget kotae-search-view .result [data-language]').count()).toBe(
      await page.locator('kotae-widget kotae-search-view .result strong[lang=ja]').count(),
    );
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

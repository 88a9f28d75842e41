import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { atStep, useInquiryServer, W } from './inquiry-server.ts';

// Issue 18, customers item 4: after "No" on an article, the inquiry neither suggests that article again nor
// asks for what the article already says (its product, its problem type), on a host page that sets no context.
const suite = useInquiryServer({ viewport: { width: 375, height: 740 } });

/** Searches on a page without setContext, opens the first result, says "No" (skipping why) and contacts support. */
async function noThenContact(page: Page, query: string): Promise<string> {
  await page.locator(`${W} input.search`).fill(query);
  // The query's results, not the popular entries shown before it is answered: search results mark what matched.
  const first = page.locator(`${W} .result:has(mark)`).first();
  await first.waitFor();
  const id = (await first.getAttribute('data-id'))!;
  await first.click();
  await page.locator(`${W} [data-vote=no]`).click();
  await page.locator(`${W} [data-action=skip-explain]`).click();
  await page.locator(`${W} kotae-article-view [data-action=contact]`).click();
  await atStep(page, 'what');
  return id;
}

async function suggestions(page: Page): Promise<string[]> {
  await page.locator(`${W} [data-action=next]`).click();
  await atStep(page, 'solutions');
  // The suggestions themselves: a status hint shows while they are looked up. (Fails by timeout when none come.)
  await page.locator(`${W} .kq-solution`).first().waitFor();
  return page.locator(`${W} .kq-solution`).evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
}

describe('the inquiry after "No" on an article', () => {
  for (const [locale, query] of [
    ['en', 'camera cannot connect to Wi-Fi'],
    ['ja', 'カメラが Wi-Fi につながらない'],
  ] as const)
    it(`${locale}: prefills product and problem type from the article and does not suggest it again`, async () => {
      const page = await suite.context.newPage();
      await page.goto(`${suite.server.origin}/plain.html`);
      await page.evaluate((l) => window.Kotae('setLocale', l), locale);
      await page.evaluate(() => window.Kotae('open'));
      const id = await noThenContact(page, query);
      expect(id).toBe('camera-wifi-setup');
      expect(await page.locator(`${W} #kq-product`).inputValue()).toBe('camera');
      // Its "Wi-Fi" tag names the camera's "wifi" problem type; it is about three models, so no resource is guessed.
      expect(await page.locator(`${W} #kq-problem_type`).inputValue()).toBe('wifi');
      expect(await page.locator(`${W} #kq-resource`).inputValue()).toBe('');
      expect(await page.locator(`${W} #kq-summary`).inputValue()).toBe(query);
      const shown = await suggestions(page);
      expect(shown).not.toContain(id);
      expect(shown.length).toBeGreaterThan(0);
      await page.close();
    });

  it('what the host says wins over the article: setContext names another product', async () => {
    const page = await suite.context.newPage();
    await page.goto(`${suite.server.origin}/plain.html`);
    await page.evaluate(() => window.Kotae('setContext', { product: 'cloud-db' }));
    await page.evaluate(() => window.Kotae('open'));
    await noThenContact(page, 'camera cannot connect to Wi-Fi');
    expect(await page.locator(`${W} #kq-product`).inputValue()).toBe('cloud-db');
    expect(await page.locator(`${W} #kq-problem_type`).inputValue()).toBe('');
    await page.close();
  });
});

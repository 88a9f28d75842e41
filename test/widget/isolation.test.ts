import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// Accessibility in every view, and the same pixels on a plain and on a hostile host page.
let server: WidgetServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the widget rendered and its opening animation (if any) ended. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const root = document.querySelector('kotae-widget')!.shadowRoot!;
    await (root.querySelector('kotae-panel') as unknown as { updateComplete: Promise<boolean> } | null)?.updateComplete;
    await Promise.all(root.getAnimations().map((a) => a.finished));
  });
}

async function searched(page: Page, query: string): Promise<void> {
  await page.evaluate((q) => window.Kotae('search', q), query);
  await settled(page);
}

/** Pixels (0–1 share) that differ by more than `threshold` in any channel between two PNG screenshots of the same size. */
async function pixelDifference(page: Page, a: Buffer, b: Buffer, threshold = 24): Promise<{ size: [number, number][]; share: number }> {
  return page.evaluate(
    async ({ a, b, threshold }) => {
      const load = async (b64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [x, y] = await Promise.all([load(a), load(b)]);
      const size: [number, number][] = [
        [x.width, x.height],
        [y.width, y.height],
      ];
      if (x.width !== y.width || x.height !== y.height) return { size, share: 1 };
      let differing = 0;
      for (let i = 0; i < x.data.length; i += 4) {
        if (Math.max(Math.abs(x.data[i]! - y.data[i]!), Math.abs(x.data[i + 1]! - y.data[i + 1]!), Math.abs(x.data[i + 2]! - y.data[i + 2]!)) > threshold)
          differing++;
      }
      return { size, share: differing / (x.width * x.height) };
    },
    { a: a.toString('base64'), b: b.toString('base64'), threshold },
  );
}

describe('accessibility (axe-core, Chromium)', () => {
  it('has no violations in any view: launcher, start, results, no results with contact, article, voted no with what was missing, inquiry, confirmation, inline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const found: string[] = [];
    const check = async (page: Page, view: string) => {
      if (view !== 'inline') await settled(page);
      for (const v of await axeViolations(page)) found.push(`${view}: ${v}`);
    };
    const { page } = await openPage(context, `${server.origin}/g/when-unanswered/plain.html`);
    await check(page, 'launcher');
    await page.evaluate(() => window.Kotae('open'));
    await page.locator('kotae-widget .result').first().waitFor();
    await check(page, 'start');
    await searched(page, 'reset password');
    await check(page, 'results');
    await searched(page, 'zebra quantum saxophone');
    await page.locator('kotae-widget [data-action=contact]').waitFor();
    await check(page, 'no results');
    await page.evaluate(() => window.Kotae('openArticle', 'mail-bounce-codes'));
    await check(page, 'article');
    await page.locator('kotae-widget [data-vote=no]').click();
    await page.locator('kotae-widget #kotae-reasons').waitFor();
    await check(page, 'voted no: what was missing?');
    await page.locator('kotae-widget #kotae-reasons input[value=unclear]').check();
    await page.locator('kotae-widget [data-action=explain]').click();
    await check(page, 'explained');
    await page.locator('kotae-widget [data-action=contact]').click();
    await page.locator('kotae-widget #kotae-inq').waitFor();
    await check(page, 'inquiry');
    await page.evaluate(() =>
      document
        .querySelector('kotae-widget')!
        .shadowRoot!.querySelector('kotae-inquiry-view')!
        .dispatchEvent(new CustomEvent('kotae-submitted', { detail: { id: 'KT-1', replyBy: '2026-11-25T01:00:00Z' }, bubbles: true, composed: true })),
    );
    await page.locator('kotae-widget #kotae-done').waitFor();
    await check(page, 'confirmation');
    const inline = await openPage(context, `${server.origin}/inline.html`);
    await check(inline.page, 'inline');
    await context.close();
    expect(found).toEqual([]);
  });

  it('respects reduced motion', async () => {
    const animations = async (reducedMotion: 'reduce' | 'no-preference') => {
      const context = await browser.newContext({ reducedMotion });
      const { page } = await openPage(context, `${server.origin}/plain.html`);
      await page.evaluate(() => window.Kotae('open'));
      await page.locator('kotae-widget .panel').waitFor();
      // The animation the panel's style asks for, not the live one: a busy machine may finish a 160 ms
      // animation before anyone looks.
      const animation = await page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('kotae-widget')!.shadowRoot!.querySelector('.panel')!);
        return `${style.animationName} ${style.animationDuration}`;
      });
      await context.close();
      return animation;
    };
    expect(await animations('no-preference')).toMatch(/^kotae-in 0\.16s$/);
    expect(await animations('reduce')).toMatch(/^none /);
  });
});

describe('isolation from the host page', () => {
  const shoot = async (file: string) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, problems } = await openPage(context, `${server.origin}/${file}`);
    // Only the widget is compared: what the page paints behind its rounded corners is the page's business.
    // The page's styles still apply to <kotae-widget> itself.
    await page.evaluate(() => {
      for (const el of document.body.children) if (el.tagName !== 'KOTAE-WIDGET') (el as HTMLElement).style.setProperty('visibility', 'hidden', 'important');
    });
    const launcher = await page.locator('kotae-widget .launcher').screenshot({ animations: 'disabled' });
    await searched(page, 'reset password');
    await page.evaluate(() => (document.querySelector('kotae-widget')!.shadowRoot!.activeElement as HTMLElement | null)?.blur());
    // The sample's running announcement is above the results in both: compared once it is in.
    await page.locator('kotae-widget .panel[data-announcements]').waitFor();
    const box = (await page.locator('kotae-widget .panel').boundingBox())!;
    await settled(page);
    const panel = await page.screenshot({ clip: box, animations: 'disabled' });
    await context.close();
    return { launcher, panel, box, problems };
  };

  it('looks the same on a hostile page (resets, !important on button/input/div, 40px root font, rtl, overlays) as on a plain one', async () => {
    const plain = await shoot('plain.html');
    const hostile = await shoot('hostile.html');
    if (process.env.KOTAE_SCREENSHOTS)
      for (const [name, png] of Object.entries({
        plain: plain.panel,
        hostile: hostile.panel,
        'plain-launcher': plain.launcher,
        'hostile-launcher': hostile.launcher,
      }))
        writeFileSync(`${process.env.KOTAE_SCREENSHOTS}/${name}.png`, png);
    expect(hostile.problems).toEqual([]);
    expect(hostile.box).toEqual(plain.box);
    const page = await browser.newPage();
    const launcher = await pixelDifference(page, plain.launcher, hostile.launcher);
    const panel = await pixelDifference(page, plain.panel, hostile.panel);
    await page.close();
    expect(launcher.size[1]).toEqual(launcher.size[0]);
    expect(launcher.share).toBeLessThan(0.01);
    expect(panel.size[1]).toEqual(panel.size[0]);
    expect(panel.share).toBeLessThan(0.01);
  });

  it('the comparison notices a widget that the page did restyle', async () => {
    // Guards the test above: the same measure must fail when the panel really differs.
    const plain = await shoot('plain.html');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    await page.evaluate(() => (document.querySelector('kotae-widget') as HTMLElement).style.setProperty('--kotae-primary', '#b00020'));
    await searched(page, 'reset password');
    await page.evaluate(() => (document.querySelector('kotae-widget')!.shadowRoot!.activeElement as HTMLElement | null)?.blur());
    const themed = await page.screenshot({ clip: (await page.locator('kotae-widget .panel').boundingBox())!, animations: 'disabled' });
    const blank = await browser.newPage();
    const diff = await pixelDifference(blank, plain.panel, themed);
    await blank.close();
    await context.close();
    expect(diff.share).toBeGreaterThan(0.01);
  });

  it('takes position, label, colour and shape from the host: data attributes, custom properties, ::part', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await openPage(context, `${server.origin}/themed.html`);
    const launcher = page.locator('kotae-widget .launcher');
    const style = () => launcher.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).borderTopLeftRadius]);
    expect(await style()).toEqual(['rgb(107, 47, 163)', '4px']);
    expect((await launcher.boundingBox())!.x).toBe(20);
    await page.evaluate(() => window.Kotae('setLocale', 'ja'));
    expect(await launcher.textContent()).toBe('Support');
    await page.evaluate(() => window.Kotae('open'));
    await settled(page);
    expect((await page.locator('kotae-widget .panel').boundingBox())!.x).toBe(20);
    expect(await page.locator('kotae-widget header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(107, 47, 163)');
    await context.close();
  });

  it('fills a 320 px phone screen and never scrolls sideways', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.locator('kotae-widget .launcher').tap();
    await page.locator('kotae-widget .panel').waitFor();
    await settled(page);
    expect(await page.locator('kotae-widget .panel').boundingBox()).toEqual({ x: 0, y: 0, width: 320, height: 640 });
    await searched(page, 'too many connections');
    await page.evaluate(() => window.Kotae('openArticle', 'db-limits'));
    const overflow = await page.evaluate(() => {
      const body = document.querySelector('kotae-widget')!.shadowRoot!.querySelector('.body')!;
      return body.scrollWidth - body.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('stays usable at 200% zoom (a 1280×800 screen seen as 640×400 CSS pixels)', async () => {
    const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    const { page } = await openPage(context, `${server.origin}/plain.html`);
    await page.evaluate(() => window.Kotae('open'));
    await settled(page);
    for (const selector of ['input.search', '[data-action=close]']) {
      const box = (await page.locator(`kotae-widget ${selector}`).boundingBox())!;
      expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= 640 && box.y + box.height <= 400, selector).toBe(true);
    }
    await context.close();
  });
});

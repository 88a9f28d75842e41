import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/pipeline/widget-bundle.ts';
import { launchChromium, openPage, startWidgetServer, type WidgetServer } from './widget-server.ts';

// Byte budgets of issue 5: the loader ≤ 2 KB gzipped; first open ≤ 40 KB gzipped, index data excluded.
let server: WidgetServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startWidgetServer(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const gz = (content: string | Uint8Array) => gzipSync(content, { level: 9 }).length;

describe('widget byte budgets', () => {
  it('the loader is at most 2,048 bytes gzipped', () => {
    const loader = server.files.get('widget/kotae.js')!;
    expect(loader).toBeDefined();
    expect(gz(loader)).toBeLessThanOrEqual(2048);
  });

  it('first open transfers at most 40 KB gzipped besides the site data, and nothing of the engine until typing', async () => {
    const context = await browser.newContext();
    const { page, requests } = await openPage(context, `${server.origin}/plain.html`);
    await page.locator('kotae-widget .launcher').click();
    await page.locator('kotae-widget .result').first().waitFor();
    const code = requests.filter((r) => r !== '/plain.html' && !r.startsWith('/data/'));
    expect(code).toContain('/widget/kotae.js');
    expect(code.some((r) => /^\/widget\/app-[\w-]+\.js$/.test(r))).toBe(true);
    expect(code.some((r) => r.includes('/engine-'))).toBe(false);
    expect(requests.some((r) => r.includes('/search/'))).toBe(false);
    const bytes = code.reduce((sum, r) => sum + gz(server.files.get(r.slice(1))!), 0);
    expect(bytes, code.map((r) => `${r} ${gz(server.files.get(r.slice(1))!)}`).join(', ')).toBeLessThanOrEqual(40 * 1024);
    await context.close();
  });

  it('builds the same bytes under the same names twice', async () => {
    const a = new Map<string, string | Uint8Array>();
    const b = new Map<string, string | Uint8Array>();
    await buildWidget((file, content) => a.set(file, content));
    await buildWidget((file, content) => b.set(file, content));
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [file, content] of a) expect(Buffer.from(b.get(file)!).equals(Buffer.from(content)), file).toBe(true);
    // Content-hashed chunks; the loader keeps its fixed name.
    expect([...a.keys()].filter((f) => f.startsWith('widget/') && f.endsWith('.js')).every((f) => f === 'widget/kotae.js' || /-[\w-]{8}\.js$/.test(f))).toBe(
      true,
    );
  });
});

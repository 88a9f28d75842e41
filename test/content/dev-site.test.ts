import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DevSite } from '../../scripts/dev-site.ts';

const work = mkdtempSync(path.join(tmpdir(), 'kotae-dev-site-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every file the preview serves, entry pages and search files included (they are made when asked for). */
function served(site: DevSite): Map<string, string> {
  const names = [...site.files.keys(), ...(site as unknown as { pages: Map<string, unknown> }).pages.keys()];
  for (const name of site.files.keys()) if (/^data\/[^/]+\/catalog\.json$/.test(name)) names.push(name.replace('catalog.json', 'search-documents.json'));
  for (const name of names) site.file(name);
  for (const name of [...site.files.keys()]) site.file(name);
  return new Map([...site.files].map(([name, body]) => [name, Buffer.from(body).toString('latin1')]));
}

describe('the live preview’s incremental build', () => {
  it('gives the files a full build gives after an edit that other entries depend on (related title, link target)', () => {
    const content = path.join(work, 'content');
    cpSync('test/fixtures/good-content', content, { recursive: true });
    const site = new DevSite(content, true);
    expect(site.build()).toMatchObject({ ok: true, full: true });
    served(site);

    // led-codes is in camera-wifi's related list and its text links to it: wifi's pages change too.
    const led = path.join(content, 'en/cam/led.md');
    writeFileSync(
      led,
      readFileSync(led, 'utf8')
        .replace('title: What do the LED blink patterns mean?', 'title: What the LED colours mean')
        .replace('The LED colour', 'Its colour'),
    );
    const result = site.build([led]);
    expect(result).toMatchObject({ ok: true, full: false });

    const fresh = new DevSite(content, true);
    expect(fresh.build().ok).toBe(true);
    const incremental = served(site);
    const full = served(fresh);
    // The sitemap is the one file an edit leaves as it was (its dates may lag in the preview).
    incremental.delete('sitemap.xml');
    full.delete('sitemap.xml');
    expect([...incremental.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [name, body] of full) expect(incremental.get(name), name).toBe(body);
    expect(incremental.get('en/articles/camera-wifi/index.html')).toContain('What the LED colours mean');
    expect(incremental.get('en/faq/led-codes/index.html')).toContain('Its colour');
  });
});

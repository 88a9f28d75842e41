import { Parser } from 'htmlparser2';
import { afterAll, describe, expect, it } from 'vitest';
import type { SelfServiceEvent } from '../../content/schema/index.ts';
import { eventRow } from '../../intake/events.ts';
import { createLiveDashboard, LIVE_DASHBOARD_ASSETS, liveOptions } from '../../intake/insights/live-dashboard.ts';
import { openSqliteStore } from '../../intake/store/sqlite.ts';
import { removeTempDirs, sampleConfig, tempDir } from '../intake/fixtures.ts';

afterAll(removeTempDirs);

const NOW = Date.parse('2026-12-02T12:00:00Z');

/** Every element of a page with its attributes, and the text inside each <script>. */
function elements(html: string): Array<{ name: string; attrs: Record<string, string>; text: string }> {
  const found: Array<{ name: string; attrs: Record<string, string>; text: string }> = [];
  const open: typeof found = [];
  new Parser({
    onopentag(name, attrs) {
      const el = { name, attrs, text: '' };
      found.push(el);
      open.push(el);
    },
    ontext(text) {
      const el = open.at(-1);
      if (el) el.text += text;
    },
    onclosetag() {
      open.pop();
    },
  }).end(html);
  return found;
}

describe('the live insights dashboard', () => {
  it('reads the report from the store and serves a page without inline code, with a form that keeps the range and filters', async () => {
    const config = await sampleConfig();
    const store = openSqliteStore(tempDir().dir);
    try {
      const search = (query: string, answered: boolean, at: string): SelfServiceEvent =>
        ({ type: 'search', session: 's'.repeat(22), at, locale: 'ja', surface: 'widget', query, results: answered ? 3 : 0, answered }) as SelfServiceEvent;
      await store.saveEvents([
        eventRow(search('ルーターのファームウェアを戻す', false, '2026-12-01T09:00:00Z'), Date.parse('2026-12-01T09:00:01Z')),
        eventRow(search('カメラ リセット', true, '2026-12-01T09:05:00Z'), Date.parse('2026-12-01T09:05:01Z')),
      ]);
      const live = createLiveDashboard({ store, config });
      const product = config.products[0]!;
      const html = await live.page(new URLSearchParams({ since: '2026-11-20', until: '2026-12-02', locale: 'ja', product: 'no-such-product' }), 'ja', NOW);
      const els = elements(html);

      // Nothing the admin CSP (script-src 'self'; style-src 'self') would block.
      expect(els.filter((e) => e.name === 'style')).toEqual([]);
      expect(els.filter((e) => e.attrs.style !== undefined)).toEqual([]);
      const scripts = els.filter((e) => e.name === 'script');
      expect(scripts.map((s) => s.attrs.src ?? s.attrs.type)).toEqual([LIVE_DASHBOARD_ASSETS.js, 'application/json']);
      expect(els.find((e) => e.name === 'link' && e.attrs.rel === 'stylesheet')?.attrs.href).toBe(LIVE_DASHBOARD_ASSETS.css);

      // The report's numbers come from the store: the unanswered Japanese question is listed.
      expect(html).toContain('ルーターのファームウェアを戻す');
      // The form keeps what was asked; an unknown product is dropped, not passed on.
      const input = (name: string) => els.find((e) => (e.name === 'input' || e.name === 'select') && e.attrs.name === name);
      expect(input('since')?.attrs.value).toBe('2026-11-20');
      expect(input('until')?.attrs.value).toBe('2026-12-02');
      const selected = els.filter((e) => e.name === 'option' && e.attrs.selected !== undefined).map((e) => e.attrs.value);
      expect(selected).toEqual(['ja']);
      expect(els.some((e) => e.name === 'option' && e.attrs.value === product.id)).toBe(true);
      expect(els.find((e) => e.name === 'html')?.attrs.lang).toBe('ja');

      expect(live.script()).toContain('insights-charts');
      expect(live.stylesheet()).toContain('.uplot');
    } finally {
      await store.close();
    }
  });

  it('falls back to the last 28 days for missing or malformed dates and reads at most a year and a day', async () => {
    const config = await sampleConfig();
    expect(liveOptions(new URLSearchParams(), config, NOW)).toEqual({ since: '2026-11-05', until: '2026-12-02' });
    expect(liveOptions(new URLSearchParams({ since: '2026-13-40', until: 'yesterday' }), config, NOW)).toEqual({ since: '2026-11-05', until: '2026-12-02' });
    expect(liveOptions(new URLSearchParams({ since: '2020-01-01', until: '2026-12-02' }), config, NOW).since).toBe('2025-12-02');
    expect(liveOptions(new URLSearchParams({ since: '2026-12-10', until: '2026-12-01' }), config, NOW)).toEqual({ since: '2026-12-01', until: '2026-12-01' });
  });
});

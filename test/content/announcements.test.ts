import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notEnded, relatedTo, showing } from '../../content/announcement-window.ts';
import { formatProblem } from '../../content/problems.ts';
import { AnnouncementFrontmatter, AnnouncementsFile, Manifest } from '../../content/schema/index.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { FIXTURES } from './run-cli.ts';

const minimal = { id: 'db-down', title: 'Database outage', severity: 'incident', starts: '2026-12-01T09:00:00+09:00', ends: '2026-12-01T12:00:00+09:00' };

describe('announcement frontmatter', () => {
  it('accepts times with an offset and defaults to every product', () => {
    expect(AnnouncementFrontmatter.parse(minimal).products).toEqual([]);
    expect(AnnouncementFrontmatter.parse({ ...minimal, ends: '2026-12-01T04:00Z' }).ends).toBe('2026-12-01T04:00Z');
  });

  it('rejects times without an offset, ends before starts, unknown severities and unknown keys', () => {
    expect(AnnouncementFrontmatter.safeParse({ ...minimal, starts: '2026-12-01T09:00:00' }).success).toBe(false);
    expect(AnnouncementFrontmatter.safeParse({ ...minimal, starts: '2026-12-01' }).success).toBe(false);
    expect(AnnouncementFrontmatter.safeParse({ ...minimal, ends: '2026-12-01T08:00:00+09:00' }).success).toBe(false);
    expect(AnnouncementFrontmatter.safeParse({ ...minimal, severity: 'critical' }).success).toBe(false);
    expect(AnnouncementFrontmatter.safeParse({ ...minimal, colour: 'red' }).success).toBe(false);
  });
});

describe('announcement window', () => {
  const a = { starts: '2026-12-01T00:00:00Z', ends: '2026-12-02T00:00:00Z', products: ['camera'] };
  const all = { starts: '2026-12-01T00:00:00Z', ends: '2026-12-03T00:00:00Z', products: [] };
  const at = (iso: string) => Date.parse(iso);

  it('shows an announcement from its start until (not at) its end', () => {
    expect(showing([a], at('2026-11-30T23:59:59Z'))).toEqual([]);
    expect(showing([a], at('2026-12-01T00:00:00Z'))).toEqual([a]);
    expect(showing([a], at('2026-12-02T00:00:00Z'))).toEqual([]);
  });

  it('keeps product announcements to their products once the host names one', () => {
    const now = at('2026-12-01T12:00:00Z');
    expect(showing([a, all], now)).toEqual([a, all]);
    expect(showing([a, all], now, 'camera')).toEqual([a, all]);
    expect(showing([a, all], now, 'groupware')).toEqual([all]);
  });

  it('relates a query to an announcement by the start of its words, or anywhere in Japanese', () => {
    expect(relatedTo('recording late', 'Cloud recording is delayed', '', [])).toBe(true);
    expect(relatedTo('record', 'Cloud recording is delayed', '', [])).toBe(true);
    expect(relatedTo('LED blink', 'Cloud recording is delayed', '', [])).toBe(false);
    // Function words and two-letter words say nothing: "do" must not tie a refund question to "if yours do not".
    expect(relatedTo('how do I get a refund for my order', 'Maintenance', 'Connections reconnect; see the guide if yours do not.', [])).toBe(false);
    expect(relatedTo('reconnect', 'Maintenance', 'Connections reconnect; see the guide if yours do not.', [])).toBe(true);
    expect(relatedTo('camera setup', 'Outage', 'Recordings are late.', ['camera'])).toBe(true);
    expect(relatedTo('録画 遅い', 'クラウド録画が遅延しています', '', [])).toBe(true);
    expect(relatedTo('パスワード', 'クラウド録画が遅延しています', '', [])).toBe(false);
  });

  it('publishes the ones not yet ended, future ones included', () => {
    expect(notEnded([a, all], at('2026-11-01T00:00:00Z'))).toEqual([a, all]);
    expect(notEnded([a, all], at('2026-12-02T12:00:00Z'))).toEqual([all]);
  });
});

function build(contentDir: string, now = Date.parse('2026-12-01T00:00:00Z')) {
  const data = new Map<string, string>();
  const result = compileContent({ contentDir, today: '2026-11-01', now }, (file, content) => data.set(file, String(content)));
  return { data, problems: result.problems };
}

describe('announcements in the build', () => {
  it('writes each locale the announcements not ended at build time, rendered and sanitized, and names the file in the manifest', () => {
    const { data, problems } = build(path.join(FIXTURES, 'good-content'));
    expect(problems.errors).toEqual([]);
    const manifest = Manifest.parse(JSON.parse(data.get('data/manifest.json')!));
    expect(manifest.locales.map((l) => l.announcements)).toEqual(['data/ja/announcements.json', 'data/en/announcements.json']);
    const en = AnnouncementsFile.parse(JSON.parse(data.get('data/en/announcements.json')!));
    expect(en.announcements.map((a) => a.id)).toEqual(['camera-outage', 'site-maintenance']);
    expect(en.announcements[0]).toMatchObject({ locale: 'en', severity: 'incident', products: ['camera'], title: 'Cloud recording is delayed' });
    expect(en.announcements[0]!.html).toContain('<a href="/en/articles/camera-wifi/">');
    const ja = AnnouncementsFile.parse(JSON.parse(data.get('data/ja/announcements.json')!));
    expect(ja.announcements[0]!.title).toBe('クラウド録画が遅延しています');
    // The build's time decides: later, the maintenance notice is gone too.
    const later = build(path.join(FIXTURES, 'good-content'), Date.parse('2098-06-01T00:00:00Z'));
    expect(AnnouncementsFile.parse(JSON.parse(later.data.get('data/en/announcements.json')!)).announcements.map((a) => a.id)).toEqual(['camera-outage']);
  });

  it('reports mistakes at their file and line, and drops script from bodies', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kotae-announce-'));
    try {
      cpSync(path.join(FIXTURES, 'good-content'), dir, { recursive: true });
      const file = path.join(dir, 'announcements/en/bad.md');
      writeFileSync(
        file,
        '---\nid: bad\ntitle: Bad\nseverity: info\nproducts: [toaster]\nstarts: 2026-12-01T00:00:00Z\nends: 2026-11-01T00:00:00Z\n---\nText\n',
      );
      const missingOffset = path.join(dir, 'announcements/ja/naive.md');
      writeFileSync(missingOffset, '---\nid: naive\ntitle: 時刻\nseverity: info\nstarts: 2026-12-01T09:00:00\nends: 2027-12-01T09:00:00+09:00\n---\n本文\n');
      const { problems } = build(dir);
      const lines = problems.errors.map((p) => formatProblem(p, dir));
      expect(lines).toContainEqual(expect.stringMatching(/^announcements\/en\/bad\.md:7:\d+ {2}error: .*ends.*after.*starts/));
      expect(lines).toContainEqual(expect.stringMatching(/^announcements\/ja\/naive\.md:5:\d+ {2}error: .*offset/));

      writeFileSync(
        file,
        '---\nid: bad\ntitle: Bad\nseverity: info\nproducts: [toaster]\nstarts: 2026-12-01T00:00:00Z\nends: 2027-11-01T00:00:00Z\n---\nText\n',
      );
      rmSync(missingOffset);
      expect(build(dir).problems.errors.map((p) => formatProblem(p, dir))).toEqual([
        expect.stringMatching(/^announcements\/en\/bad\.md:5:\d+ {2}error: unknown product "toaster"/),
      ]);

      writeFileSync(
        file,
        '---\nid: bad\ntitle: Bad\nseverity: info\nstarts: 2026-12-01T00:00:00Z\nends: 2027-11-01T00:00:00Z\n---\nHello <script>alert(1)</script> **there**\n',
      );
      const clean = build(dir);
      const html = AnnouncementsFile.parse(JSON.parse(clean.data.get('data/en/announcements.json')!)).announcements.find((a) => a.id === 'bad')!.html;
      expect(html).not.toContain('<script');
      expect(html).toContain('<strong>there</strong>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

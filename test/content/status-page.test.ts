import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatProblem, type Problems } from '../../content/problems.ts';
import { AnnouncementsFile, Manifest } from '../../content/schema/index.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { compileSiteInThreads } from '../../scripts/pipeline/compile-site-in-threads.ts';
import { FIXTURES } from './run-cli.ts';

// The fixture summary.json follows Atlassian Statuspage's documented `/api/v2/summary.json`: an open
// incident on "Cloud recording" (mapped to the camera product), a resolved one, and scheduled maintenance
// of "Website" (mapped to no product, so it concerns every product).
const SUMMARY = path.join(FIXTURES, 'statuspage/summary.json');
const BUILT_AT = Date.parse('2026-12-02T03:00:00Z');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kotae-statuspage-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the good fixture whose config reads the status page from `summary`. */
function site(name: string, summary: string, extra = ''): string {
  const content = path.join(dir, name);
  cpSync(path.join(FIXTURES, 'good-content'), content, { recursive: true });
  appendFileSync(
    path.join(content, 'kotae.config.yaml'),
    `statusPage:\n  summary: ${JSON.stringify(summary)}\n  locale: en\n  components:\n    Cloud recording: [camera]\n${extra}`,
  );
  return content;
}

function build(contentDir: string) {
  const data = new Map<string, string>();
  const result = compileContent({ contentDir, today: '2026-11-01', now: BUILT_AT }, (file, content) => data.set(file, String(content)));
  return { data, problems: result.problems };
}

/** The errors, and the warnings about the status page (the fixture has others, about review dates). */
const aboutStatus = (problems: Problems, root: string) =>
  [...problems.errors, ...problems.warnings.filter((w) => w.message.startsWith('status page'))].map((p) => formatProblem(p, root));

const statusNotices = (json: string | undefined) => AnnouncementsFile.parse(JSON.parse(json!)).announcements.filter((a) => a.id.startsWith('status-'));

describe('a Statuspage summary.json as announcements', () => {
  it('shows open incidents and coming maintenance in every locale, in the page’s language, for the mapped products', () => {
    const content = site('file', 'status/summary.json');
    cpSync(SUMMARY, path.join(content, 'status/summary.json'));
    const { data, problems } = build(content);
    expect(aboutStatus(problems, content)).toEqual([]);
    const manifest = Manifest.parse(JSON.parse(data.get('data/manifest.json')!));
    for (const locale of manifest.locales) {
      const notices = statusNotices(data.get(locale.announcements!));
      // The resolved incident is left out; maintenance is by its own window, the open incident from its start.
      expect(notices.map((n) => [n.id, n.severity, n.products, n.starts, n.ends, n.locale])).toEqual([
        ['status-p31zjtct2jer', 'incident', ['camera'], '2026-12-02T02:30:00.000Z', '2026-12-02T15:00:00.000Z', 'en'],
        ['status-w4v3sz2k9q8m', 'maintenance', [], '2026-12-05T17:00:00.000Z', '2026-12-05T19:00:00.000Z', 'en'],
      ]);
      const [incident, maintenance] = notices;
      expect(incident!.title).toBe('Cloud recordings are delayed');
      // The latest update, as text (the page's `<soon>` is not markup), and a link in the reader's language.
      const link = locale.code === 'ja' ? 'ステータスページで詳細を見る' : 'Details on the status page';
      expect(incident!.html).toBe(
        `<p>We found the cause: a storage node is slow.<br>Recordings are kept and will appear &lt;soon&gt;.</p><p><a href="https://stspg.io/p31zjtct2jer">${link}</a></p>`,
      );
      expect(maintenance!.html).toContain('<p>The website is read-only during the window.</p><p>The cameras keep recording.</p>');
    }
    // The status page's address is not published with the site config.
    expect(data.get('data/site.json')).not.toContain('statusPage');
  });

  it('changes the data version when the status page changes, so widgets fetch the new notices', () => {
    const content = site('versions', 'summary.json');
    cpSync(SUMMARY, path.join(content, 'summary.json'));
    const before = Manifest.parse(JSON.parse(build(content).data.get('data/manifest.json')!)).contentHash;
    const summary = JSON.parse(readFileSync(SUMMARY, 'utf8'));
    summary.incidents = [];
    writeFileSync(path.join(content, 'summary.json'), JSON.stringify(summary));
    const { data } = build(content);
    expect(Manifest.parse(JSON.parse(data.get('data/manifest.json')!)).contentHash).not.toBe(before);
    expect(statusNotices(data.get('data/en/announcements.json')).map((n) => n.id)).toEqual(['status-w4v3sz2k9q8m']);
  });

  it('builds without the notices, warning at the config, when the summary is missing or not a summary', () => {
    const missing = site('missing', 'nowhere.json');
    const first = build(missing);
    expect(first.problems.errors).toEqual([]);
    expect(aboutStatus(first.problems, missing)).toEqual([
      expect.stringMatching(/^kotae\.config\.yaml:1:1 {2}warning: status page .*nowhere\.json could not be read: no such file/),
    ]);
    expect(first.data.get('data/manifest.json')).toBeDefined();

    const wrong = site('wrong', 'summary.json');
    writeFileSync(path.join(wrong, 'summary.json'), JSON.stringify({ incidents: [{ id: 'x', name: 'No times' }] }));
    expect(aboutStatus(build(wrong).problems, wrong)).toEqual([
      expect.stringMatching(/warning: status page .*summary\.json is not a Statuspage summary: .*incidents\.0\.status/),
    ]);
  });

  it('rejects a component product the site does not have, at its line', () => {
    const content = site('bad-config', 'summary.json', '    Website: [toaster]\n');
    const { problems } = build(content);
    expect(problems.errors.map((p) => formatProblem(p, content))).toEqual([
      expect.stringMatching(/^kotae\.config\.yaml:\d+:\d+ {2}error: `statusPage\.components\.Website\.0`: unknown product "toaster"/),
    ]);
  });
});

describe('a status page named by URL', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      if (req.url !== '/api/v2/summary.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(SUMMARY));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('is fetched once by the build and its notices written', async () => {
    const content = site('url', `${url}/api/v2/summary.json`);
    const out = path.join(dir, 'url-out');
    const result = await compileSiteInThreads({ contentDir: content, now: BUILT_AT }, out);
    expect(aboutStatus(result.problems, content)).toEqual([]);
    expect(requests).toBe(1);
    expect(statusNotices(readFileSync(path.join(out, 'data/ja/announcements.json'), 'utf8')).map((n) => n.id)).toEqual([
      'status-p31zjtct2jer',
      'status-w4v3sz2k9q8m',
    ]);
  });

  it('warns and builds without it when the page does not answer as expected', async () => {
    const content = site('url-404', `${url}/gone.json`);
    const result = await compileSiteInThreads({ contentDir: content, now: BUILT_AT }, path.join(dir, 'url-404-out'));
    expect(result.problems.errors).toEqual([]);
    expect(aboutStatus(result.problems, content)).toEqual([
      expect.stringMatching(/warning: status page http:\/\/127\.0\.0\.1:\d+\/gone\.json could not be read: the status page answered 404/),
    ]);
  });
});

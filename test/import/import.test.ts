import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, Manifest } from '../../content/schema/index.ts';
import { loadIndex, search } from '../../search/index.ts';
import type { ImportReport } from '../../scripts/import/write-tree.ts';
import { serveStatic } from '../../scripts/static-server.ts';
import { FIXTURES, runScript } from '../content/run-cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-import-'));
// The report speaks the language of the terminal; these tests read the English one unless they say otherwise.
process.env.KOTAE_LANG = 'en';
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function importSite(kind: string, fixture: string, out: string, ...extra: string[]): { report: ImportReport; stdout: string } {
  const reportFile = `${out}.json`;
  const result = runScript('import.ts', [
    kind,
    path.join(FIXTURES, 'import', fixture),
    '--out',
    out,
    '--report',
    reportFile,
    '--today',
    '2026-12-01',
    ...extra,
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return { report: JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport, stdout: result.stdout };
}

function check(content: string): string {
  const result = runScript('check.ts', ['--content', content, '--today', '2026-12-01']);
  expect(result.stdout).toMatch(/\n0 errors, /);
  expect(result.status).toBe(0);
  return result.stdout;
}

const entry = (out: string, locale: string, id: string) => {
  const dir = path.join(out, locale);
  const file = readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith(`/${id}.md`));
  expect(file, `${locale}/${id}`).toBeDefined();
  return readFileSync(path.join(dir, file!), 'utf8');
};

describe('npm run import -- zendesk', () => {
  const out = path.join(tmp, 'zendesk');
  let report: ImportReport;
  let stdout: string;
  beforeAll(() => {
    ({ report, stdout } = importSite('zendesk', 'zendesk', out));
  });

  it('writes one entry per article and locale, and says so per locale', () => {
    expect(report.entries).toEqual({
      ja: { created: 2, updated: 0, unchanged: 0, kept: 0, conflict: 0 },
      en: { created: 2, updated: 0, unchanged: 0, kept: 0, conflict: 0 },
    });
    expect(stdout).toContain('ja: 2 created');
    expect(report.assets).toEqual(['led-patterns.svg']);
  });

  it('converts HTML to Markdown: tables, callouts, copied images, links rewritten to ids', () => {
    const setup = entry(out, 'ja', 'connect-the-camera-to-wi-fi');
    expect(setup).toContain('| スマートフォン | iOS 16 以降 |');
    expect(setup).toContain('> [!WARNING]\n> 設定中は電源を切らないでください。');
    expect(setup).toContain('![LED の点滅パターン](../../assets/led-patterns.svg)');
    expect(setup).toContain('[オフラインになるとき](id:why-does-my-camera-go-offline)');
    expect(setup).toContain('importedFrom: zendesk:article:360000001');
    expect(setup).toMatch(/previousUrls:\n {2}- \/hc\/ja\/articles\/360000001-%E3%82%AB/);
    expect(setup).not.toMatch(/script|iframe|onclick|dataLayer/);
  });

  it('drops what the sanitizer would refuse and reports it with the source id and the JSON path', () => {
    const about = (what: RegExp) => report.dropped.filter((d) => what.test(d.what));
    expect(about(/^<script>/).map((d) => [d.sourceId, d.place])).toEqual([
      ['zendesk:article:360000001', 'translations/360000001.json $.translations[0].body'],
      ['zendesk:article:360000001', 'translations/360000001.json $.translations[1].body'],
    ]);
    expect(about(/^<iframe/)).toHaveLength(2);
    expect(about(/^onclick on <a>/)).toHaveLength(2);
    expect(about(/^<form/)[0]).toMatchObject({ reason: 'element', why: 'Kotae does not show this element in articles' });
    // A link to an article that was not exported, and a remote image without a local copy: reported, not fetched.
    expect(about(/360009999/)[0]?.reason).toBe('notExportedKept');
    expect(about(/cdn\.example\.net/)[0]?.reason).toBe('remoteImageKept');
  });

  it('gives translations the hash of the source as written; one Zendesk marks outdated is stale', () => {
    const status = runScript('i18n-status.ts', ['--content', out, '--json']);
    expect(JSON.parse(status.stdout)).toEqual({ locales: { en: { translated: 1, missing: 0, stale: 1, orphaned: 0, ui_missing: 0 } } });
    // The stale one is the translation Zendesk marks outdated.
    expect(check(out)).toMatch(/en\/troubleshooting\/why-does-my-camera-go-offline\.md:\d+:\d+ {2}warning: stale translation/);
  });

  it('passes npm run check', () => {
    check(out);
  });

  it('updates instead of duplicating when run again, and never overwrites without --update', () => {
    const file = path.join(out, 'ja/getting-started/connect-the-camera-to-wi-fi.md');
    const again = importSite('zendesk', 'zendesk', out).report;
    expect(again.entries.ja).toEqual({ created: 0, updated: 0, unchanged: 2, kept: 0, conflict: 0 });
    writeFileSync(file, readFileSync(file, 'utf8').replace('手順です。', '手順です（編集）。'));
    expect(importSite('zendesk', 'zendesk', out).report.entries.ja).toMatchObject({ kept: 1, unchanged: 1 });
    expect(readFileSync(file, 'utf8')).toContain('（編集）');
    expect(importSite('zendesk', 'zendesk', out, '--update').report.entries.ja).toMatchObject({ updated: 1, unchanged: 1 });
    expect(readFileSync(file, 'utf8')).not.toContain('（編集）');
    expect(readdirSync(path.join(out, 'ja'), { recursive: true }).filter((f) => String(f).endsWith('.md'))).toHaveLength(2);
  });
});

describe('npm run import -- zendesk --map, into an existing site', () => {
  it('puts categories and sections where the mapping file says, beside the entries already there', () => {
    const out = path.join(tmp, 'existing');
    cpSync(path.join(FIXTURES, 'good-content'), out, { recursive: true });
    const before = readFileSync(path.join(out, 'kotae.config.yaml'), 'utf8');
    const { report } = importSite('zendesk', 'zendesk', out, '--map', path.join(FIXTURES, 'import/zendesk-map.yaml'));
    expect(report.config).toEqual({ status: 'kept', missingProducts: [], missingCategories: [] });
    expect(readFileSync(path.join(out, 'kotae.config.yaml'), 'utf8')).toBe(before);
    const setup = entry(out, 'en', 'connect-the-camera-to-wi-fi');
    expect(setup).toMatch(/\nproduct: camera\ncategory: setup\n/);
    expect(entry(out, 'ja', 'why-does-my-camera-go-offline')).toMatch(/\nproduct: camera\ncategory: errors\n/);
    // The site's own entries are still there, untouched.
    expect(readFileSync(path.join(out, 'ja/cam/reset.md'), 'utf8')).toBe(readFileSync(path.join(FIXTURES, 'good-content/ja/cam/reset.md'), 'utf8'));
    check(out);
  });
});

describe('npm run import -- intercom', () => {
  const out = path.join(tmp, 'intercom');
  let report: ImportReport;
  beforeAll(() => {
    ({ report } = importSite('intercom', 'intercom', out));
  });

  it('reads articles with their translated content, callouts by colour, header-less tables, images from files/', () => {
    expect(report.defaultLocale).toBe('en');
    expect(report.entries.ja?.created).toBe(2);
    const ja = entry(out, 'ja', 'download-an-invoice');
    expect(ja).toMatch(/source:\n {2}locale: en\n {2}hash: [0-9a-f]{16}/);
    expect(ja).toContain('> [!WARNING]\n> 請求書の保存期間は **7 years**.');
    expect(ja).toContain('| Format | PDF |');
    expect(ja).toContain('](../../assets/billing-screen.svg)');
    expect(ja).toContain('[payment methods](id:change-your-payment-method)');
    expect(report.dropped.map((d) => `${d.place} ${d.what}`)).toEqual(
      expect.arrayContaining([
        'articles.json $.data[0].body href="javascript:alert(1)" on <a>',
        'articles.json $.data[0].translated_content.ja.body onmouseover on <span>',
        'articles.json $.data[1].body <video src="https://example.com/v.mp4">',
      ]),
    );
    check(out);
  });
});

describe('the report in Japanese', () => {
  it('says the same in Japanese when the terminal is Japanese; the JSON keeps the reason codes', () => {
    process.env.KOTAE_LANG = 'ja';
    try {
      const { report, stdout } = importSite('intercom', 'intercom', path.join(tmp, 'intercom-ja'));
      expect(stdout).toContain('en: 新規 2、更新 0、変更なし 0');
      expect(stdout).toContain(
        'articles.json $.data[0].body: onmouseover on <span> — イベントハンドラーはスクリプトなので、Kotae は取り除きます（intercom:article:9001）',
      );
      expect(report.dropped.find((d) => d.what === 'onmouseover on <span>')?.reason).toBe('handler');
    } finally {
      process.env.KOTAE_LANG = 'en';
    }
  });
});

describe('npm run import -- markdown', () => {
  it.each([
    ['docusaurus', 'docs/guide/01-setup.md:31', '<iframe src="https://www.youtube.com/embed/xyz">', 'set-up-the-camera', ['/docs/guide/setup']],
    ['vitepress', 'docs/guide/reset.md:23', '<script>', 'reset-the-camera', ['/guide/reset.html', '/guide/reset']],
    ['starlight', 'src/content/docs/en/account/two-step.md:7', '<button>', 'reset-your-password', ['/en/account/password/']],
  ])('%s: pages and their translations become entries; refused HTML is reported at file:line', (flavor, place, what, id, urls) => {
    const out = path.join(tmp, flavor);
    const { report } = importSite('markdown', flavor, out, '--from', flavor);
    expect(report.entries).toMatchObject({ en: { created: 2 }, ja: { created: 1 } });
    expect(report.dropped).toContainEqual(expect.objectContaining({ place, what }));
    const en = entry(out, 'en', id);
    expect(en).toContain(`previousUrls:\n${urls.map((u) => `  - ${u}\n`).join('')}`);
    expect(entry(out, 'ja', id)).toMatch(/source:\n {2}locale: en/);
    expect(en).not.toMatch(/<script|<iframe|<button|onclick|:::/);
    check(out);
  });

  it('turns containers into callouts and page links into id links', () => {
    const reset = entry(path.join(tmp, 'vitepress'), 'en', 'reset-the-camera');
    expect(reset).toContain('> [!WARNING]\n> Resetting erases the Wi-Fi settings.');
    expect(reset).toContain('> [!NOTE]\n> **Why 10 seconds?**');
    expect(reset).toContain('[Wi-Fi](id:connect-to-wi-fi)');
    expect(reset).toContain('<kbd>Reset</kbd>');
    expect(entry(path.join(tmp, 'vitepress'), 'en', 'connect-to-wi-fi')).toContain('[reset](id:reset-the-camera)');
    expect(entry(path.join(tmp, 'docusaurus'), 'en', 'set-up-the-camera')).toContain('> [!TIP]\n> **Before you start**');
  });
});

describe('an imported site, built and served', () => {
  const content = path.join(tmp, 'zendesk');
  const dist = path.join(tmp, 'zendesk-dist');

  it('has a page and a search hit for the title of every imported article', async () => {
    const build = runScript('build.ts', ['--content', content, '--out', dist, '--quiet']);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    const manifest = Manifest.parse(JSON.parse(readFileSync(path.join(dist, 'data/manifest.json'), 'utf8')));
    const report = JSON.parse(readFileSync(`${content}.json`, 'utf8')) as ImportReport;
    for (const locale of manifest.locales) {
      const catalog = Catalog.parse(JSON.parse(readFileSync(path.join(dist, locale.catalog), 'utf8')));
      const index = await loadIndex(async (file) => readFileSync(path.join(dist, `data/${locale.code}/search`, file)), locale.code);
      for (const file of report.files.filter((f) => f.locale === locale.code)) {
        const listed = catalog.entries.find((e) => e.id === file.id)!;
        expect(readFileSync(path.join(dist, listed.url, 'index.html'), 'utf8')).toContain(listed.title);
        const hits = await search(index, listed.title, { limit: 3 });
        expect(hits.map((h) => h.entry)).toContain(file.id);
      }
    }
  });

  it('answers every old URL of the imported site with a redirect to its new page', async () => {
    const server = await serveStatic(dist, 0);
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const redirects = readFileSync(path.join(dist, '_redirects'), 'utf8');
      const report = JSON.parse(readFileSync(`${content}.json`, 'utf8')) as ImportReport;
      const old = report.files.flatMap((f) => {
        const text = readFileSync(path.join(content, f.file), 'utf8');
        return [...text.matchAll(/^ {2}- (\/hc\/\S+)$/gm)].map((m) => ({ url: m[1]!, locale: f.locale, id: f.id }));
      });
      expect(old).toHaveLength(4);
      for (const { url, locale, id } of old) {
        const page = await fetch(base + url);
        expect(page.status, url).toBe(200);
        const html = await page.text();
        const target = new RegExp(`<meta http-equiv="refresh" content="0; url=(/${locale}/(faq|articles)/${id}/)">`).exec(html)?.[1];
        expect(target, url).toBeDefined();
        expect(html).toContain(`<link rel="canonical" href="http://localhost:4400${target}">`);
        const landed = await fetch(base + target);
        expect(landed.status).toBe(200);
        expect(await landed.text()).toContain('<html');
        expect(redirects).toContain(`${encodeURI(decodeURIComponent(url))} ${target} 301`);
      }
      expect(readFileSync(path.join(dist, 'redirects.nginx.conf'), 'utf8')).toMatch(
        /map \$uri \$kotae_redirect \{\n {4}default "";\n {4}"\/hc\/en-us\/articles\//,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

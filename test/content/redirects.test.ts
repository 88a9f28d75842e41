import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem } from '../../content/problems.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { redirectFiles, redirectPageFile } from '../../scripts/pipeline/redirects.ts';
import { fileSink } from '../../scripts/pipeline/write-output.ts';
import { FIXTURES } from './run-cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-redirects-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function compile(contentDir: string) {
  const files = new Map<string, string>();
  const result = compileContent({ contentDir, today: '2026-11-01' }, (file, data) =>
    files.set(file, typeof data === 'string' ? data : Buffer.from(data).toString('utf8')),
  );
  return { files, problems: result.problems.sorted().map((p) => formatProblem(p).replace(`${path.relative(process.cwd(), contentDir)}/`, '')) };
}

/** Adds frontmatter lines to an entry of a copy of the test site. */
function withFrontmatter(dir: string, file: string, lines: string): void {
  const full = path.join(dir, file);
  writeFileSync(full, readFileSync(full, 'utf8').replace(/\n---\n/, `\n${lines}\n---\n`));
}

describe('redirects from previousUrls', () => {
  it('the sample site: its renamed entry answers at its old URLs in both locales', () => {
    const { files, problems } = compile('content');
    expect(problems.filter((p) => p.includes('error:'))).toEqual([]);
    const ja = files.get('ja/faq/audit-log/index.html')!;
    expect(ja).toContain('<meta http-equiv="refresh" content="0; url=/ja/faq/workspace-audit-log/">');
    expect(ja).toContain('<link rel="canonical" href="http://localhost:4400/ja/faq/workspace-audit-log/">');
    expect(ja).toContain('<html lang="ja">');
    // Untranslated in English: the English old URL leads to the English (fallback) page.
    expect(files.get('en/faq/audit-log/index.html')).toContain('url=/en/faq/workspace-audit-log/');
    expect(files.get('_redirects')).toContain('/en/faq/audit-log/ /en/faq/workspace-audit-log/ 301\n/ja/faq/audit-log/ /ja/faq/workspace-audit-log/ 301\n');
    expect(files.get('redirects.nginx.conf')).toContain(
      '    "/ja/faq/audit-log" /ja/faq/workspace-audit-log/;\n    "/ja/faq/audit-log/" /ja/faq/workspace-audit-log/;\n',
    );
  });

  it('check reports two entries claiming one URL, URLs that would hide a page, and redirects to a draft', () => {
    const dir = path.join(tmp, 'clash');
    cpSync(path.join(FIXTURES, 'good-content'), dir, { recursive: true });
    withFrontmatter(dir, 'ja/cam/reset.md', 'previousUrls: [/old/reset, /ja/faq/led-codes/, /data/manifest.json, /ja/search/]');
    withFrontmatter(dir, 'ja/cam/led.md', 'previousUrls: [/old/reset/]');
    writeFileSync(
      path.join(dir, 'ja/cam/draft.md'),
      '---\nid: camera-draft\ntype: faq\ntitle: 下書き\ncategory: setup\nupdated: 2026-08-01\ndraft: true\npreviousUrls: [/old/draft]\n---\n本文\n',
    );
    const { files, problems } = compile(dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^ja\/cam\/reset\.md:\d+:\d+ {2}error: previous URL "\/old\/reset" is also claimed by ja\/cam\/led\.md \(redirects to \/ja\/faq\/led-codes\/\)/,
        ),
        expect.stringMatching(/^ja\/cam\/reset\.md:\d+:\d+ {2}error: previous URL "\/ja\/faq\/led-codes\/" is the page of entry "led-codes"/),
        expect.stringMatching(/^ja\/cam\/reset\.md:\d+:\d+ {2}error: previous URL "\/data\/manifest\.json" is a file the build writes/),
        expect.stringMatching(/^ja\/cam\/reset\.md:\d+:\d+ {2}error: previous URL "\/ja\/search\/" is a page of the KB site/),
        expect.stringMatching(/^ja\/cam\/draft\.md:8:\d+ {2}warning: redirect from "\/old\/draft" points at nothing/),
      ]),
    );
    expect(files.size).toBe(0);
  });

  it('a URL with another extension gets host rules only; .html keeps its name', () => {
    expect(redirectPageFile('/guide/setup.html')).toBe('guide/setup.html');
    expect(redirectPageFile('/hc/ja/articles/1-%E3%82%AB')).toBe('hc/ja/articles/1-カ/index.html');
    expect(redirectPageFile('/files/manual.pdf')).toBeUndefined();
  });

  it('the schema refuses URLs with a host, a query or dot segments', () => {
    const dir = path.join(tmp, 'bad');
    cpSync(path.join(FIXTURES, 'good-content'), dir, { recursive: true });
    withFrontmatter(dir, 'ja/cam/reset.md', 'previousUrls: ["//evil.example/x", "/a?b=1", "/a/../b"]');
    const { problems } = compile(dir);
    expect(problems.filter((p) => p.startsWith('ja/cam/reset.md') && p.includes('error:'))).toHaveLength(3);
  });

  it('check --previous: a renamed entry whose old URLs are not listed is reported, with the line to add', () => {
    const previous = path.join(tmp, 'previous-build');
    compileContent({ contentDir: path.join(FIXTURES, 'good-content'), today: '2026-11-01' }, fileSink(previous));
    const dir = path.join(tmp, 'renamed');
    cpSync(path.join(FIXTURES, 'good-content'), dir, { recursive: true });
    const file = path.join(dir, 'ja/cam/reset.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('id: camera-reset', 'id: camera-factory-reset'));
    const lost = (problems: string[]) => problems.filter((p) => p.includes('renamed') || p.includes('no page and no redirect'));
    const check = () =>
      compileContent({ contentDir: dir, today: '2026-11-01', previousBuild: previous })
        .problems.sorted()
        .map((p) => formatProblem(p).replace(`${path.relative(process.cwd(), dir)}/`, ''));
    expect(lost(check())).toEqual([
      'ja/cam/reset.md:2:5  warning: "camera-reset" was renamed to "camera-factory-reset": the previous build\'s /en/faq/camera-reset/ has no page and no redirect now  (fix: add it to previousUrls: [/en/faq/camera-reset/] so links and bookmarks keep working)',
      'ja/cam/reset.md:2:5  warning: "camera-reset" was renamed to "camera-factory-reset": the previous build\'s /ja/faq/camera-reset/ has no page and no redirect now  (fix: add it to previousUrls: [/ja/faq/camera-reset/] so links and bookmarks keep working)',
    ]);
    withFrontmatter(dir, 'ja/cam/reset.md', 'previousUrls: [/ja/faq/camera-reset/, /en/faq/camera-reset/]');
    expect(lost(check())).toEqual([]);
  });

  it('check reports two entries of one locale imported from the same article', () => {
    const dir = path.join(tmp, 'twice');
    cpSync(path.join(FIXTURES, 'good-content'), dir, { recursive: true });
    withFrontmatter(dir, 'ja/cam/reset.md', 'importedFrom: zendesk:article:1');
    withFrontmatter(dir, 'ja/cam/led.md', 'importedFrom: zendesk:article:1');
    withFrontmatter(dir, 'en/cam/led.md', 'importedFrom: zendesk:article:1');
    expect(compile(dir).problems.filter((p) => p.includes('imported from'))).toEqual([
      'ja/cam/reset.md:8:15  error: imported from zendesk:article:1 like ja/cam/led.md ("led-codes")  (fix: keep one of the two: merge them, then delete the other (its URLs go to previousUrls of the one you keep))',
    ]);
  });

  it('writes a valid HTML page that escapes the title', async () => {
    const files = redirectFiles([{ from: '/old/a', to: '/en/faq/a/', locale: 'en', title: 'Fish & "chips" <b>' }], 'https://help.example.test/kb/');
    const page = files.get('old/a/index.html')!;
    expect(page).toContain('<title>Fish &amp; &quot;chips&quot; &lt;b&gt;</title>');
    expect(page).toContain('<link rel="canonical" href="https://help.example.test/kb/en/faq/a/">');
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'doctype-style': 'off' } }).validateString(page);
    expect(report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog, EntryPayload, Manifest, SearchDocumentsFile } from '../../content/schema/index.ts';
import { loadIndex, search } from '../../search/index.ts';
import { FIXTURES, runScript, tree } from './run-cli.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kotae-build-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const build = (out: string, content = 'test/fixtures/good-content') => runScript('build.ts', ['--content', content, '--out', out, '--quiet']);
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('npm run build', () => {
  const out = path.join(tmp, 'a');
  it('writes a manifest, catalogs, search documents and payloads that match their schemas', () => {
    const { status, stderr } = build(out);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const manifest = Manifest.parse(readJson(path.join(out, 'data/manifest.json')));
    expect(manifest.defaultLocale).toBe('ja');
    expect(manifest.locales.map((l) => [l.code, l.entries, l.translated, l.stale])).toEqual([
      ['ja', 3, 3, 0],
      ['en', 3, 2, 1],
    ]);
    for (const locale of manifest.locales) {
      const catalog = Catalog.parse(readJson(path.join(out, locale.catalog)));
      expect(catalog.entries.map((e) => e.id)).toEqual(['camera-reset', 'camera-wifi', 'led-codes']);
      SearchDocumentsFile.parse(readJson(path.join(out, locale.searchDocuments)));
      for (const entry of catalog.entries) EntryPayload.parse(readJson(path.join(out, locale.entryPayload.replace('{id}', entry.id))));
    }
  });

  it('renders the KB site from the data it wrote: a root page, locale homes and one page per entry', () => {
    // The KB site's own tests check its whole page set; here: the build wrote it from this content.
    const pages = new Set([...tree(out).keys()].filter((f) => f.endsWith('.html')));
    for (const page of [
      'index.html',
      'ja/index.html',
      'en/index.html',
      'ja/articles/camera-wifi/index.html',
      'ja/faq/camera-reset/index.html',
      'ja/faq/led-codes/index.html',
      'en/articles/camera-wifi/index.html',
      'en/faq/camera-reset/index.html',
      'en/faq/led-codes/index.html',
    ])
      expect(pages, page).toContain(page);
    expect([...pages].filter((p) => /\/(faq|articles)\/[^/]+\/index\.html$/.test(p))).toHaveLength(6);
  });

  it('shows an untranslated entry in the fallback language, marked as such, with links into its own locale', () => {
    const reset = EntryPayload.parse(readJson(path.join(out, 'data/en/entries/camera-reset.json')));
    expect(reset.fallbackFrom).toBe('ja');
    expect(reset.title).toBe('カメラを初期化するには？');
    expect(reset.url).toBe('/en/faq/camera-reset/');
    expect(reset.alternates).toEqual([
      { locale: 'ja', url: '/ja/faq/camera-reset/', translated: true },
      { locale: 'en', url: '/en/faq/camera-reset/', translated: false },
    ]);
  });

  it('marks a stale translation with a link to its current source', () => {
    const led = EntryPayload.parse(readJson(path.join(out, 'data/en/entries/led-codes.json')));
    expect(led.stale).toEqual({ sourceLocale: 'ja', sourceUrl: '/ja/faq/led-codes/', sourceUpdated: '2026-09-01' });
    const wifi = EntryPayload.parse(readJson(path.join(out, 'data/en/entries/camera-wifi.json')));
    expect(wifi.stale).toBeUndefined();
  });

  it('splits entries into section documents keyed by heading ids that are the same in every locale', () => {
    const ids = (locale: string) =>
      SearchDocumentsFile.parse(readJson(path.join(out, `data/${locale}/search-documents.json`)))
        .documents.filter((d) => d.entry === 'camera-wifi')
        .map((d) => d.id);
    expect(ids('ja')).toEqual(['camera-wifi', 'camera-wifi#prepare', 'camera-wifi#接続する']);
    expect(ids('en')).toEqual(ids('ja'));
    const docs = SearchDocumentsFile.parse(readJson(path.join(out, 'data/en/search-documents.json'))).documents;
    const connect = docs.find((d) => d.id === 'camera-wifi#接続する')!;
    expect(connect.headings).toEqual(['Connect']);
    expect(connect.text).toContain('Press Add.');
    expect(connect.url).toBe('/en/articles/camera-wifi/#接続する');
  });

  it('writes a search index per locale that loads from the files and finds the answering section', async () => {
    const manifest = Manifest.parse(readJson(path.join(out, 'data/manifest.json')));
    const en = manifest.locales.find((l) => l.code === 'en')!;
    const dir = path.dirname(path.join(out, en.searchIndex));
    const index = await loadIndex(async (file) => readFileSync(path.join(dir, file)), 'en');
    const results = await search(index, 'blink patterns led', { limit: 3 });
    expect(results[0]).toMatchObject({ entry: 'led-codes', anchor: 'blink', url: '/en/faq/led-codes/#blink' });
    const ja = await search(await loadIndex(async (file) => readFileSync(path.join(out, 'data/ja/search', file)), 'ja'), '初期化', { limit: 3 });
    expect(ja[0]?.entry).toBe('camera-reset');
  });

  it('copies images under a content-hashed name and rewrites their URLs', () => {
    // Besides content images, assets/ holds the KB site's own stylesheet and scripts.
    const files = readdirSync(path.join(out, 'assets')).filter((f) => !/\.(css|js)$/.test(f));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^led-[0-9a-f]{10}\.svg$/);
    const wifi = EntryPayload.parse(readJson(path.join(out, 'data/ja/entries/camera-wifi.json')));
    expect(wifi.html).toContain(`<img src="/assets/${files[0]}" alt="LED の位置" loading="lazy" decoding="async">`);
  });

  it('bundles the widget (in a thread of its own) into the same output: the loader and the app it imports', () => {
    const loader = readFileSync(path.join(out, 'widget/kotae.js'), 'utf8');
    const app = /\.\/(app-[\w-]+\.js)/.exec(loader)?.[1];
    expect(app).toBeDefined();
    expect(readdirSync(path.join(out, 'widget'))).toContain(app);
    expect(readFileSync(path.join(out, 'widget', app!), 'utf8')).toContain('start');
  });

  it('produces byte-identical trees from two builds of the same content', () => {
    const second = path.join(tmp, 'b');
    expect(build(second).status).toBe(0);
    const a = tree(out);
    const b = tree(second);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, content] of a) expect(b.get(name), name).toBe(content);
  });

  it('fails on broken content, names the file and line, and leaves the previous output untouched', () => {
    const before = tree(out);
    const { status, stderr } = build(out, 'test/fixtures/broken-content');
    expect(status).toBe(1);
    expect(stderr).toMatch(/refs\.md:5:10 {2}error: unknown product "camra"/);
    expect(stderr).toMatch(/the output folder was left as it was/);
    expect(tree(out)).toEqual(before);
  });

  it('refuses to replace a folder that is not a Kotae build', () => {
    const precious = path.join(tmp, 'precious');
    mkdirSync(precious);
    writeFileSync(path.join(precious, 'thesis.txt'), 'years of work');
    const { status, stderr } = build(precious);
    expect(status).toBe(1);
    expect(stderr).toMatch(/not a Kotae build; refusing to replace it/);
    expect(readFileSync(path.join(precious, 'thesis.txt'), 'utf8')).toBe('years of work');
  });

  it('rejects an SVG image that carries a script', () => {
    const content = path.join(tmp, 'svg-content');
    cpSync(path.join(FIXTURES, 'good-content'), content, { recursive: true });
    writeFileSync(path.join(content, 'assets/led.svg'), '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
    const { status, stderr } = build(path.join(tmp, 'svg-out'), content);
    expect(status).toBe(1);
    expect(stderr).toMatch(/led\.svg:1:1 {2}error: the SVG contains scripts/);
  });
});

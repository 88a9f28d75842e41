import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../kb-site/json-ld.tsx';
import { renderSite } from '../../kb-site/render-site.tsx';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { compileFixture } from './fixture-site.ts';
import { jsonLdOf, type JsonLdData } from './json-ld-of.ts';

// Structured data as Google reads it: the Article properties its documentation recommends (headline, image,
// datePublished, dateModified, author with name and url, publisher with logo), and FAQ answer text that reads
// as the page does. Checked on every page of the sample site and on a fixture with a configured logo.

type Json = JsonLdData;

/** Every JSON-LD object of every page, with the page's file. */
function structuredData(pages: Map<string, string>): { file: string; data: Json }[] {
  return [...pages].filter(([file]) => file.endsWith('.html')).flatMap(([file, html]) => jsonLdOf(html).map((data) => ({ file, data })));
}

/** The output file an absolute URL of the site points at. */
function fileOf(base: string, url: string): string {
  expect(url.startsWith(base), `${url} is on ${base}`).toBe(true);
  const rest = url.slice(base.length);
  return rest === '' || rest.endsWith('/') ? `${rest}index.html` : decodeURIComponent(rest);
}

const SAMPLE_BASE = 'http://localhost:4400/';
let sample: { pages: Map<string, string>; data: Map<string, string | Uint8Array> };

beforeAll(() => {
  const { data, input, errors } = compileFixture('content');
  expect(errors).toEqual([]);
  sample = { pages: renderSite(input), data };
});

describe('Article structured data on the sample site', () => {
  it('has every property Google recommends, each pointing at something real', () => {
    const articles = structuredData(sample.pages).filter((d) => d.data['@type'] === 'Article');
    expect(articles.length).toBeGreaterThan(10);
    const exists = (url: string) => {
      const file = fileOf(SAMPLE_BASE, url);
      return sample.pages.has(file) || sample.data.has(file);
    };
    for (const { file, data } of articles) {
      expect(data, file).toMatchObject({ headline: expect.any(String), inLanguage: expect.any(String) });
      expect(data.datePublished, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(data.dateModified, file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(data.datePublished) <= String(data.dateModified), file).toBe(true);
      const images = data.image as string[];
      expect(images.length, file).toBeGreaterThan(0);
      for (const image of images) expect(exists(image), `${file}: image ${image}`).toBe(true);
      const author = data.author as Json;
      expect(author, file).toMatchObject({ '@type': 'Organization', name: expect.any(String) });
      expect(exists(String(author.url)), file).toBe(true);
      const publisher = data.publisher as Json & { logo: Json };
      expect(publisher, file).toMatchObject({ '@type': 'Organization', name: expect.any(String), logo: { '@type': 'ImageObject' } });
      expect(exists(String(publisher.logo.url)), `${file}: logo ${publisher.logo.url}`).toBe(true);
    }
  });

  it('an article with pictures names them as its images; one without names the site logo', () => {
    const withPictures = structuredData(sample.pages).filter((d) => d.data['@type'] === 'Article' && d.file.startsWith('ja/'));
    const html = (file: string) => sample.pages.get(file) ?? '';
    let pictured = 0;
    for (const { file, data } of withPictures) {
      const images = data.image as string[];
      const logo = (data.publisher as { logo: { url: string } }).logo.url;
      if (/<main[\s\S]*<img\b/.test(html(file))) {
        pictured++;
        expect(images, file).not.toContain(logo);
        for (const image of images) expect(html(file), file).toContain(`src="${new URL(image).pathname}"`);
      } else {
        expect(images, file).toEqual([logo]);
      }
    }
    expect(pictured).toBeGreaterThan(0);
  });
});

describe('FAQ answer text', () => {
  it('has no space before punctuation where the page has a link or emphasis (sample site, every FAQPage)', () => {
    const answers = structuredData(sample.pages)
      .filter((d) => d.data['@type'] === 'FAQPage')
      .flatMap(({ file, data }) => (data.mainEntity as { acceptedAnswer: { text: string } }[]).map((q) => ({ file, text: q.acceptedAnswer.text })));
    expect(answers.length).toBeGreaterThan(20);
    // Punctuation that ends a phrase (`?sslmode=…` in a table cell starts a word, and keeps its space).
    const SPACED = /\S [.,;:!?)\]。、）](?![A-Za-z0-9])/;
    const spaced = answers.filter((a) => SPACED.test(a.text)).map((a) => `${a.file}: …${new RegExp(`.{0,30}${SPACED.source}.{0,10}`).exec(a.text)?.[0]}…`);
    expect(spaced).toEqual([]);
  });

  it('joins inline elements to their sentence and separates blocks', () => {
    expect(plainText('<p>Open <a href="/en/x/">Billing history</a>. On the <strong>Invoices</strong> tab, choose <code>PDF</code>.</p><p>Done</p>')).toBe(
      'Open Billing history. On the Invoices tab, choose PDF. Done',
    );
    expect(plainText('<ul><li>one</li><li>two</li></ul><h2 id="a">Next</h2><p>a<br>b</p>')).toBe('one two Next a b');
    expect(plainText('<p>「<a href="/ja/x/">請求履歴</a>」を開き、<kbd>Ctrl</kbd>+<kbd>P</kbd>。</p>')).toBe('「請求履歴」を開き、Ctrl+P。');
  });
});

describe('a configured logo and publication date', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kotae-logo-'));
    cpSync('test/fixtures/good-content', dir, { recursive: true });
    writeFileSync(path.join(dir, 'assets', 'brand.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    const config = path.join(dir, 'kotae.config.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^(\s+baseUrl: .*)$/m, '$1\n  logo: assets/brand.svg'));
    const article = path.join(dir, 'en', 'cam', 'wifi.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^updated: (.*)$/m, 'updated: $1\npublished: 2026-01-15'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is copied as a content-hashed asset, named in the manifest and used as the publisher logo', () => {
    const { data, input, errors } = compileFixture(dir);
    expect(errors).toEqual([]);
    const logo = input.manifest.logo;
    expect(logo).toMatch(/^assets\/brand-[0-9a-f]{10}\.svg$/);
    expect(data.has(logo!)).toBe(true);
    const pages = renderSite(input);
    const article = jsonLdOf(pages.get('en/articles/camera-wifi/index.html') ?? '').find((d) => d['@type'] === 'Article')!;
    expect(article.publisher).toMatchObject({ logo: { url: `https://help.example.test/${logo}` } });
    expect(article).toMatchObject({ datePublished: '2026-01-15', dateModified: expect.stringMatching(/^2026-/) });
    const website = jsonLdOf(pages.get('en/index.html') ?? '').find((d) => d['@type'] === 'WebSite')!;
    expect(website.publisher).toMatchObject({ logo: { url: `https://help.example.test/${logo}` } });
  });

  it('a logo that does not exist, or a publication after the update, is a check error with its line', () => {
    const config = path.join(dir, 'kotae.config.yaml');
    const article = path.join(dir, 'en', 'cam', 'wifi.md');
    const before = { config: readFileSync(config, 'utf8'), article: readFileSync(article, 'utf8') };
    try {
      writeFileSync(config, before.config.replace('logo: assets/brand.svg', 'logo: assets/missing.svg'));
      writeFileSync(article, before.article.replace('published: 2026-01-15', 'published: 2099-01-01'));
      const { problems } = compileContent({ contentDir: dir, today: '2026-11-01' });
      const errors = problems.errors.map((p) => ({ file: path.basename(p.file), line: p.line, message: p.message }));
      const configLine = before.config.split('\n').findIndex((l) => l.includes('logo:')) + 1;
      const articleLine = before.article.split('\n').findIndex((l) => l.startsWith('published:')) + 1;
      expect(errors).toEqual(
        expect.arrayContaining([
          { file: 'kotae.config.yaml', line: configLine, message: expect.stringContaining('assets/missing.svg') },
          { file: 'wifi.md', line: articleLine, message: expect.stringContaining('after updated') },
        ]),
      );
    } finally {
      writeFileSync(config, before.config);
      writeFileSync(article, before.article);
    }
  });
});

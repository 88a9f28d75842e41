import { Parser } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSite, type RenderSiteInput } from '../../kb-site/render-site.tsx';
import { jsonLdText, plainText } from '../../kb-site/json-ld.tsx';
import { compileFixture } from './fixture-site.ts';
import { jsonLdOf } from './json-ld-of.ts';

const BASE = 'https://help.example.test/';
let pages: Map<string, string>;
let input: RenderSiteInput;

beforeAll(() => {
  ({ input } = compileFixture());
  pages = renderSite(input);
});

/** Output file of an absolute site URL, or undefined when it is not on this site. */
function fileOfUrl(href: string): string | undefined {
  if (!href.startsWith(BASE)) return undefined;
  const path = href.slice(BASE.length);
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

interface SitemapUrl {
  loc: string;
  lastmod?: string;
  alternates: [string, string][];
}

function readSitemap(xml: string): SitemapUrl[] {
  const urls: SitemapUrl[] = [];
  let field = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'url') urls.push({ loc: '', alternates: [] });
        else if (name === 'xhtml:link') urls.at(-1)?.alternates.push([attrs.hreflang ?? '', attrs.href ?? '']);
        field = name;
      },
      ontext(text) {
        const url = urls.at(-1);
        if (!url) return;
        if (field === 'loc') url.loc += text;
        if (field === 'lastmod') url.lastmod = (url.lastmod ?? '') + text;
      },
      onclosetag() {
        field = '';
      },
    },
    { xmlMode: true },
  );
  parser.end(xml);
  return urls;
}

/** `<link rel=alternate hreflang>` of a page, as [hreflang, href]. */
function hreflangOf(html: string): [string, string][] {
  const links: [string, string][] = [];
  new Parser({ onopentag: (name, a) => name === 'link' && a.rel === 'alternate' && a.hreflang && links.push([a.hreflang, a.href ?? '']) }).end(html);
  return links;
}

describe('sitemap.xml', () => {
  it('lists only pages that exist, each with alternates that exist, and never a fallback page', () => {
    const urls = readSitemap(pages.get('sitemap.xml') ?? '');
    expect(urls.length).toBeGreaterThan(10);
    for (const url of urls) {
      expect(pages.has(fileOfUrl(url.loc) ?? '?'), url.loc).toBe(true);
      for (const [lang, href] of url.alternates) expect(pages.has(fileOfUrl(href) ?? '?'), `${url.loc} → ${lang} ${href}`).toBe(true);
      const html = pages.get(fileOfUrl(url.loc) ?? '') ?? '';
      expect(html, url.loc).not.toContain('notice-fallback');
      expect(html, url.loc).not.toContain('name="robots" content="noindex"');
    }
    const locs = urls.map((u) => u.loc);
    expect(locs).not.toContain(`${BASE}en/faq/camera-reset/`); // shown from Japanese on the English site
    expect(locs).toContain(`${BASE}ja/faq/camera-reset/`);
    expect(locs).not.toContain(`${BASE}en/search/`);
    expect(new Set(locs).size).toBe(locs.length);
  });

  it('gives each page the same hreflang alternates as the page itself declares, with x-default', () => {
    for (const url of readSitemap(pages.get('sitemap.xml') ?? '')) {
      const html = pages.get(fileOfUrl(url.loc) ?? '') ?? '';
      expect(url.alternates, url.loc).toEqual(hreflangOf(html));
      // x-default: the default locale's page wherever it exists (here, every listed page).
      expect(
        url.alternates.some(([lang]) => lang === 'x-default'),
        url.loc,
      ).toBe(true);
      // Alternates are reciprocal: every alternate lists this page back.
      for (const [lang, href] of url.alternates) {
        if (lang === 'x-default') continue;
        const back = hreflangOf(pages.get(fileOfUrl(href) ?? '') ?? '');
        expect(back.some(([, h]) => h === url.loc) || url.loc === `${BASE}`, `${href} ↔ ${url.loc}`).toBe(true);
      }
    }
  });

  it('dates entries with their last update', () => {
    const entry = readSitemap(pages.get('sitemap.xml') ?? '').find((u) => u.loc === `${BASE}en/articles/camera-wifi/`);
    expect(entry?.lastmod).toBe(input.catalogs.get('en')?.entries.find((e) => e.id === 'camera-wifi')?.updated);
  });

  it('robots.txt names the sitemap and blocks nothing; the search page canonicalizes to its query-less URL', () => {
    const robots = pages.get('robots.txt') ?? '';
    expect(robots).toContain(`Sitemap: ${BASE}sitemap.xml`);
    expect(robots).not.toContain('Disallow');
    expect(pages.get('en/search/index.html')).toContain(`<link rel="canonical" href="${BASE}en/search/"`);
  });
});

describe('structured data and OpenGraph', () => {
  it('every page’s JSON-LD parses and uses schema.org', () => {
    let count = 0;
    for (const [file, html] of pages) {
      if (!file.endsWith('.html')) continue;
      for (const data of jsonLdOf(html)) {
        expect(data, file).toMatchObject({ '@context': 'https://schema.org' });
        count++;
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it('an article has Article and BreadcrumbList; a FAQ has FAQPage with its answer; a fallback page describes nothing', () => {
    const article = jsonLdOf(pages.get('en/articles/camera-wifi/index.html') ?? '') as Record<string, unknown>[];
    expect(article.map((d) => d['@type'])).toEqual(['BreadcrumbList', 'Article']);
    expect(article[1]).toMatchObject({ headline: 'Connect the camera to Wi-Fi', inLanguage: 'en', url: `${BASE}en/articles/camera-wifi/` });
    expect(article[0]?.itemListElement as unknown[]).toHaveLength(4);
    const faq = jsonLdOf(pages.get('ja/faq/led-codes/index.html') ?? '') as Record<string, unknown>[];
    expect(faq.map((d) => d['@type'])).toEqual(['BreadcrumbList', 'FAQPage']);
    const question = (faq[1]?.mainEntity as Record<string, Record<string, string>>[] | undefined)?.[0];
    expect(question?.name).toBe('LED の点滅は何を意味しますか？');
    expect(question?.acceptedAnswer?.text?.length).toBeGreaterThan(10);
    expect(question?.acceptedAnswer?.text).not.toMatch(/<[a-z]/);
    const fallback = jsonLdOf(pages.get('en/faq/camera-reset/index.html') ?? '') as Record<string, unknown>[];
    expect(fallback.map((d) => d['@type'])).toEqual(['BreadcrumbList']);
    const list = jsonLdOf(pages.get('ja/faqs/errors/index.html') ?? '') as Record<string, unknown>[];
    expect(list.map((d) => d['@type'])).toEqual(['BreadcrumbList', 'FAQPage']);
  });

  it('JSON-LD text cannot close its script element, whatever the content', () => {
    const text = jsonLdText({ '@type': 'Thing', name: '</script><script>alert(1)</script> & \u2028' });
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toMatchObject({ name: '</script><script>alert(1)</script> & \u2028' });
  });

  it('plain text of an answer drops tags and decodes entities', () => {
    expect(plainText('<p>Hold <strong>Reset</strong> &amp; wait&nbsp;10&#x73;.</p><ul><li>a</li></ul>')).toBe('Hold Reset & wait 10s. a');
  });

  it('pages carry OpenGraph tags matching their canonical URL', () => {
    const html = pages.get('ja/articles/camera-wifi/index.html') ?? '';
    const og = new Map<string, string>();
    let canonical = '';
    new Parser({
      onopentag: (name, a) => {
        if (name === 'meta' && a.property?.startsWith('og:')) og.set(a.property, a.content ?? '');
        if (name === 'link' && a.rel === 'canonical') canonical = a.href ?? '';
      },
    }).end(html);
    expect(og.get('og:type')).toBe('article');
    expect(og.get('og:url')).toBe(canonical);
    expect(og.get('og:locale')).toBe('ja_JP');
    expect(og.get('og:title')).toContain('カメラを Wi-Fi に接続する');
  });
});

describe('Atom feeds', () => {
  it('list a locale’s real translations, newest first, with absolute links to pages that exist', () => {
    const feed = pages.get('en/feed.xml') ?? '';
    const ids: string[] = [];
    const updated: string[] = [];
    let field = '';
    new Parser(
      {
        onopentag: (name) => (field = name),
        ontext: (text) => {
          if (field === 'id') ids.push(text);
          if (field === 'updated') updated.push(text);
        },
        onclosetag: () => (field = ''),
      },
      { xmlMode: true },
    ).end(feed);
    const entryIds = ids.slice(1);
    expect(entryIds.sort()).toEqual([`${BASE}en/articles/camera-wifi/`, `${BASE}en/faq/led-codes/`].sort());
    for (const id of entryIds) expect(pages.has(fileOfUrl(id) ?? '?'), id).toBe(true);
    const entryDates = updated.slice(1);
    expect([...entryDates].sort().reverse()).toEqual(entryDates);
    expect(updated[0]).toBe(entryDates[0]);
    expect(pages.get('en/index.html')).toContain('type="application/atom+xml"');
  });
});

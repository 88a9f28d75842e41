import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { Catalog, EntryPayload, Manifest } from '../../content/schema/index.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { embeddableAnswer } from '../../kb-site/faq-page.tsx';
import { renderSite, renderSiteTo, type KbSiteConfig, type RenderSiteInput } from '../../kb-site/render-site.tsx';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

let pages: Map<string, string>;
let manifest: Manifest;
let payloads: EntryPayload[];
let input: RenderSiteInput;

beforeAll(() => {
  const data = new Map<string, string>();
  const { problems } = compileContent({ contentDir: 'test/fixtures/good-content', today: '2026-11-01' }, (file, content) => {
    if (typeof content === 'string') data.set(file, content);
  });
  expect(problems.errors).toEqual([]);
  const json = (file: string): unknown => {
    const text = data.get(file);
    if (text === undefined) throw new Error(`the build emitted no ${file}`);
    return JSON.parse(text);
  };
  manifest = Manifest.parse(json('data/manifest.json'));
  input = {
    config: json('data/site.json') as KbSiteConfig,
    manifest,
    catalogs: new Map(manifest.locales.map((l) => [l.code, Catalog.parse(json(l.catalog))])),
    payload: (locale, id) => EntryPayload.parse(json(`data/${locale}/entries/${id}.json`)),
  };
  pages = renderSite(input);
  payloads = [...data.keys()].filter((f) => /^data\/[^/]+\/entries\//.test(f)).map((f) => EntryPayload.parse(json(f)));
});

const htmlPages = () => [...pages].filter(([file]) => file.endsWith('.html'));
const page = (file: string): string => {
  const html = pages.get(file);
  if (html === undefined) throw new Error(`no page ${file}; pages are ${[...pages.keys()].join(', ')}`);
  return html;
};

/** Attributes of every element named `tag`, in document order. */
function elements(html: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const parser = new Parser({ onopentag: (name, attrs) => name === tag && found.push(attrs) });
  parser.end(html);
  return found;
}

/** Text content of the elements matching `test`, in document order. */
function texts(html: string, test: (name: string, attrs: Record<string, string>) => boolean): string[] {
  const out: string[] = [];
  const stack: (number | null)[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (VOID.has(name)) return;
      stack.push(test(name, attrs) ? out.push('') - 1 : null);
    },
    ontext(text) {
      for (const i of stack) if (i !== null) out[i] += text;
    },
    onclosetag(name) {
      if (!VOID.has(name)) stack.pop();
    },
  });
  parser.end(html);
  return out;
}

describe('renderSite', () => {
  it('renders per locale a home, product, category, FAQ, entry, search, contact and 404 pages and a feed, plus the shared files', () => {
    const perLocale = [
      'index.html',
      'products/camera/index.html',
      'products/camera/setup/index.html',
      'products/camera/errors/index.html',
      'faqs/index.html',
      'faqs/setup/index.html',
      'faqs/errors/index.html',
      'faq/camera-reset/index.html',
      'articles/camera-wifi/index.html',
      'faq/led-codes/index.html',
      'search/index.html',
      'contact/index.html',
      '404.html',
      'feed.xml',
    ];
    const shared = ['index.html', '404.html', 'assets/site.css', 'favicon.svg', 'sitemap.xml', 'robots.txt', 'sw.js'];
    const expected = [...shared, ...manifest.locales.flatMap((l) => perLocale.map((f) => `${l.code}/${f}`))];
    const scripts = [...pages.keys()].filter((f) => /^assets\/(theme|site|search)\.[0-9a-f]{10}\.js$/.test(f));
    expect(scripts.map((f) => f.split('.')[0])).toEqual(['assets/theme', 'assets/site', 'assets/search']);
    expect([...pages.keys()].filter((f) => !scripts.includes(f)).sort()).toEqual(expected.sort());
    const css = pages.get('assets/site.css') ?? '';
    expect(css.startsWith(readFileSync('kb-site/site.css', 'utf8'))).toBe(true);
    expect(css).toContain('--brand: #0b5cad;');
  });

  it('renders byte-identical output for the same input', () => {
    expect(renderSite(input)).toEqual(pages);
  });

  it('renders only the locales asked for, with or without the shared files', () => {
    const en = renderSite(input, { locales: ['en'], shared: false });
    expect([...en.keys()].every((f) => f.startsWith('en/'))).toBe(true);
    expect(en.get('en/articles/camera-wifi/index.html')).toBe(pages.get('en/articles/camera-wifi/index.html'));
    const sharedOnly = renderSite(input, { locales: [] });
    expect([...sharedOnly.keys()].some((f) => f.startsWith('en/') || f.startsWith('ja/'))).toBe(false);
    expect(sharedOnly.get('sitemap.xml')).toBe(pages.get('sitemap.xml'));
  });

  it('the root page links to each locale home', () => {
    const links = elements(page('index.html'), 'a').map((a) => a.href);
    for (const locale of manifest.locales) expect(links).toContain(`/${locale.code}/`);
  });

  it('every language-switcher link points to a page that exists', () => {
    let checked = 0;
    for (const [file, html] of htmlPages()) {
      const switcher = texts(html, (name, attrs) => name === 'nav' && attrs.class === 'language-switcher');
      if (file !== 'index.html') expect(switcher, file).toHaveLength(1);
      const parser = new Parser({
        onopentag(name, attrs) {
          if (name === 'a' && attrs.hreflang && attrs.href?.startsWith('/')) {
            expect(pages.has(`${attrs.href.slice(1)}index.html`), `${file} → ${attrs.href}`).toBe(true);
            checked++;
          }
        },
      });
      parser.end(html);
    }
    expect(checked).toBeGreaterThanOrEqual(manifest.locales.length * 4);
  });

  it('a page shown in a fallback language says so, in the reader’s language', () => {
    const html = page('en/faq/camera-reset/index.html');
    expect(texts(html, (_, a) => a.class === 'notice notice-fallback')).toEqual([
      'This article is not yet available in English; showing the Japanese original.',
    ]);
    expect(elements(html, 'article')[0]?.lang).toBe('ja');
    expect(elements(html, 'html')[0]).toMatchObject({ lang: 'en', dir: 'ltr' });
    expect(page('ja/faq/camera-reset/index.html')).not.toContain('notice-fallback');
  });

  it('the canonical of a fallback page is the source locale’s URL, and hreflang lists only real translations', () => {
    const html = page('en/faq/camera-reset/index.html');
    const links = elements(html, 'link');
    expect(links.filter((l) => l.rel === 'canonical').map((l) => l.href)).toEqual(['https://help.example.test/ja/faq/camera-reset/']);
    expect(links.filter((l) => l.rel === 'alternate' && l.hreflang).map((l) => [l.hreflang, l.href])).toEqual([
      ['ja', 'https://help.example.test/ja/faq/camera-reset/'],
      ['x-default', 'https://help.example.test/ja/faq/camera-reset/'],
    ]);
    const own = elements(page('en/articles/camera-wifi/index.html'), 'link');
    expect(own.filter((l) => l.rel === 'canonical').map((l) => l.href)).toEqual(['https://help.example.test/en/articles/camera-wifi/']);
    expect(own.filter((l) => l.rel === 'alternate' && l.hreflang).map((l) => [l.hreflang, l.href])).toEqual([
      ['ja', 'https://help.example.test/ja/articles/camera-wifi/'],
      ['en', 'https://help.example.test/en/articles/camera-wifi/'],
      ['x-default', 'https://help.example.test/ja/articles/camera-wifi/'],
    ]);
    const home = elements(page('en/index.html'), 'link').filter((l) => l.rel === 'alternate' && l.hreflang);
    expect(home.map((l) => [l.hreflang, l.href])).toEqual([
      ['ja', 'https://help.example.test/ja/'],
      ['en', 'https://help.example.test/en/'],
      ['x-default', 'https://help.example.test/'],
    ]);
  });

  it('a stale translation shows the notice with a link to its current source', () => {
    const html = page('en/faq/led-codes/index.html');
    const [notice] = texts(html, (_, a) => a.class === 'notice notice-stale');
    expect(notice).toContain('September 1, 2026');
    const links = elements(html, 'a').filter((a) => a.href === '/ja/faq/led-codes/' && a.hreflang === 'ja');
    expect(links.length).toBe(2); // the language switcher and the notice
    expect(page('ja/faq/led-codes/index.html')).not.toContain('notice-stale');
    expect(page('en/articles/camera-wifi/index.html')).not.toContain('notice-stale');
  });

  it('formats the last-updated date for the page’s locale', () => {
    expect(texts(page('en/articles/camera-wifi/index.html'), (_, a) => a.class === 'updated')).toEqual(['Last updated: October 2, 2026']);
    expect(texts(page('ja/articles/camera-wifi/index.html'), (_, a) => a.class === 'updated')[0]).toMatch(/^最終更新日: 2026年\d+月\d+日$/);
  });

  it('has breadcrumbs home → product → category, with the current page marked', () => {
    const html = page('ja/faq/led-codes/index.html');
    const [nav] = elements(html, 'nav').filter((n) => n.class === 'breadcrumbs');
    expect(nav?.['aria-label']).toBe('パンくずリスト');
    const breadcrumbs = /<nav class="breadcrumbs"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const crumbs = texts(breadcrumbs, (name) => name === 'li');
    expect(crumbs).toEqual(['ホーム', 'カメラ', 'エラー', 'LED の点滅は何を意味しますか？']);
    expect(elements(breadcrumbs, 'li').map((li) => li['aria-current'])).toEqual([undefined, undefined, undefined, 'page']);
    expect(elements(breadcrumbs, 'a').map((a) => a.href)).toEqual(['/ja/', '/ja/products/camera/', '/ja/products/camera/errors/']);
    for (const a of elements(breadcrumbs, 'a')) expect(pages.has(`${a.href?.slice(1)}index.html`), a.href).toBe(true);
  });

  it('the home page has a search box, the products with counts, the FAQ collection, featured and recent entries', () => {
    const html = page('en/index.html');
    expect(texts(html, (name) => name === 'h1')).toEqual(['Test Support']);
    expect(texts(html, (name) => name === 'h2')).toEqual(['Products', 'Featured articles', 'Recently updated']);
    expect(elements(html, 'form').map((f) => [f.action, f.method, f.role])).toEqual([['/en/search/', 'get', 'search']]);
    expect(elements(html, 'input').filter((i) => i.name === 'q')).toHaveLength(1);
    const cards = /<ul class="card-list">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    expect(elements(cards, 'a').map((a) => a.href)).toEqual(['/en/products/camera/', '/en/faqs/']);
    expect(texts(cards, (_, a) => a.class === 'count')).toEqual(['3 articles', '2 questions']);
    // The recent list leaves out the fallback (camera-reset is shown from Japanese on the English site).
    const recent = html.slice(html.indexOf('kb-recent-title'));
    expect(
      elements(recent, 'a')
        .map((a) => a.href)
        .filter((h) => h?.includes('/faq/') || h?.includes('/articles/')),
    ).not.toContain('/en/faq/camera-reset/');
  });

  it('product and category pages list their entries with localized names', () => {
    const product = page('ja/products/camera/index.html');
    expect(texts(product, (name) => name === 'h1')).toEqual(['カメラ']);
    expect(texts(product, (name) => name === 'h2')).toEqual(['セットアップ', 'エラー']);
    const category = page('en/products/camera/setup/index.html');
    expect(texts(category, (name) => name === 'h1')).toEqual(['Setup']);
    const list = /<ul class="entry-list">[\s\S]*?<\/ul>/.exec(category)?.[0] ?? '';
    // Ordered by title (Latin before kana); the entry shown from Japanese is marked with its language.
    expect(elements(list, 'a').map((a) => [a.href, a.lang])).toEqual([
      ['/en/articles/camera-wifi/', undefined],
      ['/en/faq/camera-reset/', 'ja'],
    ]);
  });

  it('FAQ pages group questions by category, each with its answer and a link to its own page', () => {
    const index = page('en/faqs/index.html');
    expect(texts(index, (name) => name === 'h2')).toEqual(['Setup', 'Errors']);
    const errors = page('ja/faqs/errors/index.html');
    expect(texts(errors, (name) => name === 'summary')).toEqual(['LED の点滅は何を意味しますか？']);
    expect(elements(errors, 'details')).toHaveLength(1);
    expect(elements(errors, 'a').some((a) => a.href === '/ja/faq/led-codes/')).toBe(true);
  });

  it('answers on a FAQ list page lose their element ids, so two answers with the same heading keep ids unique', () => {
    expect(embeddableAnswer('<h2 id="steps">Steps</h2><p class="x" id="a1">Hi</p><a href="#steps">x</a>')).toBe(
      '<h2>Steps</h2><p class="x">Hi</p><a href="#steps">x</a>',
    );
    for (const [file, html] of htmlPages()) {
      const ids: string[] = [];
      new Parser({ onopentag: (_, attrs) => attrs.id !== undefined && ids.push(attrs.id) }).end(html);
      expect(ids.length, file).toBe(new Set(ids).size);
    }
  });

  it('an entry page asks "Was this helpful?" and offers "Still need help?", as links that work without JavaScript', () => {
    const html = page('en/articles/camera-wifi/index.html');
    const votes = elements(html, 'a').filter((a) => a['data-kotae-vote']);
    expect(votes.map((a) => [a['data-kotae-vote'], a.href, a['data-kotae-entry']])).toEqual([
      ['yes', '#kb-vote-thanks', 'camera-wifi'],
      ['no', '/en/contact/', 'camera-wifi'],
    ]);
    expect(elements(html, 'p').some((p) => p.id === 'kb-vote-thanks')).toBe(true);
    const contact = elements(html, 'a').filter((a) => a['data-kotae-open'] === 'inquiry');
    expect(contact.map((a) => [a.href, a['data-kotae-product'], a['data-kotae-category']])).toEqual([['/en/contact/', 'camera', 'setup']]);
    expect(pages.has('en/contact/index.html')).toBe(true);
  });

  it('with contact.visible: never, offers no contact anywhere: no contact page, no link to one, "No" stays on the page', () => {
    const quiet = renderSite({ ...input, config: { ...input.config, contact: { visible: 'never' } } });
    expect([...quiet.keys()].filter((f) => f.includes('contact'))).toEqual([]);
    for (const [file, html] of quiet) if (file.endsWith('.html')) expect(html, file).not.toMatch(/\/contact\/|data-kotae-open="inquiry"/);
    const votes = elements(quiet.get('en/articles/camera-wifi/index.html')!, 'a').filter((a) => a['data-kotae-vote']);
    expect(votes.map((a) => [a['data-kotae-vote'], a.href])).toEqual([
      ['yes', '#kb-vote-thanks'],
      ['no', '#kb-vote-thanks'],
    ]);
    // Nor does the offline shell precache a page that is not there.
    const worker = [...quiet].find(([file]) => /^sw[.\w-]*\.js$/.test(file));
    expect(worker?.[1]).toContain('/en/search/');
    expect(worker?.[1]).not.toContain('/contact/');
  });

  it('the 404 pages are not indexed and link home with root-relative URLs', () => {
    for (const file of ['404.html', 'ja/404.html', 'en/404.html']) {
      const html = page(file);
      expect(
        elements(html, 'meta').some((m) => m.name === 'robots' && m.content === 'noindex'),
        file,
      ).toBe(true);
      for (const a of elements(html, 'a')) expect(a.href?.startsWith('/') || a.href?.startsWith('#'), `${file}: ${a.href}`).toBe(true);
    }
    expect(texts(page('ja/404.html'), (name) => name === 'h1')).toEqual(['ページが見つかりません']);
    expect(texts(page('en/404.html'), (name) => name === 'h1')).toEqual(['Page not found']);
  });

  it('shows a table of contents only for entries with three or more headings', () => {
    // The fixture's entries have fewer than three headings; give one of them three to see both cases.
    const toc = [
      { id: 'a', text: 'First', depth: 2 },
      { id: 'b', text: 'Second', depth: 3 },
      { id: 'c', text: 'Third', depth: 2 },
    ];
    const withToc = renderSite({
      ...input,
      payload: (locale, id) => {
        const entry = input.payload(locale, id);
        return id === 'camera-wifi' ? { ...entry, toc } : entry;
      },
    });
    for (const entry of payloads) {
      const file = `${entry.url.slice(1)}index.html`;
      const items = (html: string | undefined) => texts(html ?? '', (_, a) => a.class?.startsWith('toc-depth-') ?? false);
      expect(items(withToc.get(file)), file).toEqual(entry.id === 'camera-wifi' ? ['First', 'Second', 'Third'] : []);
      expect(items(page(file)), file).toEqual(entry.toc.length >= 3 ? entry.toc.map((t) => t.text) : []);
    }
    expect(withToc.get('en/articles/camera-wifi/index.html')).toContain('On this page');
    expect(withToc.get('ja/articles/camera-wifi/index.html')).toContain('このページの内容');
  });

  it('every page has landmarks, a skip link to main, one h1, a description, no inline style and no inline executable script', () => {
    for (const [file, html] of htmlPages()) {
      // The only scripts: JSON-LD data, and external files (site and island modules, the widget loader, and
      // the one classic blocking script: the theme, first of all, before the stylesheet).
      const scripts = elements(html, 'script').filter((s) => s.type !== 'application/ld+json');
      expect(scripts[0]?.src, file).toMatch(/^\/assets\/theme\.[0-9a-f]{10}\.js$/);
      expect(html.indexOf(scripts[0]?.src ?? '?'), file).toBeLessThan(html.indexOf('rel="stylesheet"'));
      for (const script of scripts.slice(1)) {
        expect(script.src, `${file}: inline script`).toMatch(/^\/(assets\/(site|search)\.[0-9a-f]{10}\.js|widget\/kotae\.js)$/);
        expect(script.type === 'module' || script.src === '/widget/kotae.js', file).toBe(true);
      }
      const inline = texts(html, (name, attrs) => name === 'script' && attrs.type !== 'application/ld+json');
      expect(
        inline.every((t) => t === ''),
        file,
      ).toBe(true);
      expect(html, file).not.toMatch(/\son[a-z]+=/i);
      expect(html, file).not.toMatch(/\sstyle=/i);
      expect(html.startsWith('<!doctype html>'), file).toBe(true);
      for (const tag of ['header', 'nav', 'main', 'footer']) expect(elements(html, tag).length, `${file} <${tag}>`).toBeGreaterThan(0);
      expect(elements(html, 'h1'), file).toHaveLength(1);
      expect(elements(html, 'main')[0]?.id).toBe('kb-main');
      expect(elements(html, 'a')[0]).toMatchObject({ class: 'skip-link', href: '#kb-main' });
      if (file.split('/').length > 2)
        expect(
          elements(html, 'meta').some((m) => m.name === 'description' && m.content),
          file,
        ).toBe(true);
    }
  });

  it('every page is well-formed: each element is closed explicitly, in order', () => {
    for (const [file, html] of htmlPages()) {
      const stack: string[] = [];
      const problems: string[] = [];
      const parser = new Parser(
        {
          onopentag: (name) => !VOID.has(name) && stack.push(name),
          onclosetag(name, isImplied) {
            if (VOID.has(name)) return;
            if (isImplied) problems.push(`<${name}> not closed`);
            if (stack.pop() !== name) problems.push(`</${name}> out of order`);
          },
        },
        { recognizeSelfClosing: true },
      );
      parser.end(html);
      expect(problems, file).toEqual([]);
      expect(stack, file).toEqual([]);
    }
  });
});

describe('right-to-left locales', () => {
  it('render mirrored pages, while text shown from a left-to-right fallback keeps its own direction', () => {
    const rtl = <T extends { code: string; dir: 'ltr' | 'rtl' }>(l: T): T => (l.code === 'en' ? { ...l, dir: 'rtl' } : l);
    const site = renderSite({
      ...input,
      config: { ...input.config, locales: { ...input.config.locales, available: input.config.locales.available.map(rtl) } },
      manifest: { ...input.manifest, locales: input.manifest.locales.map(rtl) },
    });
    for (const file of ['en/index.html', 'en/products/camera/index.html', 'en/articles/camera-wifi/index.html', 'en/404.html'])
      expect(elements(site.get(file) ?? '', 'html')[0], file).toMatchObject({ lang: 'en', dir: 'rtl' });
    expect(elements(site.get('en/articles/camera-wifi/index.html') ?? '', 'article')[0]).toMatchObject({ lang: 'en', dir: 'rtl' });
    expect(elements(site.get('en/faq/camera-reset/index.html') ?? '', 'article')[0]).toMatchObject({ lang: 'ja', dir: 'ltr' });
    expect(elements(site.get('ja/index.html') ?? '', 'html')[0]).toMatchObject({ dir: 'ltr' });
  });
});

describe('related entries', () => {
  it('are listed with links, and one shown in a fallback language is marked with its language', () => {
    const site = renderSite({
      ...input,
      payload: (locale, id) => {
        const entry = input.payload(locale, id);
        if (id !== 'camera-wifi') return entry;
        const reset = input.payload(locale, 'camera-reset');
        return { ...entry, related: [...entry.related, { id: reset.id, title: reset.title, url: reset.url, type: reset.type }] };
      },
    });
    const html = site.get('en/articles/camera-wifi/index.html') ?? '';
    const section = /<section class="related"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
    expect(texts(section, (name) => name === 'h2')).toEqual(['Related articles']);
    expect(elements(section, 'a').map((a) => [a.href, a.lang])).toEqual([
      ['/en/faq/led-codes/', undefined],
      ['/en/faq/camera-reset/', 'ja'],
    ]);
  });
});

describe('renderSiteTo', () => {
  it('emits the same files as renderSite, one at a time', () => {
    const emitted: [string, string][] = [];
    renderSiteTo(input, (file, content) => emitted.push([file, content]));
    expect(new Map(emitted)).toEqual(pages);
    expect(emitted.length).toBe(pages.size);
  });

  it('names the missing catalog when a locale of the manifest has none', () => {
    expect(() => renderSite({ ...input, catalogs: new Map([...input.catalogs].filter(([code]) => code !== 'en')) })).toThrow(/no catalog for locale "en"/);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EntryFrontmatter, SiteConfig, type EntryFrontmatter as Entry } from '../../content/schema/index.ts';
import { sourceHash } from '../../content/source-hash.ts';
import { CONFIG_FILE, corpusFiles, type CorpusFile } from '../../scripts/corpus/corpus.ts';
import { splitEntry } from './read-corpus.ts';

const OPTIONS = { entries: 50, locales: ['ja', 'en'], seed: 'corpus-test' };
const files = [...corpusFiles(OPTIONS)];
const config = SiteConfig.parse(parse(files.find((f) => f.path === CONFIG_FILE)!.content));

interface Parsed {
  path: string;
  locale: string;
  data: Entry;
  body: string;
}

function parseEntries(all: readonly CorpusFile[]): Parsed[] {
  return all
    .filter((f) => f.path !== CONFIG_FILE)
    .map((f) => {
      const split = splitEntry(f);
      const result = EntryFrontmatter.safeParse(split.frontmatter);
      if (!result.success) throw new Error(`${f.path}: ${result.error.message}`);
      return { path: f.path, locale: split.locale, data: result.data, body: split.body };
    });
}
const entries = parseEntries(files);
const byLocale = (locale: string): Parsed[] => entries.filter((e) => e.locale === locale);

describe('synthetic corpus', () => {
  it('is identical for the same seed and different for another seed', () => {
    expect([...corpusFiles(OPTIONS)]).toEqual(files);
    const other = [...corpusFiles({ ...OPTIONS, seed: 'another-seed' })];
    expect(other.map((f) => f.content)).not.toEqual(files.map((f) => f.content));
  });

  it('writes a site config valid under SiteConfig, with the first locale as default', () => {
    expect(config.locales.default).toBe('ja');
    expect(config.locales.available.map((l) => [l.code, l.name])).toEqual([
      ['ja', '日本語'],
      ['en', 'English'],
    ]);
    expect(config.products.length).toBeGreaterThan(1);
    expect(config.products.every((p) => p.resources.length > 0 && p.problemTypes.length > 0)).toBe(true);
  });

  it('writes N entries per locale under <locale>/<product>/<id>.md, valid under EntryFrontmatter', () => {
    for (const locale of OPTIONS.locales) {
      const mine = byLocale(locale);
      expect(mine).toHaveLength(OPTIONS.entries);
      for (const e of mine) expect(e.path).toBe(`${locale}/${e.data.product ?? 'general'}/${e.data.id}.md`);
    }
    expect(new Set(byLocale('ja').map((e) => e.data.id))).toEqual(new Set(byLocale('en').map((e) => e.data.id)));
  });

  it('uses products, resources and categories that the config defines', () => {
    const categories = new Set(config.categories.map((c) => c.id));
    for (const { data } of entries) {
      expect(categories).toContain(data.category);
      if (data.product === undefined) {
        expect(data.resources).toEqual([]);
        continue;
      }
      const product = config.products.find((p) => p.id === data.product);
      expect(product, data.product).toBeDefined();
      for (const resource of data.resources) expect(product!.resources.map((r) => r.id)).toContain(resource);
    }
  });

  it('points related ids and [text](id:…) links only at entries that exist', () => {
    const ids = new Set(byLocale('ja').map((e) => e.data.id));
    let links = 0;
    for (const { data, body } of entries) {
      for (const id of data.related) expect(ids).toContain(id);
      for (const [, id] of body.matchAll(/\]\(id:([^)\s]+)\)/g)) {
        expect(ids).toContain(id);
        links++;
      }
    }
    expect(links).toBeGreaterThan(0);
  });

  it('gives each translation the source hash of its default-locale entry', () => {
    const sources = new Map(byLocale('ja').map((e) => [e.data.id, e]));
    for (const e of byLocale('ja')) expect(e.data.source).toBeUndefined();
    for (const t of byLocale('en')) {
      const s = sources.get(t.data.id)!;
      const hash = sourceHash({ title: s.data.title, summary: s.data.summary, aliases: s.data.aliases, body: s.body });
      expect(t.data.source).toEqual({ locale: 'ja', hash });
    }
  });

  it('writes Japanese without ASCII spaces between Japanese characters', () => {
    const japanese = '[\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u3000-\\u303f\\uff01-\\uff60]';
    const spaced = new RegExp(`${japanese}[ \\t]+${japanese}`, 'u');
    for (const { data, body, path } of byLocale('ja')) {
      const text = [data.title, data.summary ?? '', ...data.aliases, ...data.tags, body].join('\n');
      expect(text, path).toMatch(/[\p{sc=Han}]/u);
      expect(text, path).toMatch(/[\p{sc=Hiragana}]/u);
      expect(spaced.exec(text)?.[0], path).toBeUndefined();
    }
    expect(byLocale('ja').some((e) => /[\p{sc=Katakana}]{3}/u.test(e.body))).toBe(true);
    expect(byLocale('ja').every((e) => /[。、]/.test(e.body))).toBe(true);
  });

  it('mixes short FAQs and long articles with sections', () => {
    const ja = byLocale('ja');
    const faqs = ja.filter((e) => e.data.type === 'faq');
    const articles = ja.filter((e) => e.data.type === 'article');
    expect(faqs.length).toBeGreaterThan(5);
    expect(articles.length).toBeGreaterThan(5);
    const paragraphs = (body: string): number => body.trim().split(/\n\n+/).length;
    expect(faqs.some((e) => paragraphs(e.body) <= 3)).toBe(true);
    expect(Math.min(...faqs.map((e) => e.body.length))).toBeLessThan(400);
    expect(articles.some((e) => e.body.length > 2500 && /^## /m.test(e.body) && /^### /m.test(e.body))).toBe(true);
    expect(byLocale('en').some((e) => e.body.length > 5000)).toBe(true);
  });

  it('uses the Markdown constructs of real support content', () => {
    const all = entries.map((e) => e.body).join('\n');
    expect(all).toMatch(/^1\. /m); // numbered steps
    expect(all).toMatch(/^- (?!\[)/m); // bullets
    expect(all).toMatch(/^- \[[ x]\] /m); // task lists
    expect(all).toMatch(/^\| .+ \|\n\|( --- \|)+$/m); // tables
    expect(all).toMatch(/^```[a-z]+\n/m); // fenced code
    expect(all).toMatch(/[^`\n]`[^`\n]+`/); // inline code
    expect(all).toMatch(/^> \[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]$/m); // callouts
  });

  it('reuses English text, marked, for a locale without templates', () => {
    const fr = parseEntries([...corpusFiles({ entries: 5, locales: ['en', 'fr'], seed: 'marker' })]);
    const en = new Map(fr.filter((e) => e.locale === 'en').map((e) => [e.data.id, e]));
    for (const e of fr.filter((x) => x.locale === 'fr')) {
      expect(e.data.title).toBe(`[fr] ${en.get(e.data.id)!.data.title}`);
      expect(e.data.source?.locale).toBe('en');
    }
  });
});

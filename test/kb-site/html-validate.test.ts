import { HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSite } from '../../kb-site/render-site.tsx';
import { compileFixture } from './fixture-site.ts';

// Valid HTML, checked with html-validate's recommended rules on one page of every kind.
const PAGES = [
  'index.html',
  '404.html',
  'ja/index.html',
  'en/products/camera/index.html',
  'ja/products/camera/setup/index.html',
  'en/faqs/index.html',
  'ja/faqs/errors/index.html',
  'en/articles/camera-wifi/index.html',
  'en/faq/camera-reset/index.html',
  'ja/search/index.html',
  'en/contact/index.html',
  'ja/404.html',
];

let pages: Map<string, string>;
beforeAll(() => {
  pages = renderSite(compileFixture().input);
});

describe('html-validate', () => {
  it('finds no errors on a page of every kind', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: {
        // Style, not validity: `<!doctype html>` and `<meta/>` are both valid HTML (preact writes the latter).
        'doctype-style': 'off',
        'void-style': 'off',
      },
    });
    const problems: string[] = [];
    for (const file of PAGES) {
      const html = pages.get(file);
      if (html === undefined) throw new Error(`no page ${file}`);
      const report = await validator.validateString(html, file);
      for (const result of report.results)
        for (const m of result.messages) if (m.severity === 2) problems.push(`${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  });
});

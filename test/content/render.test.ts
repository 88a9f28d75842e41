import { describe, expect, it } from 'vitest';
import { slugify, splitExplicitId } from '../../scripts/pipeline/heading-ids.ts';
import { prepare, render, type LinkTarget, type RenderContext } from '../../scripts/pipeline/render.ts';

const targets = new Map<string, LinkTarget>([
  ['led-codes', { id: 'led-codes', type: 'faq', anchors: new Set(['blink']), draft: false }],
  ['camera-wifi', { id: 'camera-wifi', type: 'article', anchors: new Set(['prepare']), draft: false }],
  ['secret-plan', { id: 'secret-plan', type: 'article', anchors: new Set(), draft: true }],
]);
const ctx = (locale = 'ja'): RenderContext => ({
  locale,
  calloutLabels: { note: 'メモ', tip: 'ヒント', important: '重要', warning: '警告', caution: '注意' },
  taskLabels: { done: '完了', open: '未完了' },
  entry: (id) => targets.get(id),
  entryAtFile: (file) => (file === '/content/ja/cam/led.md' ? 'led-codes' : undefined),
  knownIds: () => [...targets.keys()],
  asset: (file) => (file === '/content/assets/led.svg' ? '/assets/led-0123456789.svg' : undefined),
  contentDir: '/content',
});
const html = (body: string, locale = 'ja') => render(prepare('/content/ja/cam/x.md', body, 10), ctx(locale));

describe('heading ids', () => {
  it('uses an explicit {#id} and hides it from the text', () => {
    expect(splitExplicitId('Wi-Fi に接続する {#connect-wifi}')).toEqual({ text: 'Wi-Fi に接続する', id: 'connect-wifi' });
    expect(html('## Wi-Fi に接続する {#connect-wifi}\n').html).toBe('<h2 id="connect-wifi">Wi-Fi に接続する</h2>\n');
  });

  it('slugs Japanese and English text, keeping letters of every script', () => {
    expect(slugify('Wi-Fi に接続する')).toBe('wi-fi-に接続する');
    expect(slugify('  What is "2FA"?  ')).toBe('what-is-2fa');
    expect(slugify('ＡＢＣ　全角')).toBe('abc-全角');
  });

  it('gives repeated headings distinct ids in document order', () => {
    const { toc } = html('## 手順\n\n## 手順\n\n### 手順\n');
    expect(toc.map((t) => t.id)).toEqual(['手順', '手順-2', '手順-3']);
  });

  it('gives a translation the ids of its source when the outlines match, so links work across languages', () => {
    const source = prepare('/content/ja/a.md', '## 準備 {#prepare}\n\n## 接続する\n\n### 確認\n', 8);
    const translation = prepare('/content/en/a.md', '## Get ready\n\n## Connect\n\n### Check\n', 8, source.headings);
    expect(translation.headings.map((h) => h.id)).toEqual(['prepare', '接続する', '確認']);
    expect(translation.problems).toEqual([]);
  });

  it('warns and falls back to its own slugs when a translation has other headings than its source', () => {
    const source = prepare('/content/ja/a.md', '## 準備\n\n## 接続する\n', 8);
    const translation = prepare('/content/en/a.md', '## Get ready\n', 8, source.headings);
    expect(translation.headings.map((h) => h.id)).toEqual(['get-ready']);
    expect(translation.problems[0]!.message).toMatch(/headings differ from the source/);
  });
});

describe('rendering', () => {
  it('turns GitHub callouts into labelled notes in the page language', () => {
    expect(html('> [!WARNING]\n> 電源を切らないでください。\n').html).toBe(
      '<div class="callout callout-warning" role="note"><p class="callout-title">警告</p>\n<p>電源を切らないでください。</p>\n</div>\n',
    );
  });

  it('renders task lists as disabled checkboxes with accessible names', () => {
    expect(html('- [x] 済み\n- [ ] 未\n').html).toContain('<input type="checkbox" checked disabled aria-label="完了">');
    expect(html('- [x] 済み\n- [ ] 未\n').html).toContain('<input type="checkbox" disabled aria-label="未完了">');
  });

  it('renders GFM tables with alignment', () => {
    expect(html('| a | b |\n|:-|-:|\n| 1 | 2 |\n').html).toContain('<th align="left">a</th>');
  });

  it('resolves id: links and relative .md links to the page in the current locale', () => {
    expect(html('[LED](id:led-codes#blink)', 'en').html).toContain('<a href="/en/faq/led-codes/#blink">LED</a>');
    expect(html('[LED](./led.md)', 'ja').html).toContain('<a href="/ja/faq/led-codes/">LED</a>');
  });

  it('reports broken, draft and anchorless links with the line they are on', () => {
    const { problems } = html('Intro\n\n[x](id:led-code)\n\n[y](id:secret-plan)\n\n[z](id:camera-wifi#nope)\n\n[w](./missing.md)\n');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [12, 'broken internal link: no entry with id "led-code"'],
      [14, 'link to draft entry "secret-plan"'],
      [16, 'broken internal link: "camera-wifi" has no heading with id "nope"'],
      [18, 'broken link: ja/cam/missing.md does not exist'],
    ]);
    expect(problems[0]!.fix).toBe('did you mean "led-codes"?');
  });

  it('rewrites image paths to the hashed asset and lazy-loads them', () => {
    expect(html('![LED](../../assets/led.svg)').html).toBe('<p><img src="/assets/led-0123456789.svg" alt="LED" loading="lazy" decoding="async"></p>\n');
  });

  it('marks external links noopener', () => {
    expect(html('[site](https://example.test/)').html).toContain('<a href="https://example.test/" rel="noopener noreferrer">site</a>');
  });

  it('splits the body into a lead section and one section per heading, as plain text', () => {
    const { sections } = html(
      '導入 **太字** `code`\n\n## 手順 {#steps}\n\n1. 開く\n2. <kbd>追加</kbd> を押す\n\n### 確認\n\n| 表示 | 意味 |\n|---|---|\n| 緑 | 正常 |\n',
    );
    expect(sections).toEqual([
      { anchor: null, headings: [], text: '導入 太字 code' },
      { anchor: 'steps', headings: ['手順'], text: '開く\n追加 を押す' },
      { anchor: '確認', headings: ['手順', '確認'], text: '表示 │ 意味\n緑 │ 正常' },
    ]);
  });
});

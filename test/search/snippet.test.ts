import { describe, expect, it } from 'vitest';
import { buildIndex, createAnalyzer, search, type SnippetPart } from '../../search/index.ts';
import { meaningfulHits } from '../../search/snippet.ts';
import { doc } from './fixtures.ts';

const hostile = '<img src=x onerror=alert(1)>';
const index = buildIndex(
  [
    doc({ id: 'html-in-text', title: 'Embedding images', text: `Use the <img> tag: ${hostile} is what an attacker would send. Images load lazily.` }),
    doc({
      id: 'long',
      title: 'Long article',
      text: `${'Filler sentence about nothing. '.repeat(30)}The export button is in the top right corner. ${'More filler. '.repeat(30)}`,
    }),
  ],
  { locale: 'en' },
);

describe('snippets', () => {
  it('are plain text parts: a hostile query is never turned into markup', async () => {
    const [result] = await search(index, `${hostile} images`);
    expect(result).toBeDefined();
    for (const part of result!.snippet) {
      expect(typeof part.text).toBe('string');
      expect(Object.keys(part).sort()).toEqual(['highlight', 'text']);
    }
    // The parts put together are the source text itself: nothing was inserted around the matches.
    const joined = result!.snippet.map((p) => p.text).join('');
    expect(joined.replace(/^… | …$/g, '')).toBe('Use the <img> tag: <img src=x onerror=alert(1)> is what an attacker would send. Images load lazily.');
    expect(result!.snippet.filter((p) => p.highlight).map((p) => p.text)).toEqual(['img', 'img', 'src', 'x', 'onerror', 'alert', '1', 'Images']);
  });

  it('show the passage that matches, not the beginning', async () => {
    const [result] = await search(index, 'export button');
    const text = result!.snippet.map((p) => p.text).join('');
    expect(text.startsWith('… ')).toBe(true);
    expect(text).toContain('The export button is in the top right corner.');
    expect(result!.snippet.filter((p) => p.highlight).map((p) => p.text)).toEqual(['export', 'button']);
  });
});

describe('Japanese highlighting', () => {
  const ja = buildIndex(
    [
      doc({
        id: 'sign-in',
        locale: 'ja',
        title: 'サインインできないとき',
        text: 'バックアップコードでもサインインできます。パスワードを忘れた場合は、設定画面から再設定してください。',
      }),
      doc({ id: 'backup-codes', locale: 'ja', title: '二段階認証', text: 'バックアップコードは一度だけ使えます。' }),
    ],
    { locale: 'ja' },
  );
  const highlighted = (snippet: readonly SnippetPart[]): string[] => snippet.filter((p) => p.highlight).map((p) => p.text);
  const analyzer = createAnalyzer('ja');
  const hitsOf = (query: string, text: string) => {
    const only = new Set(analyzer.analyze(query).map((t) => t.term));
    // Overlapping hits read as one highlighted stretch.
    const stretches: [number, number][] = [];
    for (const t of meaningfulHits(text, analyzer.analyze(text, only))) {
      const last = stretches[stretches.length - 1];
      if (last && t.start < last[1]) last[1] = Math.max(last[1], t.end);
      else stretches.push([t.start, t.end]);
    }
    return stretches.map(([start, end]) => text.slice(start, end));
  };

  it('highlights the matched stretch of the query, not a bigram inside another katakana word', async () => {
    const results = await search(ja, 'パスワードを忘れた');
    const signIn = results.find((r) => r.entry === 'sign-in')!;
    expect(highlighted(signIn.snippet)).toEqual(['パスワードを忘れ']);
    const backup = results.find((r) => r.entry === 'backup-codes');
    if (backup) expect(highlighted(backup.snippet)).toEqual([]);
  });

  it('keeps a lone kanji word or a word with its okurigana, drops lone kana pairs and particles', () => {
    expect(hitsOf('設定', '初期設定の方法')).toEqual(['設定']);
    expect(hitsOf('忘れ物', '忘れずに')).toEqual(['忘れ']);
    expect(hitsOf('入れた', 'それた')).toEqual([]);
    expect(hitsOf('雨の日', '雨の量')).toEqual(['雨']);
    // A whole query word at the end of a compound is a run of two bigrams: kept.
    expect(hitsOf('コード', 'バックアップコード')).toEqual(['コード']);
    expect(hitsOf('パスワード', 'キーボード')).toEqual([]);
  });
});

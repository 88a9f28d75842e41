import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../search/analyze.ts';
import { stem } from '../../search/stem.ts';

const terms = (locale: string, text: string): string[] =>
  createAnalyzer(locale)
    .analyze(text)
    .map((t) => t.term);

describe('English analysis', () => {
  it('splits words, drops stop words and stems lightly', () => {
    expect(terms('en', 'How do I reset my passwords?')).toEqual(['reset', 'password']);
  });

  it('gives inflected forms one stem', () => {
    expect(stem('installing')).toBe(stem('installed'));
    expect(stem('accounts')).toBe('account');
    expect(stem('invoices')).toBe(stem('invoice'));
  });

  it('joins words around apostrophes', () => {
    expect(terms('en', "GitHub's markdown")).toEqual([stem('githubs'), stem('markdown')]);
  });

  it('keeps source offsets for highlighting', () => {
    const [token] = createAnalyzer('en').analyze('  Passwords!');
    expect(token).toMatchObject({ surface: 'passwords', start: 2, end: 11 });
  });
});

describe('Japanese analysis', () => {
  it('indexes character bigrams with ideographs also alone', () => {
    expect(terms('ja', '梅雨前線')).toEqual(['梅', '梅雨', '雨', '雨前', '前', '前線', '線']);
  });

  it('indexes a one-character run as a unigram', () => {
    expect(terms('ja', '雨')).toEqual(['雨']);
  });

  it('analyzes full-width and katakana queries like the indexed text', () => {
    expect(terms('ja', 'ﾊﾟｽﾜｰﾄﾞ')).toEqual(terms('ja', 'ぱすわーど'));
  });

  it('drops bigrams inside question words', () => {
    expect(terms('ja', 'どこ')).toEqual([]);
  });

  it('marks bigrams across a word boundary (particles, hiragana beside another script), from the script as written', () => {
    const boundaries = (text: string): string[] =>
      createAnalyzer('ja')
        .analyze(text)
        .filter((t) => t.kind === 'b' && t.boundary)
        .map((t) => t.term);
    expect(boundaries('ラオスの首都は')).toEqual(['すの', 'の首', '都は']);
    // Katakana is folded to hiragana, but the boundary is read from the source as written.
    expect(boundaries('メールする')).toEqual(['るす']);
    expect(boundaries('めーるする')).toEqual([]);
    expect(boundaries('梅雨前線')).toEqual([]);
  });

  it('weighs a katakana bigram that folds onto a hiragana function word (から, ない) like a boundary', () => {
    const boundaries = (text: string): string[] =>
      createAnalyzer('ja')
        .analyze(text)
        .filter((t) => t.kind === 'b' && t.boundary)
        .map((t) => t.term);
    expect(boundaries('アンカラ')).toEqual(['から']);
    expect(boundaries('ナイフ')).toEqual(['ない']);
    expect(boundaries('カメラ')).toEqual([]);
  });

  it('treats Latin words inside Japanese text as English words', () => {
    expect(terms('ja', 'PDFの請求書')).toContain('pdf');
  });
});

describe('indexing scan', () => {
  it('finds the same terms as analyze, in the same order', () => {
    const text = "ﾊﾟｽﾜｰﾄﾞを再設定する方法 (Resetting passwords) — 何年も前の梅雨前線; GitHub's café 雨";
    for (const locale of ['ja', 'en']) {
      for (const grams of [0, 3]) {
        const analyzer = createAnalyzer(locale);
        const scanned: string[] = [];
        analyzer.scan(
          text,
          {
            pair: (c0, c1) => scanned.push(String.fromCharCode(c0, c1)),
            char: (c) => scanned.push(String.fromCharCode(c)),
            word: (term) => scanned.push(term),
            gram: (term) => scanned.push(term),
          },
          grams,
        );
        expect(scanned).toEqual(analyzer.analyze(text, undefined, grams).map((t) => t.term));
        expect(scanned.length).toBeGreaterThan(10);
      }
    }
  });
});

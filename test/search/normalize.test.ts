import { describe, expect, it } from 'vitest';
import { normalize, normalizeWithOffsets } from '../../search/normalize.ts';

describe('normalize', () => {
  it('folds full-width Latin letters, digits and spaces to ASCII lowercase', () => {
    expect(normalize('ＰＤＦ　ＡＢＣ１２３')).toBe('pdf abc123');
  });

  it('turns half-width katakana, voiced marks included, into hiragana', () => {
    expect(normalize('ｶﾀｶﾅ')).toBe('かたかな');
    expect(normalize('ｶﾞｲﾄﾞ')).toBe(normalize('ガイド'));
  });

  it('makes katakana and hiragana spellings meet', () => {
    expect(normalize('パスワード')).toBe(normalize('ぱすわーど'));
    expect(normalize('カタカナ')).toBe('かたかな');
  });

  it('drops a long-vowel mark that ends a katakana word but keeps one inside it', () => {
    expect(normalize('サーバー')).toBe(normalize('サーバ'));
    expect(normalize('コンピューター')).toBe(normalize('コンピュータ'));
    expect(normalize('サーバー')).toContain('ー');
  });

  it('folds small kana to full-size kana', () => {
    expect(normalize('ヴァイオリン')).toBe(normalize('ヴアイオリン'));
    expect(normalize('きって')).toBe('きつて');
  });

  it('folds Latin diacritics but not Japanese voicing', () => {
    expect(normalize('Café Über')).toBe('cafe uber');
    expect(normalize('がぎ')).toBe('がぎ');
  });

  it('maps every normalized character back to its source offset', () => {
    const source = 'Ａb ｶﾞx';
    const { text, offsets } = normalizeWithOffsets(source);
    expect(text).toBe('ab がx');
    expect(offsets[text.indexOf('が')]).toBe(3);
    expect(offsets[text.indexOf('x')]).toBe(5);
    expect(offsets[text.length]).toBe(source.length);
  });
});

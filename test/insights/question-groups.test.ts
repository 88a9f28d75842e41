import { describe, expect, it } from 'vitest';
import { groupQuestions } from '../../intake/insights/question-groups.ts';

const asked = (locale: string, ...queries: string[]) => queries.map((query) => ({ query, locale }));

describe('groupQuestions', () => {
  it('puts typo, case, word-order and width variants of one question together, and keeps different questions apart', () => {
    const groups = groupQuestions([
      ...asked('en', 'export invoices to csv', 'Export invoices to CSV', 'csv export invoices', 'export invoces to csv', 'ｅｘｐｏｒｔ invoices to csv'),
      ...asked('en', 'change billing currency', 'change the billing currency'),
      ...asked('en', 'camera battery life'),
    ]);
    expect(groups.map((g) => [g.example, g.count])).toEqual([
      ['csv export invoices', 5],
      ['change billing currency', 2],
      ['camera battery life', 1],
    ]);
    expect(groups[0]!.variants.map((v) => v.query)).toContain('export invoces to csv');
  });

  it('groups Japanese kana, width and word-order variants written without spaces', () => {
    const groups = groupQuestions(
      asked('ja', 'ルーターを再起動したい', 'ﾙｰﾀｰを再起動したい', 'るーたーを再起動したい', '再起動したいルーター', '請求書の宛名を変更したい'),
    );
    expect(groups.map((g) => g.count)).toEqual([4, 1]);
    expect(groups[1]!.example).toBe('請求書の宛名を変更したい');
  });

  it('counts locales and products of a group, and weights pre-counted questions', () => {
    const [group] = groupQuestions([
      { query: 'reset camera', locale: 'en', product: 'camera', count: 3 },
      { query: 'camera reset', locale: 'en', product: 'camera' },
      { query: 'reset camera', locale: 'en-GB' },
    ]);
    expect(group).toMatchObject({
      example: 'reset camera',
      count: 5,
      locales: [
        { locale: 'en', count: 4 },
        { locale: 'en-GB', count: 1 },
      ],
      products: [{ product: 'camera', count: 4 }],
    });
  });
});

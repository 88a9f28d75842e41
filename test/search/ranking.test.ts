import { describe, expect, it } from 'vitest';
import { buildIndex, search } from '../../search/index.ts';
import { EN_DOCS, JA_DOCS, doc } from './fixtures.ts';

const en = buildIndex(EN_DOCS, { locale: 'en' });
const ja = buildIndex(JA_DOCS, { locale: 'ja' });
const entries = async (query: string, options = {}): Promise<string[]> => (await search(en, query, options)).map((r) => r.entry);

describe('ranking', () => {
  it('puts the entry whose title answers the question first', async () => {
    expect((await entries('how do I reset my password?'))[0]).toBe('reset-password');
    expect((await entries('download invoice'))[0]).toBe('billing-invoices');
  });

  it('matches aliases: other ways customers ask the same thing', async () => {
    expect((await entries('I cannot log in'))[0]).toBe('reset-password');
  });

  it('returns each entry once, with the section that matches best and its anchor', async () => {
    const results = await search(en, 'reset link expired');
    expect(results.filter((r) => r.entry === 'reset-password')).toHaveLength(1);
    expect(results[0]).toMatchObject({ entry: 'reset-password', anchor: 'email-link', section: 'reset-password#email-link' });
    expect(results[0]!.headings).toEqual(['The reset email']);
  });

  it("ranks entries of the host's product higher", async () => {
    expect((await entries('invoices'))[0]).toBe('billing-invoices');
    expect((await entries('invoices', { context: { product: 'camera' } }))[0]).toBe('billing-invoices-camera');
  });

  it('marks results shown from the fallback locale', async () => {
    const [result] = await search(en, 'storage limits');
    expect(result).toMatchObject({ entry: 'storage-limits', fallbackFrom: 'ja' });
    const [own] = await search(en, 'delete account');
    expect(own!.fallbackFrom).toBeUndefined();
  });

  it('finds Japanese text written in another script or width', async () => {
    expect((await search(ja, 'ﾊﾟｽﾜｰﾄﾞ 再設定'))[0]!.entry).toBe('password-reset');
    expect((await search(ja, 'さーばの設定'))[0]!.entry).toBe('server-setup');
    expect((await search(ja, 'pdf 請求書'))[0]!.entry).toBe('invoice');
  });

  it('answers a one-character Japanese query', async () => {
    expect((await search(ja, '雨'))[0]!.entry).toBe('rainy-season');
  });

  it('limits the number of entries', async () => {
    expect(await search(en, 'password invoices camera account', { limit: 2 })).toHaveLength(2);
  });

  it('returns nothing for a query of stop words only, and rejects a non-string query', async () => {
    expect(await search(en, 'how do I')).toEqual([]);
    await expect(search(en, 42 as unknown as string)).rejects.toThrow(/string/);
  });

  it('rejects two documents with the same id', () => {
    const twice = doc({ id: 'a', title: 'A', text: 'a' });
    expect(() => buildIndex([twice, twice], { locale: 'en' })).toThrow(/duplicate document id "a"/);
  });
});

describe('phrase and proximity', () => {
  it('ranks a section with the words together above one with them apart', async () => {
    const index = buildIndex(
      [
        doc({ id: 'apart', title: 'Account help', text: 'Reset the router first. Your email password.' }),
        doc({ id: 'together', title: 'Account help', text: 'First the router. You can reset password from email.' }),
      ],
      { locale: 'en' },
    );
    expect((await search(index, 'reset password')).map((r) => r.entry)).toEqual(['together', 'apart']);
  });
});

import { describe, expect, it } from 'vitest';
import { buildIndex, search } from '../../search/index.ts';
import { EN_DOCS, JA_DOCS, doc } from './fixtures.ts';

// Without character n-grams, which match partial and misspelled words on their own (tested below).
const en = buildIndex(EN_DOCS, { locale: 'en', profile: { grams: 0 } });
const top = async (query: string, options = {}): Promise<string | undefined> => (await search(en, query, options))[0]?.entry;

describe('typo tolerance', () => {
  it('corrects one edit in a longer word', async () => {
    expect(await top('delete my acount')).toBe('delete-account');
    expect(await top('camera suports')).toBe('camera-wifi');
  });

  it('corrects two edits in a long word', async () => {
    expect(await top('subscribtion invioces camera')).toBe('billing-invoices-camera');
  });

  it('leaves short words alone', async () => {
    expect(await search(en, 'pdg', { prefix: false })).toEqual([]);
  });

  it('is off when asked', async () => {
    expect(await search(en, 'acount', { typo: false, prefix: false })).toEqual([]);
  });

  it('never lets a corrected word outrank the exact one', async () => {
    const index = buildIndex(
      [
        doc({ id: 'exact', title: 'Export data', text: 'Export your data.' }),
        doc({ id: 'near', title: 'Expert help', text: 'Expert help expert help expert.' }),
      ],
      { locale: 'en', profile: { grams: 0 } },
    );
    const results = await search(index, 'export');
    expect(results.map((r) => r.entry)).toEqual(['exact']);
  });
});

describe('prefix matching', () => {
  it('completes the last word while it is typed', async () => {
    expect(await top('passw')).toMatch(/password/);
    expect(await top('camera wi')).toBe('camera-wifi');
  });

  it('does not complete a word followed by a space or punctuation', async () => {
    expect(await search(en, 'passw ')).toEqual([]);
    expect(await search(en, 'passw?')).toEqual([]);
  });

  it('keeps the ranking of a complete query', async () => {
    for (const query of ['reset password', 'download invoices', 'delete account', 'storage']) {
      const typing = (await search(en, query)).map((r) => r.entry);
      const done = (await search(en, query, { prefix: false })).map((r) => r.entry);
      expect(typing[0]).toBe(done[0]);
    }
  });

  it('does not let completions outrank an exact word', async () => {
    const index = buildIndex(
      [
        doc({ id: 'long', title: 'Installation guide', text: 'Installation, installation and installation steps.' }),
        doc({ id: 'exact', title: 'Install the app', text: 'How to install.' }),
      ],
      { locale: 'en' },
    );
    expect((await search(index, 'install'))[0]!.entry).toBe('exact');
  });
});

describe('character n-grams', () => {
  const withGrams = buildIndex(EN_DOCS, { locale: 'en' });

  it('find a title word misspelled beyond what correction allows', async () => {
    expect(await search(withGrams, 'pasword rulse', { typo: false, prefix: false })).not.toEqual([]);
    expect((await search(withGrams, 'pasword rulse', { typo: false, prefix: false }))[0]!.entry).toBe('password-policy');
  });

  it('find a word written in two parts', async () => {
    expect((await search(withGrams, 'down load', { typo: false, prefix: false }))[0]!.entry).toBe('billing-invoices');
    expect(await search(en, 'down load', { typo: false, prefix: false })).toEqual([]);
  });

  it('rank an exact word above a word that only shares n-grams', async () => {
    const results = await search(withGrams, 'storage');
    expect(results[0]!.entry).toBe('storage-limits');
  });
});

describe('prefix matching in Japanese', () => {
  const ja = buildIndex(JA_DOCS, { locale: 'ja' });

  it('completes a lone kana to the words that start with it', async () => {
    expect((await search(ja, 'ぱ'))[0]!.entry).toBe('password-reset');
    expect(await search(ja, 'ぱ', { prefix: false })).toEqual([]);
  });

  it('leaves a longer query as it is', async () => {
    const scores = async (prefix: boolean) => (await search(ja, 'パスワードの再', { prefix })).map((r) => [r.entry, r.score]);
    expect(await scores(true)).toEqual(await scores(false));
  });
});

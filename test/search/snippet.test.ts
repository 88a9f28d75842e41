import { describe, expect, it } from 'vitest';
import { buildIndex, search } from '../../search/index.ts';
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

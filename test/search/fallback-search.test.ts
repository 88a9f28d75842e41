import { describe, expect, it } from 'vitest';
import { SearchDocumentsFile } from '../../content/schema/index.ts';
import { buildIndex, search } from '../../search/index.ts';
import { compileContent } from '../../scripts/pipeline/compile-site.ts';
import { doc } from './fixtures.ts';

// An English reader searches the English index, which holds the untranslated entries too, in their own
// language (content/schema/config.ts: `locales.available[].fallback`).
describe('searching entries that are not translated', () => {
  const data = new Map<string, string | Uint8Array>();
  compileContent({ contentDir: 'test/fixtures/good-content', today: '2026-11-01' }, (file, content) => data.set(file, content));
  const documents = (locale: string) => SearchDocumentsFile.parse(JSON.parse(String(data.get(`data/${locale}/search-documents.json`)))).documents;

  it('finds a Japanese-only entry with English words: its id is searched as an alias of the fallback only', async () => {
    const reset = documents('en').find((d) => d.entry === 'camera-reset')!;
    expect(reset).toMatchObject({ fallbackFrom: 'ja', title: 'カメラを初期化するには？', aliases: ['camera reset'] });
    // Translated entries keep their own aliases: their words are in the reader's language already.
    expect(documents('en').find((d) => d.entry === 'camera-wifi')!.aliases).not.toContain('camera wifi');
    expect(documents('ja').find((d) => d.entry === 'camera-reset')!.aliases).toEqual([]);
    const [top] = await search(buildIndex(documents('en'), { locale: 'en' }), 'how do I reset my camera');
    expect(top).toMatchObject({ entry: 'camera-reset', fallbackFrom: 'ja' });
  });

  it('ranks an untranslated entry after a translated one that matches as well', async () => {
    const text = 'Hold the reset button for ten seconds to restore the factory settings.';
    const index = buildIndex(
      [doc({ id: 'untranslated', title: 'Factory reset', text, locale: 'ja', fallbackFrom: 'ja' }), doc({ id: 'translated', title: 'Factory reset', text })],
      { locale: 'en' },
    );
    expect((await search(index, 'factory reset')).map((r) => [r.entry, r.fallbackFrom])).toEqual([
      ['translated', undefined],
      ['untranslated', 'ja'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { buildIndex, buildIndexFiles, loadIndex, search, type FetchFile } from '../../search/index.ts';
import { EN_DOCS, JA_DOCS, doc } from './fixtures.ts';

/** Serves built files from memory and records which were fetched. */
function server(files: { path: string; content: string | Uint8Array }[]): { fetchFile: FetchFile; fetched: string[] } {
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const fetched: string[] = [];
  return {
    fetched,
    fetchFile: async (path) => {
      const content = byPath.get(path);
      if (content === undefined) throw new Error(`404 ${path}`);
      fetched.push(path);
      return content;
    },
  };
}

const strip = (results: Awaited<ReturnType<typeof search>>) =>
  results.map(({ score, match, ...rest }) => ({ ...rest, score: Math.round(score * 1e9), coverage: match.coverage }));

describe('index files', () => {
  it('round-trip: a loaded index gives the same results as the in-memory one', async () => {
    for (const [docs, locale, queries] of [
      [EN_DOCS, 'en', ['reset password', 'invoices', 'delete my acount', 'passw', 'storage limits', 'camera wi']],
      [JA_DOCS, 'ja', ['パスワード', '梅雨', '雨', 'サーバ設定', '請求書 pdf']],
    ] as const) {
      const memory = buildIndex(docs, { locale });
      const loaded = await loadIndex(server(buildIndexFiles(docs, { locale })).fetchFile, locale);
      for (const query of queries) {
        expect(strip(await search(loaded, query, { context: { product: 'camera' } }))).toEqual(
          strip(await search(memory, query, { context: { product: 'camera' } })),
        );
      }
    }
  });

  it('names every file but the manifest by its content, so it can be cached forever', () => {
    const a = buildIndexFiles(EN_DOCS, { locale: 'en' });
    const b = buildIndexFiles([...EN_DOCS.slice(0, -1), doc({ id: 'storage-limits', title: 'Storage limits', text: 'Changed.', fallbackFrom: 'ja' })], {
      locale: 'en',
    });
    expect(a[0]!.path).toBe('manifest.json');
    const changed = a.filter((f) => !b.some((g) => g.path === f.path)).map((f) => f.path);
    expect(changed.some((p) => p.startsWith('s/'))).toBe(true);
    expect(changed.some((p) => p.startsWith('t/'))).toBe(true);
    expect(b[0]!.content).not.toEqual(a[0]!.content);
    // A file whose content did not change (here the entry table) keeps its name.
    const entries = a.find((f) => f.path.startsWith('entries.'))!.path;
    expect(b.some((g) => g.path === entries)).toBe(true);
  });

  it('loads only the shards and section chunks a query needs', async () => {
    const docs = Array.from({ length: 400 }, (_, i) =>
      doc({ id: `entry-${i}`, title: `Topic ${i} word${i}`, text: `Unique term${i} and common words shared by every entry.` }),
    );
    const files = buildIndexFiles(docs, { locale: 'en', shardBytes: 512 });
    const shardCount = files.filter((f) => f.path.startsWith('t/')).length;
    expect(shardCount).toBeGreaterThan(10);
    const { fetchFile, fetched } = server(files);
    const index = await loadIndex(fetchFile, 'en');
    expect(fetched.every((p) => p === 'manifest.json' || p.startsWith('entries.'))).toBe(true);
    const results = await search(index, 'term123 ');
    expect(results[0]!.entry).toBe('entry-123');
    const shards = fetched.filter((p) => p.startsWith('t/'));
    const chunks = fetched.filter((p) => p.startsWith('s/'));
    // At most one shard per query term: the word and its seven character trigrams (^te … 23$).
    expect(shards.length).toBeGreaterThan(0);
    expect(shards.length).toBeLessThanOrEqual(8);
    expect(shards.length).toBeLessThan(shardCount / 2);
    // One chunk per 16 sections: exactly the chunks of the results, none other.
    expect(chunks).toHaveLength(new Set(results.map((r) => Math.floor(Number(r.entry.split('-')[1]) / 16))).size);
    expect(fetched.some((p) => p.startsWith('words.'))).toBe(false);
    // A second query for the same word fetches nothing new.
    const before = fetched.length;
    await search(index, 'term123 ');
    expect(fetched.length).toBe(before);
  });

  it('warm: fetches the term shards of the first query while the entry table is still on its way, and no others', async () => {
    const docs = Array.from({ length: 400 }, (_, i) =>
      doc({ id: `entry-${i}`, title: `Topic ${i} word${i}`, text: `Unique term${i} and common words shared by every entry.` }),
    );
    const files = buildIndexFiles(docs, { locale: 'en', shardBytes: 512 });
    // The entry table answers only when released, so what is requested before that is the warm-up.
    const plain = server(files);
    let release!: () => void;
    const entriesHeld = new Promise<void>((resolve) => (release = resolve));
    const requested: string[] = [];
    const fetchFile: FetchFile = async (path) => {
      requested.push(path);
      if (path.startsWith('entries.')) await entriesHeld;
      return plain.fetchFile(path);
    };
    const loading = loadIndex(fetchFile, 'en', { warm: 'term123 ' });
    await expect.poll(() => requested.filter((p) => p.startsWith('t/')).length).toBeGreaterThan(0);
    const early = [...requested];
    release();
    const index = await loading;
    expect(early.some((p) => p.startsWith('entries.'))).toBe(true);

    // The same shards the query loads by itself on a cold index; the query then fetches none of them again.
    const cold = server(files);
    await search(await loadIndex(cold.fetchFile, 'en'), 'term123 ');
    const warmShards = early.filter((p) => p.startsWith('t/')).sort();
    expect(warmShards).toEqual(cold.fetched.filter((p) => p.startsWith('t/')).sort());
    const before = requested.length;
    const results = await search(index, 'term123 ');
    expect(results[0]!.entry).toBe('entry-123');
    expect(requested.slice(before).filter((p) => p.startsWith('t/'))).toEqual([]);
  });

  it('fetches the typo vocabulary only for a word the index does not know', async () => {
    const { fetchFile, fetched } = server(buildIndexFiles(EN_DOCS, { locale: 'en' }));
    const index = await loadIndex(fetchFile, 'en');
    await search(index, 'reset password');
    expect(fetched.some((p) => p.startsWith('words.'))).toBe(false);
    expect((await search(index, 'pasword reset'))[0]!.entry).toMatch(/password/);
    expect(fetched.some((p) => p.startsWith('words.'))).toBe(true);
  });

  it('accepts files fetched as bytes or text', async () => {
    const files = buildIndexFiles(JA_DOCS, { locale: 'ja' }).map((f) => ({
      path: f.path,
      content: typeof f.content === 'string' ? new TextEncoder().encode(f.content) : f.content,
    }));
    const index = await loadIndex(server(files).fetchFile, 'ja');
    expect((await search(index, '梅雨'))[0]!.entry).toBe('rainy-season');
  });

  it('explains a wrong locale, a foreign file and a missing file', async () => {
    const files = buildIndexFiles(EN_DOCS, { locale: 'en' });
    await expect(loadIndex(server(files).fetchFile, 'ja')).rejects.toThrow('asked for locale "ja" but the index is for "en"');
    await expect(loadIndex(server([{ path: 'manifest.json', content: '{"version":2}' }]).fetchFile, 'en')).rejects.toThrow(/not a Kotae search index/);
    const manifest = JSON.parse(files.find((f) => f.path === 'manifest.json')!.content as string) as Record<string, unknown>;
    const stale = files.map((f) => (f.path === 'manifest.json' ? { path: f.path, content: JSON.stringify({ ...manifest, version: 1 }) } : f));
    await expect(loadIndex(server(stale).fetchFile, 'en')).rejects.toThrow(/is version 1, this engine reads version 2 \(rebuild the site\)/);
    await expect(loadIndex(server([]).fetchFile, 'en')).rejects.toThrow(/cannot fetch manifest.json/);
  });
});

describe('common terms', () => {
  // 設定 is in every section: a query with other words skips it, without fetching its shard.
  const docs = Array.from({ length: 40 }, (_, i) =>
    doc({ id: `entry-${i}`, locale: 'ja', title: `設定${i}`, text: i === 7 ? '設定 請求書の送付先' : `設定 項目${i}` }),
  );

  it('are skipped, and their postings never fetched, when the query has other words', async () => {
    const files = buildIndexFiles(docs, { locale: 'ja', shardBytes: 64 });
    const { fetchFile, fetched } = server(files);
    const index = await loadIndex(fetchFile, 'ja');
    expect(index.common?.has('設定')).toBe(true);
    const shardOf = (term: string): string => {
      let s = 0;
      while (s + 1 < index.shards.length && index.shards[s + 1]!.first <= term) s++;
      return index.shards[s]!.path;
    };
    const results = await search(index, '設定 請求書');
    expect(results[0]!.entry).toBe('entry-7');
    expect(fetched).not.toContain(shardOf('設定'));
  });

  it('still answer a query made of nothing else', async () => {
    const index = buildIndex(docs, { locale: 'ja' });
    expect((await search(index, '設定')).length).toBeGreaterThan(0);
  });
});

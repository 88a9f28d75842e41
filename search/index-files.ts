import type { SearchDocument } from '../content/schema/search-document.ts';
import { buildIndex, IndexBuilder, type BuildOptions } from './build.ts';
import { ByteWriter, readShard, writeTerm } from './index-format.ts';
import type { Profile } from './profile.ts';
import { createAnalyzer } from './analyze.ts';
import { shardIndexOf, type EntryRecord, type SearchIndex, type SectionRecord, type ShardState } from './search-index.ts';

/** One file of a built index, with its path relative to the index folder (`dist/data/<locale>/search/`). */
export interface IndexFile {
  path: string;
  content: string | Uint8Array;
}

/** Reads one index file by its relative path: `fetch` in the browser, `fs` in Node. */
export type FetchFile = (path: string) => Promise<string | Uint8Array>;

/** Name of the one file a client reads first. */
export const MANIFEST = 'manifest.json';

const FORMAT = 'kotae-search';

/** Version of the file layout and of the profile fields it carries; an index of another version is refused. */
const FORMAT_VERSION = 2;

/**
 * Term shards are cut at about this many bytes: a rare word costs a client one small file, and a 10,000-entry
 * index still has only a few hundred shards.
 */
const DEFAULT_SHARD_BYTES = 8 * 1024;

/** `manifest.json`: what every other file is called and what the index was built with. */
interface SearchManifest {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  locale: string;
  profile: Profile;
  sectionCount: number;
  chunkSize: number;
  /** Path of the entry table. */
  entries: string;
  /** Path of the typo vocabulary (loaded only when a query word is unknown). */
  words: string;
  /** Path pattern of section chunks; `{n}` is the chunk number. */
  sections: string;
  /** Path pattern of term shards; `{n}` is the shard number. */
  shardPath: string;
  /** First term of each shard (shard n holds the terms from first[n] up to first[n + 1]). */
  shards: string[];
  /** Terms a query skips when it has others (see Profile.commonShare). */
  common: string[];
}

/** Entry table: dictionaries plus one row per entry [sections, product+1, resources, tags, fallback+1]. */
interface EntriesFile {
  products: string[];
  resources: string[];
  tags: string[];
  locales: string[];
  rows: [number, number, number[], number[], number][];
}

type SectionRow = [string, string, 0 | 1, string | null, string, string[], string, string, string | null];

/** Options of {@link buildIndexFiles}. */
export interface IndexFilesOptions extends BuildOptions {
  /** Target size of a term shard before compression (default 8 KiB). */
  shardBytes?: number;
}

/** FNV-1a over bytes, as 8 hex digits: enough to give every version of a file its own name. */
function hash(content: string | Uint8Array): string {
  return hashParts([content], '');
}

/** {@link hash} of parts fed one by one with `separator` between them, as if they had been joined. */
class PartsHash {
  private h = 0x811c9dc5;
  private parts = 0;
  private readonly encoder = new TextEncoder();
  private readonly between: Uint8Array;

  constructor(separator: string) {
    this.between = this.encoder.encode(separator);
  }

  add(part: string | Uint8Array): void {
    if (this.parts++ > 0) this.feed(this.between);
    this.feed(typeof part === 'string' ? this.encoder.encode(part) : part);
  }

  private feed(bytes: Uint8Array): void {
    let h = this.h;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    this.h = h;
  }

  digest(): string {
    return (this.h >>> 0).toString(16).padStart(8, '0');
  }
}

/**
 * {@link hash} of the parts joined by `separator`, without building the joined text (the section chunks of a
 * 10,000-entry index are tens of megabytes).
 */
function hashParts(parts: readonly (string | Uint8Array)[], separator: string): string {
  const h = new PartsHash(separator);
  for (const part of parts) h.add(part);
  return h.digest();
}

/** The text of a section chunk file. */
function chunkText(records: readonly SectionRecord[]): string {
  const rows = records.map((r): SectionRow => [r.id, r.entry, r.type === 'faq' ? 0 : 1, r.anchor, r.title, r.headings, r.url, r.text, r.fallbackFrom ?? null]);
  return JSON.stringify(rows);
}

/**
 * Builds the index of one locale's section documents as files for `dist/data/<locale>/search/`: a small
 * `manifest.json`, an entry table, term shards (sorted term ranges, so a query fetches only the shards of
 * its words), section-text chunks (fetched for the results shown) and the typo vocabulary. File names
 * other than the manifest carry a content hash, so they can be cached forever.
 *
 * @example
 * for (const file of buildIndexFiles(documents, { locale: 'ja' })) {
 *   writeFileSync(join('dist/data/ja/search', file.path), file.content);
 * }
 */
export function buildIndexFiles(documents: readonly SearchDocument[], options: IndexFilesOptions): IndexFile[] {
  return indexToFiles(buildIndex(documents, options), options.shardBytes ?? DEFAULT_SHARD_BYTES);
}

/** Serializes an in-memory index (see {@link buildIndexFiles}). */
export function indexToFiles(index: SearchIndex, shardBytes = DEFAULT_SHARD_BYTES): IndexFile[] {
  return filesOf(index, shardBytes);
}

/** The index files; the section chunks too unless `chunks` says they were written already, under that hash. */
function filesOf(index: SearchIndex, shardBytes: number, chunks?: { hash: string }): IndexFile[] {
  const files: IndexFile[] = [];
  const add = (name: string, ext: string, content: string | Uint8Array): string => {
    const path = `${name}.${hash(content)}.${ext}`;
    files.push({ path, content });
    return path;
  };

  // Entry table.
  const dictionary = (): { list: string[]; id: (v: string) => number } => {
    const list: string[] = [];
    const ids = new Map<string, number>();
    return {
      list,
      id: (v) => {
        let id = ids.get(v);
        if (id === undefined) ids.set(v, (id = list.push(v) - 1));
        return id;
      },
    };
  };
  const products = dictionary();
  const resources = dictionary();
  const tags = dictionary();
  const locales = dictionary();
  const counts = new Array<number>(index.entries.length).fill(0);
  for (const e of index.sectionEntry) counts[e]!++;
  const rows = index.entries.map((entry, e): EntriesFile['rows'][number] => [
    counts[e]!,
    entry.product === undefined ? 0 : products.id(entry.product) + 1,
    entry.resources.map(resources.id),
    entry.tags.map(tags.id),
    entry.fallbackFrom === undefined ? 0 : locales.id(entry.fallbackFrom) + 1,
  ]);
  const entriesFile: EntriesFile = { products: products.list, resources: resources.list, tags: tags.list, locales: locales.list, rows };
  const entriesPath = add('entries', 'json', JSON.stringify(entriesFile));

  // Term shards: cut the sorted term list whenever a shard reaches the target size.
  const terms = [...index.postings.keys()].sort();
  const firsts: string[] = [];
  const shardContents: Uint8Array[] = [];
  let writer = new ByteWriter();
  let shardTerms = 0;
  let previous = '';
  const flush = (first: string): void => {
    const out = new ByteWriter();
    out.varint(shardTerms);
    out.raw(writer.finish());
    shardContents.push(out.finish());
    firsts.push(shardContents.length === 1 ? '' : first);
    writer = new ByteWriter();
    shardTerms = 0;
    previous = '';
  };
  let first = '';
  for (const term of terms) {
    if (shardTerms === 0) first = term;
    writeTerm(writer, term, previous, index.postings.get(term)!);
    shardTerms++;
    previous = term;
    if (writer.length >= shardBytes) flush(first);
  }
  if (shardTerms || !shardContents.length) flush(first);
  // One hash over all shards, so that the manifest needs only a pattern, not a path per shard.
  const shardHash = hash(shardContents.map((c) => hash(c)).join(''));
  shardContents.forEach((content, n) => files.push({ path: `t/${n}.${shardHash}.bin`, content }));

  // Section chunks, all named with one hash of their contents so that the manifest needs only a pattern.
  if (!chunks) {
    const texts: string[] = [];
    for (let start = 0; start < index.sectionCount; start += index.chunkSize)
      texts.push(chunkText(index.sections.slice(start, start + index.chunkSize) as SectionRecord[]));
    const chunkHash = hashParts(texts, '\n');
    texts.forEach((content, n) => files.push({ path: `s/${n}.${chunkHash}.json`, content }));
    chunks = { hash: chunkHash };
  }
  const chunkHash = chunks.hash;

  const wordsPath = add('words', 'txt', (index.words ?? []).join('\n'));
  const manifest: SearchManifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    locale: index.locale,
    profile: index.profile,
    sectionCount: index.sectionCount,
    chunkSize: index.chunkSize,
    entries: entriesPath,
    words: wordsPath,
    sections: `s/{n}.${chunkHash}.json`,
    shardPath: `t/{n}.${shardHash}.bin`,
    shards: firsts,
    common: [...(index.common ?? [])].sort(),
  };
  files.unshift({ path: MANIFEST, content: JSON.stringify(manifest) });
  return files;
}

/**
 * Writes the same files as {@link buildIndexFiles}, taking the documents one entry at a time, so that a
 * caller need not hold every document of a large site nor its section texts. Each section chunk is handed
 * to `spill` as soon as it is complete, numbered from 0; chunk files are named by a hash of them all, so
 * the name of chunk n is only known at the end: {@link IndexFilesWriter.finish} returns it with the other
 * files, which are small beside the chunks.
 *
 * @example
 * const writer = new IndexFilesWriter({ locale: 'ja' }, (n, text) => writeFileSync(`tmp/${n}.json`, text));
 * for (const docs of sectionsByEntry) writer.addEntry(docs);
 * const { files, chunkCount, chunkPath } = writer.finish();
 * for (let n = 0; n < chunkCount; n++) renameSync(`tmp/${n}.json`, join('dist/data/ja/search', chunkPath(n)));
 */
export class IndexFilesWriter {
  private readonly builder: IndexBuilder;
  private readonly chunkSize: number;
  private readonly chunkHash = new PartsHash('\n');
  private pending: SectionRecord[] = [];
  private chunks = 0;

  constructor(
    private readonly options: IndexFilesOptions,
    private readonly spill: (n: number, content: string) => void,
  ) {
    this.builder = new IndexBuilder(options, false);
    this.chunkSize = options.chunkSize ?? 16;
  }

  /** Adds the sections of one entry (all of them, lead section first, each entry once). */
  addEntry(docs: readonly SearchDocument[]): void {
    for (const record of this.builder.addEntry(docs)) {
      this.pending.push(record);
      if (this.pending.length === this.chunkSize) this.flush();
    }
  }

  /**
   * The index files other than the section chunks, and the path of chunk n (relative to the index
   * folder, like the files'). The writer is not to be used afterwards.
   */
  finish(): { files: IndexFile[]; chunkCount: number; chunkPath: (n: number) => string } {
    if (this.pending.length) this.flush();
    const hash = this.chunkHash.digest();
    const files = filesOf(this.builder.finish(), this.options.shardBytes ?? DEFAULT_SHARD_BYTES, { hash });
    return { files, chunkCount: this.chunks, chunkPath: (n) => `s/${n}.${hash}.json` };
  }

  private flush(): void {
    const text = chunkText(this.pending);
    this.pending = [];
    this.chunkHash.add(text);
    this.spill(this.chunks++, text);
  }
}

const decoder = new TextDecoder();

function asText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : decoder.decode(content);
}

function asBytes(content: string | Uint8Array, path: string): Uint8Array {
  if (typeof content === 'string') throw new Error(`search index: ${path} must be fetched as bytes, not text`);
  return content;
}

async function fetchJson<T>(fetchFile: FetchFile, path: string): Promise<T> {
  let text: string;
  try {
    text = asText(await fetchFile(path));
  } catch (error) {
    throw new Error(`search index: cannot fetch ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`search index: ${path} is not valid JSON`);
  }
}

/** Options of {@link loadIndex}. */
export interface LoadIndexOptions {
  /**
   * A query about to be run (e.g. the one in the page's URL): the term shards its words need are fetched
   * together with the entry table instead of after it, which saves a round trip before the first results.
   */
  warm?: string;
}

/**
 * Opens an index written by {@link buildIndexFiles}. Reads the manifest and the entry table now; term
 * shards and section texts are fetched when a query needs them, each once.
 *
 * @example
 * // Browser
 * const index = await loadIndex(async (path) => {
 *   const response = await fetch(`/data/ja/search/${path}`);
 *   return path.endsWith('.bin') ? new Uint8Array(await response.arrayBuffer()) : response.text();
 * }, 'ja');
 * // Node
 * const index = await loadIndex((path) => readFile(join(dir, path)), 'ja');
 */
export async function loadIndex(fetchFile: FetchFile, locale: string, options: LoadIndexOptions = {}): Promise<SearchIndex> {
  const manifest = await fetchJson<SearchManifest>(fetchFile, MANIFEST);
  if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION) {
    const found = manifest.format === FORMAT ? `version ${String(manifest.version)}` : 'not a Kotae search index';
    throw new Error(`search index: ${MANIFEST} is ${found}, this engine reads version ${FORMAT_VERSION} (rebuild the site)`);
  }
  if (manifest.locale !== locale) {
    throw new Error(`search index: asked for locale "${locale}" but the index is for "${manifest.locale}"`);
  }
  const pending = new Map<string, Promise<void>>();
  const once = (key: string, load: () => Promise<void>): Promise<void> => {
    let promise = pending.get(key);
    if (!promise) {
      promise = load().catch((error: unknown) => {
        pending.delete(key);
        throw error;
      });
      pending.set(key, promise);
    }
    return promise;
  };
  const postings: SearchIndex['postings'] = new Map();
  const shards = manifest.shards.map((first, n): ShardState => ({ first, path: manifest.shardPath.replace('{n}', String(n)) }));
  const loadShard = (shard: ShardState) =>
    once(shard.path, async () => {
      shard.terms = readShard(asBytes(await fetchFile(shard.path), shard.path), postings);
    });
  if (options.warm) {
    // The shards planQuery will load: common terms are skipped unless the query has nothing else. A failed
    // warm-up is forgotten by `once`; the query itself fetches again and reports the error.
    const terms = new Set(
      createAnalyzer(locale)
        .analyze(options.warm, undefined, manifest.profile.grams)
        .map((t) => t.term),
    );
    const common = new Set(manifest.common);
    const rare = [...terms].filter((t) => !common.has(t));
    for (const term of rare.length ? rare : terms) loadShard(shards[shardIndexOf(shards, term)]!).catch(() => {});
  }

  const table = await fetchJson<EntriesFile>(fetchFile, manifest.entries);
  const entries: EntryRecord[] = [];
  const sectionEntry = new Uint32Array(manifest.sectionCount);
  let s = 0;
  table.rows.forEach(([count, product, resources, tags, fallback], e) => {
    const entry: EntryRecord = { resources: resources.map((r) => table.resources[r]!), tags: tags.map((t) => table.tags[t]!) };
    if (product) entry.product = table.products[product - 1]!;
    if (fallback) entry.fallbackFrom = table.locales[fallback - 1]!;
    entries.push(entry);
    for (let k = 0; k < count; k++) sectionEntry[s++] = e;
  });
  if (s !== manifest.sectionCount) throw new Error(`search index: ${manifest.entries} does not match ${MANIFEST}`);

  const index: SearchIndex = {
    version: 1,
    locale: manifest.locale,
    profile: manifest.profile,
    sectionCount: manifest.sectionCount,
    sectionEntry,
    entries,
    shards,
    postings,
    common: new Set(manifest.common),
    sections: new Array<SectionRecord | undefined>(manifest.sectionCount),
    chunkSize: manifest.chunkSize,
    loader: {
      shard: loadShard,
      words: () =>
        once(manifest.words, async () => {
          const text = asText(await fetchFile(manifest.words));
          index.words = text ? text.split('\n') : [];
        }),
      sections: (chunk) =>
        once(`s${chunk}`, async () => {
          const path = manifest.sections.replace('{n}', String(chunk));
          const rows = await fetchJson<SectionRow[]>(fetchFile, path);
          rows.forEach(([id, entry, type, anchor, title, headings, url, text, fallbackFrom], k) => {
            const record: SectionRecord = { id, entry, type: type === 0 ? 'faq' : 'article', anchor, title, headings, url, text };
            if (fallbackFrom !== null) record.fallbackFrom = fallbackFrom;
            index.sections[chunk * manifest.chunkSize + k] = record;
          });
        }),
    },
  };
  return index;
}

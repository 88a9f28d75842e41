import type { Profile } from './profile.ts';
import type { EntryType } from '../content/schema/entry.ts';

/**
 * Postings of one term: the sections containing it, in increasing order, with their precomputed impact. The
 * postings of a character n-gram (term starting with `#`) list entries instead of sections.
 */
export interface Postings {
  docs: Uint32Array;
  /**
   * BM25F saturation of the term in each section, tf'/(k1 + tf'), quantized to 1–255. Computed at build
   * time with the field weights and length normalization of the profile, so a query needs no field lengths.
   */
  impacts: Uint8Array;
}

/** What the ranking knows of an entry: what the context boost and the fallback penalty look at. */
export interface EntryRecord {
  product?: string;
  resources: string[];
  tags: string[];
  /** Set when the entry is shown from the fallback locale named here. */
  fallbackFrom?: string;
}

/** What a result shows of its best section. Loaded only for the sections a query returns. */
export interface SectionRecord {
  id: string;
  entry: string;
  type: EntryType;
  anchor: string | null;
  title: string;
  headings: string[];
  url: string;
  /** Text the snippet is cut from: the section's summary (lead section) and text. */
  text: string;
  fallbackFrom?: string;
}

/** A term shard: the terms from `first` up to the next shard's `first`, sorted. */
export interface ShardState {
  first: string;
  path: string;
  /** Sorted terms of the shard once it is loaded. */
  terms?: string[];
}

/** The shard that holds `term` (or would): the last one whose first term is not after it. */
export function shardIndexOf(shards: readonly Pick<ShardState, 'first'>[], term: string): number {
  let lo = 0;
  let hi = shards.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (shards[mid]!.first <= term) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A searchable index, fully in memory (built in this process) or loaded from index files lazily: term
 * shards and section texts arrive as queries need them. Both kinds are searched by the same code.
 */
export interface SearchIndex {
  version: 1;
  locale: string;
  profile: Profile;
  sectionCount: number;
  /** Entry ordinal of each section; sections of an entry are consecutive. */
  sectionEntry: Uint32Array;
  entries: EntryRecord[];
  shards: ShardState[];
  postings: Map<string, Postings>;
  /** Terms found in more than the profile's `commonShare` of the sections: skipped by queries with other terms. */
  common?: Set<string>;
  /** Latin-script terms for typo correction; undefined until needed by a lazily loaded index. */
  words?: string[];
  sections: (SectionRecord | undefined)[];
  /** Sections per section-text chunk file. */
  chunkSize: number;
  /** Loads what is still missing; absent for an index built in memory. */
  loader?: IndexLoader;
}

/** Fetches the parts of a lazily loaded index. */
export interface IndexLoader {
  shard(shard: ShardState): Promise<void>;
  words(): Promise<void>;
  sections(chunk: number): Promise<void>;
}

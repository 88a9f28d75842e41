import type { SearchDocument } from '../content/schema/search-document.ts';
import type { BuildOptions } from './build.ts';
import type { SearchIndex } from './search-index.ts';
export interface IndexFile { path: string; content: string | Uint8Array }
export type FetchFile = (path: string) => Promise<string | Uint8Array>;
export function buildIndexFiles(_d: readonly SearchDocument[], _o: BuildOptions): IndexFile[] { return []; }
export async function loadIndex(_f: FetchFile, _l: string): Promise<SearchIndex> { throw new Error('todo'); }

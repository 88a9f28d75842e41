/**
 * Kotae's search engine: one engine for the widget, the KB site and the evaluation tools, in Node and in
 * the browser (no DOM). See search/README.md for the design.
 */
export { buildIndex, type BuildOptions } from './build.ts';
export { buildIndexFiles, loadIndex, type IndexFile, type FetchFile } from './index-files.ts';
export { search, type SearchOptions, type SearchResult, type SearchContext } from './rank.ts';
export { answers, gateFeatures, type Answer, type MatchSignals } from './gate.ts';
export type { SnippetPart } from './snippet.ts';
export type { SearchIndex } from './search-index.ts';
export { normalize } from './normalize.ts';
export { createAnalyzer, type Analyzer, type Token } from './analyze.ts';

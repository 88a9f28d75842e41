import type { answers, loadIndex, search } from '../search/index.ts';

/** The engine chunk's exports. */
export interface Engine {
  loadIndex: typeof loadIndex;
  search: typeof search;
  answers: typeof answers;
}

/** File name of the engine chunk, relative to the app chunk; set by scripts/pipeline/widget-bundle.ts. */
declare const __KOTAE_ENGINE__: string;

let engine: Promise<Engine> | undefined;

/** Imports the search engine chunk once (on the first keystroke, or when an API search needs it). */
export function loadEngine(): Promise<Engine> {
  return (engine ??= (import(/* @vite-ignore */ new URL(__KOTAE_ENGINE__, import.meta.url).href) as Promise<Engine>).catch((error: unknown) => {
    engine = undefined;
    throw error;
  }));
}

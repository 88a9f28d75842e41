/**
 * A worker thread of `compileSiteInThreads`: loads the files of the locales it is given, keeps their text, and
 * later builds those locales into the staging folder. Only headers, problems and small results go back to
 * the main thread; the text and the rendered output never cross.
 */
import { parentPort } from 'node:worker_threads';
import { compileLocale, type OutlineCache, type SitePlan } from './compile-locale.ts';
import { loadLocale, headerOf, readBody, type EntryHeader } from './load.ts';
import { Problems } from '../../content/problems.ts';
import { fileSink } from './write-output.ts';

export type WorkerRequest =
  | { type: 'load'; contentDir: string; locales: string[] }
  | { type: 'build'; plan: SitePlan; locales: string[]; stagingDir: string | undefined };

const port = parentPort;
if (!port) throw new Error('locale-worker.ts runs as a worker thread of compileSiteInThreads');

const bodies = new Map<string, string>();
const outlines: OutlineCache = new Map();

port.on('message', (request: WorkerRequest) => {
  try {
    if (request.type === 'load') {
      const problems = new Problems();
      const headers: EntryHeader[][] = request.locales.map((locale) =>
        loadLocale(request.contentDir, locale, problems).map((entry) => {
          bodies.set(entry.file, entry.body);
          return headerOf(entry);
        }),
      );
      port.postMessage({ type: 'loaded', headers, problems: problems.list });
    } else {
      const emit = request.stagingDir === undefined ? undefined : fileSink(request.stagingDir);
      // A text loaded here is handed over once (an entry is lexed once per locale, and its outline is
      // cached) and then let go, so the heap does not hold the whole locale's text while the index is built.
      // Anything needed again, and entries of other locales (sources of translations, fallbacks), is read
      // from the file.
      const bodyOf = (entry: EntryHeader) => {
        const body = bodies.get(entry.file);
        if (body === undefined) return readBody(entry);
        bodies.delete(entry.file);
        return body;
      };
      const results = request.locales.map((code) => compileLocale(request.plan, code, bodyOf, emit, outlines));
      bodies.clear();
      port.postMessage({ type: 'built', results });
    }
  } catch (error) {
    port.postMessage({ type: 'failed', message: (error as Error).stack ?? String(error) });
  }
});

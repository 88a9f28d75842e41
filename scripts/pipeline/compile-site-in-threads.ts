import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { tsWorker } from './ts-worker-thread.ts';
import { compileContent, finishSite, planSite, type CompileOptions, type CompileResult } from './compile-site.ts';
import type { LocaleCompileResult, SitePlan } from './compile-locale.ts';
import type { WorkerRequest } from './locale-worker.ts';
import { checkLocaleFolders, configuredLocales, type EntryHeader } from './load.ts';
import type { Problem } from '../../content/problems.ts';
import { loadSiteConfig } from '../../content/site-config.ts';
import { fileSink } from './write-output.ts';
import { fetchStatusSummary, isStatusUrl } from './status-page.ts';

/**
 * `compileContent` spread over worker threads, one group of locales per core, writing into `stagingDir`.
 * Each worker loads and later builds its own locales, so a large site's text and search index are split
 * between threads instead of piling up in one heap; the main thread only sees headers (frontmatter and
 * positions), validates the whole site and writes the manifest. The files are the same as
 * `compileContent`'s, byte for byte. With one core or one locale it simply runs `compileContent`.
 */
export async function compileSiteInThreads(options: CompileOptions, stagingDir: string, threads = availableParallelism()): Promise<CompileResult> {
  const contentDir = path.resolve(options.contentDir);
  const { config, problems } = loadSiteConfig(contentDir);
  if (!config) return { config, problems, stats: { entries: 0, locales: 0 } };
  const summary = config.statusPage?.summary;
  // The one read that may wait on the network, done here, where waiting is allowed; the site is finished synchronously.
  if (summary && isStatusUrl(summary) && !options.statusSummary) options = { ...options, statusSummary: await fetchStatusSummary(summary) };
  const locales = configuredLocales(config);
  const count = Math.min(threads, locales.length);
  if (count < 2) return compileContent(options, fileSink(stagingDir));

  checkLocaleFolders(contentDir, config, problems);
  // Locales are dealt round-robin in the order of the site config, whose first locales are usually the largest.
  const order = config.locales.available.map((l) => l.code);
  const groups: string[][] = Array.from({ length: count }, () => []);
  order.forEach((code, i) => groups[i % count]!.push(code));
  const heapMb = heapLimitMb(contentDir, locales);
  const workers = groups.map((group) => new LocaleWorker(group, heapMb));
  try {
    const loaded = await Promise.all(
      workers.map((w) => w.request<{ headers: EntryHeader[][]; problems: Problem[] }>({ type: 'load', contentDir, locales: w.locales })),
    );
    const byLocale = new Map<string, EntryHeader[]>();
    loaded.forEach((reply, i) => {
      problems.add(reply.problems);
      workers[i]!.locales.forEach((code, j) => byLocale.set(code, reply.headers[j]!));
    });
    // The same order as loading in one thread, so "first" in duplicate-id messages means the same file.
    const entries = locales.flatMap((code) => byLocale.get(code) ?? []);
    const plan = planSite(options, config, entries, problems);
    const forWorkers = withoutPositions(plan);
    const built = await Promise.all(
      workers.map((w) => w.request<{ results: LocaleCompileResult[] }>({ type: 'build', plan: forWorkers, locales: w.locales, stagingDir })),
    );
    const results = new Map(built.flatMap((reply) => reply.results.map((r) => [r.code, r] as const)));
    return finishSite(
      plan,
      entries,
      order.map((code) => results.get(code)!),
      problems,
      fileSink(stagingDir),
    );
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/**
 * The plan without the frontmatter positions: validation, the only user of them, is done, and every worker
 * would otherwise get its own copy of them for every entry of the site.
 */
function withoutPositions(plan: SitePlan): SitePlan {
  const slim = (entry: EntryHeader): EntryHeader => ({ ...entry, fields: {} });
  const families = new Map(
    [...plan.model.families].map(([id, family]) => [
      id,
      { ...family, source: slim(family.source), translations: new Map([...family.translations].map(([code, entry]) => [code, slim(entry)])) },
    ]),
  );
  return { ...plan, model: { ...plan.model, families } };
}

/**
 * The old-generation limit of each worker thread, in MB. V8 lets a heap grow past what it holds by a factor
 * that depends on this limit: up to 4 with the default limit (several GB), 1.3 to 2 below 2 GB. The worker
 * heaps are the build's memory peak, so a limit in proportion to the content keeps them close to what they
 * hold (10,000 entries × 2 locales: peak RSS ~1,000 → ~850 MB). A worker holds 2.5 to 3 times the size
 * of the whole site's Markdown (headers of every locale, its own locales' outputs as they are made); the
 * limit leaves more than three times that.
 */
function heapLimitMb(contentDir: string, locales: readonly string[]): number {
  let bytes = 0;
  for (const locale of locales) {
    let names: string[];
    try {
      names = readdirSync(path.join(contentDir, locale), { recursive: true, encoding: 'utf8' });
    } catch {
      continue;
    }
    for (const name of names) if (name.endsWith('.md')) bytes += statSync(path.join(contentDir, locale, name)).size;
  }
  return Math.max(512, Math.ceil((10 * bytes) / 2 ** 20));
}

/** One worker thread and its locales; requests are answered in order. */
class LocaleWorker {
  private readonly worker: Worker;
  constructor(
    readonly locales: string[],
    private readonly heapMb: number,
  ) {
    this.worker = tsWorker(new URL('./locale-worker.ts', import.meta.url), undefined, { maxOldGenerationSizeMb: heapMb });
  }

  request<T>(message: WorkerRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onMessage = (reply: { type: string; message?: string }) => {
        this.worker.off('error', onError);
        if (reply.type === 'failed') reject(new Error(`building ${this.locales.join(', ')} failed in a worker thread:\n${reply.message}`));
        else resolve(reply as T);
      };
      const onError = (error: Error & { code?: string }) => {
        this.worker.off('message', onMessage);
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
          reject(
            new Error(
              `building ${this.locales.join(', ')} needed more than the ${this.heapMb} MB its worker thread may use (heapLimitMb in ${path.basename(import.meta.url)}): ${error.message}`,
            ),
          );
        else reject(error);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * The widget bundled in a worker thread of the build, straight into the build's staging folder.
 *
 * Why a thread, and why late: Vite (with its bundler) costs the thread that loads it about 250 MB, which
 * the build cannot afford while the content is compiled, its memory peak. Run beside the KB site rendering
 * (about 500 MB, bound by the file system) it costs no wall time.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { tsWorker } from './ts-worker-thread.ts';

/** Bundles the widget into `stagingDir` (`widget/…`, `demo/…`) in a worker thread; resolves to the paths written. */
export function buildWidgetInWorker(stagingDir: string): Promise<string[]> {
  const worker = tsWorker(new URL(import.meta.url), { stagingDir });
  return new Promise<string[]>((resolve, reject) => {
    worker.once('message', (reply: { written?: string[]; failure?: string }) => {
      if (reply.written) resolve(reply.written);
      else reject(new Error(reply.failure));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the widget's worker thread stopped (exit code ${code}) before it was done`)));
  }).finally(() => worker.terminate());
}

if (!isMainThread && parentPort && (workerData as { data?: { stagingDir?: string } })?.data?.stagingDir) {
  const port = parentPort;
  const { stagingDir } = (workerData as { data: { stagingDir: string } }).data;
  try {
    const { buildWidget } = await import('./widget-bundle.ts');
    const { fileSink } = await import('./write-output.ts');
    port.postMessage({ written: await buildWidget(fileSink(stagingDir)) });
  } catch (error) {
    port.postMessage({ failure: (error as Error).stack ?? String(error) });
  }
}

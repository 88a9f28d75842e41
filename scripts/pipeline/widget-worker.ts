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
  // The thread is left to end by itself once its answer is sent, never terminated: Vite still has file
  // lookups in flight then (its PostCSS config search), and Node 20 aborts the whole process when a thread
  // is stopped in the middle of one (`node::fs::Access … Assertion failed: (req_wrap_async) != nullptr`,
  // seen in CI).
  let reply: { written?: string[]; failure?: string } | undefined;
  return new Promise<string[]>((resolve, reject) => {
    worker.once('message', (message: typeof reply) => void (reply = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (reply?.written) resolve(reply.written);
      else if (reply?.failure) reject(new Error(reply.failure));
      else reject(new Error(`the widget's worker thread stopped (exit code ${code}) before it was done`));
    });
  });
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

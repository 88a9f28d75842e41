import { Worker } from 'node:worker_threads';

/** Starts a worker thread running a TypeScript module of the build (see ts-worker.mjs). */
export function tsWorker(module: URL): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { module: module.href } });
}

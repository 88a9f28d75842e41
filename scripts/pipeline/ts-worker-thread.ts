import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread running a TypeScript module of the build (see ts-worker.mjs); `data` reaches the
 * module as `workerData.data`.
 */
export function tsWorker(module: URL, data?: unknown, resourceLimits?: ResourceLimits): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { module: module.href, data }, ...(resourceLimits && { resourceLimits }) });
}

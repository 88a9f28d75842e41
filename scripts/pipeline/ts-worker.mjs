// Entry of the build's worker threads. Worker threads do not inherit tsx's loader from `tsx script.ts`,
// so this registers it, then imports the TypeScript module named in `workerData.module`.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);

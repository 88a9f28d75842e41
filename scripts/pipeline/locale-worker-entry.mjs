// Worker threads do not inherit tsx's loader from `tsx script.ts`, so the worker registers it itself
// before importing the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./locale-worker.ts');

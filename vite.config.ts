/**
 * Vite builds the widget into `dist/widget/` in three passes (see scripts/pipeline/widget-bundle.ts): the search engine and
 * the app, ES modules with content-hashed names (the app knows the engine's); then the loader `kotae.js`, a
 * classic script (IIFE) that knows the app's hashed file name. No pass shares code with another. The default export is the app pass, for `npx vite build`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InlineConfig } from 'vite';

const ROOT = path.dirname(fileURLToPath(import.meta.url));

const common = (outDir: string): InlineConfig => ({
  configFile: false,
  root: ROOT,
  publicDir: false,
  logLevel: 'warn',
  // Production builds of dependencies (lit) whatever NODE_ENV says: Vite picks the `development` export
  // condition unless NODE_ENV is `production`, so under vitest (NODE_ENV=test) the tests built and measured
  // lit's development build, 3.9 KB gzipped more than what `npm run build` ships.
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    modulePreload: false,
    copyPublicDir: false,
    reportCompressedSize: false,
  },
});

/**
 * The app pass: `widget/app.ts` → `app-<hash>.js` (plus chunks, if any), given the content-hashed string
 * bundle of each locale (`{ja: 'i18n/ja.1a2b3c4d.json'}`, fetched on demand by the app).
 */
export function appConfig(bundles: Record<string, string> = {}, engineFile = 'engine.js', outDir = 'dist/widget'): InlineConfig {
  const base = common(outDir);
  return {
    ...base,
    define: { __KOTAE_BUNDLES__: JSON.stringify(bundles), __KOTAE_ENGINE__: JSON.stringify(`./${engineFile}`) },
    build: {
      ...base.build,
      rolldownOptions: {
        input: { app: path.join(ROOT, 'widget/app.ts') },
        // The chunking rule: every module the app entry loads statically (lit, the views, the outbox flag…)
        // stays in the app chunk, also when a lazy chunk (the inquiry form, the page outbox) imports it too.
        // Without it the bundler moves such shared modules into chunks of their own, one request more on every
        // first open; with it the lazy chunks import them from the app entry, which therefore may export more
        // than its own signature (else the group would become a chunk behind an entry facade file).
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: '[name]-[hash].js',
          chunkFileNames: '[name]-[hash].js',
          assetFileNames: '[name]-[hash][extname]',
          codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
        },
      },
    },
  };
}

/** The engine pass: `widget/engine.ts` (the search engine) → `engine-<hash>.js`, imported on first keystroke. */
export function engineConfig(outDir = 'dist/widget'): InlineConfig {
  const base = common(outDir);
  return {
    ...base,
    build: {
      ...base.build,
      rolldownOptions: {
        input: { engine: path.join(ROOT, 'widget/engine.ts') },
        preserveEntrySignatures: 'exports-only',
        output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  };
}

/**
 * The loader pass: `widget/loader.ts` → `kotae.js` (a fixed name: host pages link it), with the app's file
 * name and the launcher labels compiled in.
 */
export function loaderConfig(appFile: string, labels: Record<string, string>, outDir = 'dist/widget'): InlineConfig {
  const base = common(outDir);
  return {
    ...base,
    define: { __KOTAE_APP__: JSON.stringify(`./${appFile}`), __KOTAE_LABELS__: JSON.stringify(labels) },
    build: {
      ...base.build,
      rolldownOptions: {
        input: path.join(ROOT, 'widget/loader.ts'),
        output: { format: 'iife', entryFileNames: 'kotae.js' },
      },
    },
  };
}

export default appConfig();

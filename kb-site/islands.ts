import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions } from 'esbuild';

/** A built browser file: its path relative to the output folder and its bytes. */
export interface IslandFile {
  path: string;
  content: string;
}

/** The KB site's browser modules, built once per process: root-relative URLs and files. */
export interface Islands {
  /** The blocking `<head>` script that applies the stored colour scheme before the first paint. */
  themeScript: string;
  siteScript: string;
  searchScript: string;
  files: IslandFile[];
}

const ISLANDS_DIR = fileURLToPath(new URL('./islands/', import.meta.url));

const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  write: false,
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  legalComments: 'none',
  // Workbox logs in development builds only.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'silent',
};

function bundle(entry: string, options: BuildOptions = {}): string {
  const result = buildSync({ ...COMMON, ...options, entryPoints: [`${ISLANDS_DIR}${entry}`] });
  const out = result.outputFiles?.[0];
  if (!out) throw new Error(`renderSite: building ${entry} produced no file`);
  return out.text;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 10);

let cached: Islands | undefined;

/**
 * Bundles `islands/theme.ts` (classic script), `islands/site.ts` and `islands/search.ts` (with the search engine's query side) as minified ES
 * modules named by content hash (`assets/site.<hash>.js`), so they can be cached forever. Built once per
 * process; esbuild's output is deterministic, so builds stay byte-identical.
 */
export function buildIslands(): Islands {
  if (cached) return cached;
  const files: IslandFile[] = [];
  const named = (name: string, content: string) => {
    const path = `assets/${name}.${shortHash(content)}.js`;
    files.push({ path, content });
    return `/${path}`;
  };
  // A classic script (no module wrapper): it runs as the parser meets it.
  const themeScript = named('theme', bundle('theme.ts', { format: 'iife' }));
  const siteScript = named('site', bundle('site.ts', { format: 'esm' }));
  const searchScript = named('search', bundle('search.ts', { format: 'esm' }));
  cached = { themeScript, siteScript, searchScript, files };
  return cached;
}

/**
 * The service worker (`sw.js`, at the root so its scope is the whole site) with its precache list built
 * in. A different list (any content or asset change) gives a different file, which is what makes browsers
 * install the new worker and the page offer to reload.
 */
export function buildServiceWorker(precache: readonly { url: string; revision: string }[]): IslandFile {
  const content = bundle('service-worker.ts', {
    format: 'iife',
    define: { ...COMMON.define, __KB_PRECACHE__: JSON.stringify(precache) },
  });
  return { path: 'sw.js', content };
}

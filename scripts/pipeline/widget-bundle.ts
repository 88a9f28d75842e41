/**
 * Builds the widget for `npm run build`: `widget/kotae.js` (the loader), the app chunks beside it, the
 * typed API `widget/kotae.d.ts`, and the demo pages under `demo/`. Deterministic: the same sources give the
 * same bytes and names.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { appConfig, engineConfig, loaderConfig } from '../../vite.config.ts';
import { readUiBundle, uiLocales } from '../../i18n/bundles.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Writes one output file; paths are relative to the output folder (`widget/kotae.js`). */
export type WriteFile = (relPath: string, content: string | Uint8Array) => void;

async function bundle(config: ReturnType<typeof appConfig>): Promise<Map<string, string | Uint8Array>> {
  const result = await build({ ...config, build: { ...config.build, write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string | Uint8Array>();
  for (const output of outputs) for (const item of output.output) files.set(item.fileName, item.type === 'chunk' ? item.code : item.source);
  return files;
}

interface Strings {
  /** `widget/i18n/<locale>.<hash>.json` → minified bundle. */
  files: Map<string, string>;
  /** Locale → bundle path relative to `widget/`. */
  bundles: Record<string, string>;
  /** Locale → launcher label (compiled into the loader, which must not wait for a bundle). */
  labels: Record<string, string>;
}

function entryFile(files: Map<string, unknown>, name: string): string {
  const file = [...files.keys()].find((f) => new RegExp(`^${name}-[\\w-]+\\.js$`).test(f));
  if (!file) throw new Error(`widget build: no ${name} entry among ${[...files.keys()].join(', ')}`);
  return file;
}

function widgetStrings(): Strings {
  const strings: Strings = { files: new Map(), bundles: {}, labels: {} };
  for (const locale of uiLocales()) {
    let bundle: { launcher?: { label?: string } } | undefined;
    try {
      bundle = readUiBundle(locale, 'widget') as typeof bundle;
    } catch (error) {
      throw new Error(`widget build: ${(error as Error).message}`);
    }
    if (!bundle) continue;
    const text = JSON.stringify(bundle);
    const name = `i18n/${locale}.${createHash('sha256').update(text).digest('hex').slice(0, 8)}.json`;
    strings.files.set(name, text);
    strings.bundles[locale] = name;
    if (bundle.launcher?.label) strings.labels[locale] = bundle.launcher.label;
  }
  return strings;
}

/**
 * Builds the widget and writes it: into `out` (a folder: `<out>/widget/…`, `<out>/demo/…`) or through a
 * write function (the build's staged output writer). Resolves to the relative paths written.
 *
 * @example await buildWidget('dist');        // dist/widget/kotae.js, dist/demo/index.html …
 * @example await buildWidget(writer.write);   // inside scripts/build.ts
 */
export async function buildWidget(out: string | WriteFile): Promise<string[]> {
  const write: WriteFile =
    typeof out === 'string'
      ? (rel, content) => {
          const target = path.join(out, rel);
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, content);
        }
      : out;
  const strings = widgetStrings();
  const engine = await bundle(engineConfig());
  const engineFile = entryFile(engine, 'engine');
  const app = await bundle(appConfig(strings.bundles, engineFile));
  const appFile = entryFile(app, 'app');
  const loader = await bundle(loaderConfig(appFile, strings.labels));
  const files = new Map<string, string | Uint8Array>();
  for (const [name, content] of [...engine, ...app, ...loader, ...strings.files]) files.set(`widget/${name}`, content);
  files.set('widget/kotae.d.ts', readFileSync(path.join(ROOT, 'widget/api.ts'), 'utf8'));
  const demo = path.join(ROOT, 'widget/demo');
  for (const name of readdirSync(demo).sort()) files.set(`demo/${name}`, readFileSync(path.join(demo, name)));
  const written = [...files.keys()].sort();
  for (const name of written) write(name, files.get(name)!);
  return written;
}

import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file that marks a folder as Kotae's output, so a rebuild may replace it. */
export const OUTPUT_MARKER = 'data/manifest.json';

/**
 * Replaces `outDir` with exactly `files`. Refuses to delete a non-empty folder that is not a previous
 * Kotae build, so a mistyped `--out` cannot wipe someone's work.
 */
export function writeOutput(outDir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const dir = path.resolve(outDir);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(path.join(dir, OUTPUT_MARKER)))
      throw new Error(`${outDir} is not empty and is not a Kotae build; refusing to replace it. Choose another --out folder or empty it.`);
    rmSync(dir, { recursive: true, force: true });
  }
  const made = new Set<string>();
  for (const name of [...files.keys()].sort()) {
    const target = path.join(dir, name);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, files.get(name)!);
  }
}

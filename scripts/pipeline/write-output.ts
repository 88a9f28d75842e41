import { spawn } from 'node:child_process';
import type { OutputSink } from './output-sink.ts';
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes files under `dir`, creating folders as needed; paths are relative to `dir`. */
export function fileSink(dir: string): OutputSink {
  const made = new Set<string>();
  const write = (name: string, content: string | Uint8Array) => {
    const target = path.join(dir, name);
    const parent = path.dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, content);
  };
  return Object.assign(write, {
    append: (name: string, content: string) => appendFileSync(path.join(dir, name), content),
    rename: (from: string, to: string) => renameSync(path.join(dir, from), path.join(dir, to)),
  });
}

/** The file that marks a folder as Kotae's output, so a rebuild may replace it. */
export const OUTPUT_MARKER = 'data/manifest.json';

/**
 * Writes a build into a temporary folder beside `outDir` and swaps it in only when the build succeeded,
 * so a failed build leaves the previous output untouched. Refuses to replace a non-empty folder that is
 * not a previous Kotae build, so a mistyped `--out` cannot wipe someone's work.
 */
export class OutputWriter {
  readonly dir: string;
  /** Where this build is written until `commit` (other threads of the build may write there too). */
  readonly staging: string;

  constructor(outDir: string) {
    this.dir = path.resolve(outDir);
    if (existsSync(this.dir) && readdirSync(this.dir).length > 0 && !existsSync(path.join(this.dir, OUTPUT_MARKER)))
      throw new Error(`${outDir} is not empty and is not a Kotae build; refusing to replace it. Choose another --out folder or empty it.`);
    this.staging = `${this.dir}.partial-${process.pid}`;
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
    this.write = fileSink(this.staging);
  }

  /** Writes one file (path relative to the output folder). */
  readonly write: OutputSink;

  /**
   * Replaces the output folder with what was written. The previous output is moved aside and deleted by a
   * detached process: removing tens of thousands of files takes longer than the build itself on some file
   * systems, and nobody needs to wait for it.
   */
  commit(): void {
    const old = `${this.dir}.old-${process.pid}`;
    const replaced = existsSync(this.dir);
    if (replaced) renameSync(this.dir, old);
    renameSync(this.staging, this.dir);
    if (replaced) removeInBackground(old);
  }

  /** Throws away what was written; the previous output stays. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}

function removeInBackground(dir: string): void {
  try {
    const child = spawn(process.execPath, ['-e', 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })', dir], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => rmSync(dir, { recursive: true, force: true }));
    child.unref();
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}

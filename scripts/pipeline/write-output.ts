import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file that marks a folder as Kotae's output, so a rebuild may replace it. */
export const OUTPUT_MARKER = 'data/manifest.json';

/**
 * Writes a build into a temporary folder beside `outDir` and swaps it in only when the build succeeded,
 * so a failed build leaves the previous output untouched. Refuses to replace a non-empty folder that is
 * not a previous Kotae build, so a mistyped `--out` cannot wipe someone's work.
 */
export class OutputWriter {
  readonly dir: string;
  private readonly staging: string;
  private readonly made = new Set<string>();

  constructor(outDir: string) {
    this.dir = path.resolve(outDir);
    if (existsSync(this.dir) && readdirSync(this.dir).length > 0 && !existsSync(path.join(this.dir, OUTPUT_MARKER)))
      throw new Error(`${outDir} is not empty and is not a Kotae build; refusing to replace it. Choose another --out folder or empty it.`);
    this.staging = `${this.dir}.partial-${process.pid}`;
    rmSync(this.staging, { recursive: true, force: true });
    mkdirSync(this.staging, { recursive: true });
  }

  /** Writes one file (path relative to the output folder). */
  write = (name: string, content: string | Uint8Array): void => {
    const target = path.join(this.staging, name);
    const parent = path.dirname(target);
    if (!this.made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      this.made.add(parent);
    }
    writeFileSync(target, content);
  };

  /** Reads back a file written in this build (path relative to the output folder). */
  read(name: string): string {
    return readFileSync(path.join(this.staging, name), 'utf8');
  }

  /** Replaces the output folder with what was written. */
  commit(): void {
    const old = `${this.dir}.old-${process.pid}`;
    if (existsSync(this.dir)) renameSync(this.dir, old);
    renameSync(this.staging, this.dir);
    rmSync(old, { recursive: true, force: true });
  }

  /** Throws away what was written; the previous output stays. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}

import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders the intake writes to (the SQLite file, uploads). Created one level at a time instead of with
 * `mkdir({ recursive: true })`, which never returns when the kernel refuses a folder whose parent exists
 * (`--data /proc/x` spun forever in Node 20–24); every failure is an error that names the folder, the part
 * of the path at fault and what to do.
 */

/** A data folder that cannot be created or written; the message is for the operator. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** Creates `dir` and its missing parents, then checks that a file can be written there; throws `DataDirError`. */
export function ensureDataDir(dir: string): void {
  const target = ensureDir(dir);
  const probe = path.join(target, `.write-check-${process.pid}`);
  try {
    writeFileSync(probe, 'ok');
  } catch (error) {
    throw new DataDirError(`cannot write to the data folder ${target}: ${describe(error)}`);
  } finally {
    rmSync(probe, { force: true });
  }
}

/** Creates `dir` and its missing parents (a no-op when it exists); returns its absolute path; throws `DataDirError`. */
export function ensureDir(dir: string): string {
  const target = path.resolve(dir);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    try {
      if (!statSync(at).isDirectory()) throw new DataDirError(`cannot use ${target} as the data folder: ${at} is a file, not a folder (choose another --data)`);
      break;
    } catch (error) {
      if (error instanceof DataDirError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new DataDirError(`cannot use ${target} as the data folder: ${describe(error)} at ${at}`);
      missing.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new DataDirError(`cannot create the data folder ${target}: ${describe(error)} when creating ${folder} (choose another --data)`);
    }
  }
  return target;
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reason: Record<string, string> = {
    ENOENT: 'the system refuses to create it there',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is a file',
  };
  return e.code ? `${e.code} (${reason[e.code] ?? e.message})` : String(e?.message ?? error);
}

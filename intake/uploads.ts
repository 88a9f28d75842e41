import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ensureDir } from './data-dir.ts';
import { hasSafeName, nameForType } from './file-names.ts';
import { ACTIVE_TYPES, SNIFF_BYTES, declaredTypeMatches, sniff } from './magic-bytes.ts';
import { readBody } from './request-body.ts';
import type { IntakeStore, UploadRecord } from './store/store.ts';

export type UploadOutcome =
  | { kind: 'stored'; upload: UploadRecord }
  | { kind: 'too_large' }
  | { kind: 'empty' }
  | { kind: 'type_not_allowed'; detected: string }
  | { kind: 'type_mismatch'; detected: string; declared: string }
  | { kind: 'aborted' };

/**
 * Streams one uploaded file to `<dir>/<token>`: never more than `maxBytes` held or written, the type decided
 * from the bytes (`magic-bytes.ts`), refused when that type is active content (whatever the config allows),
 * not allowed, or contradicted by the declared `Content-Type`. The stored name carries an extension of the
 * detected type (`file-names.ts`). The file is fsynced and renamed into place before the outcome is `stored`;
 * refused or broken uploads leave nothing behind. On `too_large` the rest of the body is left unread, for
 * the caller to answer first (`request-body.ts`). The caller records the upload in the store.
 */
export async function receiveUpload(
  body: IncomingMessage,
  options: { dir: string; maxBytes: number; allowedTypes: readonly string[]; name: string; declaredType: string | undefined },
): Promise<UploadOutcome> {
  const tmpDir = path.join(options.dir, 'tmp');
  ensureDir(tmpDir);
  const token = randomBytes(24).toString('base64url');
  const tmp = path.join(tmpDir, `${token}.part`);
  const out = createWriteStream(tmp, { flags: 'wx' });
  let writeError: Error | undefined;
  // A failed write (disk full) surfaces where the upload awaits the file, never as an unhandled 'error' event.
  out.on('error', (error) => (writeError ??= error));
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let nulAfterHead = false;
  let outcome: UploadOutcome | undefined;

  let read: Awaited<ReturnType<typeof readBody>>;
  try {
    read = await readBody(body, options.maxBytes, (chunk) => {
      if (writeError) throw writeError;
      if (headBytes < SNIFF_BYTES) {
        head.push(chunk);
        headBytes += chunk.length;
      } else if (!nulAfterHead && chunk.includes(0)) nulAfterHead = true;
      hash.update(chunk);
      // Paused only while the file catches up; events.once drops its error listener once drained.
      if (!out.write(chunk)) return once(out, 'drain').then(() => {});
    });
  } catch (error) {
    out.destroy();
    await rm(tmp, { force: true });
    throw error;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const { end, size } = read;
  if (end === 'too_large') outcome = { kind: 'too_large' };
  else if (end === 'aborted') outcome = { kind: 'aborted' };

  if (!outcome) {
    const sample = Buffer.concat(head).subarray(0, SNIFF_BYTES);
    let detected = size === 0 ? 'application/x-empty' : sniff(sample);
    // Text must stay text to the end: a NUL byte later on means a binary file with a text-looking start.
    if (detected === 'text/plain' && (nulAfterHead || Buffer.concat(head).includes(0))) detected = 'application/octet-stream';
    if (size === 0) outcome = { kind: 'empty' };
    else if (ACTIVE_TYPES.has(detected) || !hasSafeName(detected) || !options.allowedTypes.includes(detected)) outcome = { kind: 'type_not_allowed', detected };
    else if (!declaredTypeMatches(options.declaredType, detected))
      outcome = { kind: 'type_mismatch', detected, declared: (options.declaredType ?? '').split(';')[0]!.trim() };
    else {
      await fsync(tmp);
      await rename(tmp, path.join(options.dir, token));
      await fsync(options.dir);
      return {
        kind: 'stored',
        upload: { token, name: nameForType(options.name, detected), type: detected, size, sha256: hash.digest('hex'), createdAt: Date.now() },
      };
    }
  }
  await rm(tmp, { force: true });
  return outcome;
}

async function fsync(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Deletes uploads that no inquiry referenced within `ttlMs` (abandoned drafts), rows first, then files;
 * returns how many. Files already gone are fine: another instance sharing the folder may have removed them.
 */
export async function sweepUploads(store: IntakeStore, dir: string, ttlMs: number, now = Date.now()): Promise<number> {
  const tokens = await store.deleteUnreferencedUploads(now - ttlMs);
  await Promise.all(tokens.map((token) => rm(path.join(dir, token), { force: true })));
  return tokens.length;
}

import { fitFileName } from '../../content/schema/file-name.ts';
import type { UploadReceipt } from '../../content/schema/intake-api.ts';

/**
 * Uploading one attachment to the intake (`POST /v1/uploads?filename=…`, the file as the raw body) with
 * progress. XMLHttpRequest, because fetch reports no upload progress.
 */

/** A refused or failed upload: `status` 0 for a network failure or abort, else the intake's HTTP status. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    /** 0: network error, timeout or abort; 413: too large; 415: type not allowed or not what it claims; 429: rate limited… */
    readonly status: number,
    /** The intake's error code (`upload_too_large`, `upload_type_not_allowed`…), `network` or `aborted`. */
    readonly code: string,
    /** The intake's message in the requested locale, or a technical English one for network failures. */
    message: string,
    /** Seconds to wait before trying again, from `Retry-After` (429/503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  /** Whether trying again later may succeed (network trouble, rate limit, server error). */
  get retryable(): boolean {
    return this.status === 0 ? this.code !== 'aborted' : this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface UploadOptions {
  /** Locale for the intake's error messages (`Accept-Language`). */
  locale: string;
  /** Called as bytes leave the browser; `total` is the body size. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Uploads `file` to the intake at `intakeUrl` under the display name `name`; resolves to the upload token for
 * the inquiry's `attachments`. The declared type is the blob's own (the intake checks it against the bytes).
 * Rejects with an `UploadError`.
 *
 * @example
 *   const { token } = await uploadAttachment(intake, file, file.name, { locale: 'ja', onProgress: (s, t) => bar.value = s / t });
 */
export function uploadAttachment(intakeUrl: string, file: Blob, name: string, opts: UploadOptions): Promise<UploadReceipt> {
  const url = new URL('v1/uploads', intakeUrl.replace(/\/*$/, '/'));
  // A name the intake would refuse as too long goes with its stem shortened (the extension stays).
  url.searchParams.set('filename', fitFileName(name));
  return new Promise<UploadReceipt>((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new UploadError(0, 'aborted', 'upload aborted'));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url.href);
    xhr.responseType = 'text';
    xhr.setRequestHeader('Accept-Language', opts.locale);
    if (!file.type) xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    const total = file.size;
    if (opts.onProgress) {
      const report = opts.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : total);
    }
    const abort = () => xhr.abort();
    opts.signal?.addEventListener('abort', abort, { once: true });
    const done = () => opts.signal?.removeEventListener('abort', abort);
    xhr.onload = () => {
      done();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText || '{}') as Record<string, unknown>;
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201 || xhr.status === 200) {
        if (typeof body.token === 'string') {
          opts.onProgress?.(total, total);
          return resolve(body as unknown as UploadReceipt);
        }
        return reject(new UploadError(xhr.status, 'bad_response', 'the intake answered without an upload token'));
      }
      const retryAfter = Number(xhr.getResponseHeader('Retry-After'));
      reject(
        new UploadError(
          xhr.status,
          typeof body.error === 'string' ? body.error : `http_${xhr.status}`,
          typeof body.message === 'string' ? body.message : `upload failed with HTTP ${xhr.status}`,
          retryAfter > 0 ? retryAfter : undefined,
        ),
      );
    };
    xhr.onerror = () => (done(), reject(new UploadError(0, 'network', 'network error during upload')));
    xhr.ontimeout = () => (done(), reject(new UploadError(0, 'network', 'upload timed out')));
    xhr.onabort = () => (done(), reject(new UploadError(0, 'aborted', 'upload aborted')));
    xhr.send(file);
  });
}

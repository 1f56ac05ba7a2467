/** Headers a page may not set on XMLHttpRequest; the browser sends its own (the length is the blob's). */
const FORBIDDEN_HEADERS = new Set(['content-length', 'host', 'connection']);

/** A PUT to storage that did not answer 2xx, or never reached it (network, abort). */
export class PutFailed extends Error {}

export interface PutOptions {
  /** Bytes of `body` sent so far (0…body.size). */
  onProgress?(loaded: number): void;
  /** Called with the request once it is open, so its owner can abort it. */
  onStart?(xhr: XMLHttpRequest): void;
  signal?: AbortSignal;
}

/**
 * One PUT straight to storage (a presigned URL), with upload progress: fetch has none,
 * XMLHttpRequest does. The presigned headers go as given, bar those the browser owns.
 */
export function putWithProgress(url: string, headers: Record<string, string>, body: Blob, options: PutOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new PutFailed('aborted'));
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) if (!FORBIDDEN_HEADERS.has(name.toLowerCase())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => options.onProgress?.(Math.min(body.size, event.loaded));
    const abort = (): void => xhr.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    const settle = (error: PutFailed | null): void => {
      options.signal?.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve();
    };
    xhr.onload = () => settle(xhr.status >= 200 && xhr.status < 300 ? null : new PutFailed(`storage answered ${xhr.status}`));
    xhr.onerror = () => settle(new PutFailed('network'));
    xhr.onabort = () => settle(new PutFailed('aborted'));
    options.onStart?.(xhr);
    xhr.send(body);
  });
}

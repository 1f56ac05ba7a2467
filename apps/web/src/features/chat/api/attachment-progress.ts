/**
 * How far the files of each outgoing message are: bytes sent per file while uploading, then
 * `processing` while the server makes an image's thumbnail. In memory only: after a reload
 * the upload starts again (the same attachments), so there is nothing to keep.
 */
export interface MessageUpload {
  phase: 'uploading' | 'processing';
  loaded: readonly number[];
  total: readonly number[];
}

type Listener = () => void;

const uploads = new Map<string, MessageUpload>();
const listeners = new Set<Listener>();
const publish = (): void => {
  for (const listener of [...listeners]) listener();
};

export const attachmentProgress = {
  get: (clientId: string): MessageUpload | undefined => uploads.get(clientId),
  start(clientId: string, sizes: readonly number[]): void {
    uploads.set(clientId, { phase: 'uploading', loaded: sizes.map(() => 0), total: sizes });
    publish();
  },
  loaded(clientId: string, index: number, bytes: number): void {
    const upload = uploads.get(clientId);
    if (!upload || upload.loaded[index] === bytes) return;
    uploads.set(clientId, { ...upload, loaded: upload.loaded.map((b, i) => (i === index ? bytes : b)) });
    publish();
  },
  processing(clientId: string): void {
    const upload = uploads.get(clientId);
    if (!upload) return;
    uploads.set(clientId, { ...upload, phase: 'processing', loaded: upload.total });
    publish();
  },
  end(clientId: string): void {
    if (uploads.delete(clientId)) publish();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** One number for a message's bar: all its bytes sent over all to send (0…1). */
export function uploadFraction(upload: MessageUpload): number {
  const total = upload.total.reduce((a, b) => a + b, 0);
  return total ? upload.loaded.reduce((a, b) => a + b, 0) / total : 1;
}

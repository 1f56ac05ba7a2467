import type { ChatAttachment, ChatAttachmentFileSpec, ChatAttachmentTicket } from '@discordgym/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { OutboxEntry } from './outbox.store';

// The network and the disk are the browser's: here they are stand-ins that record what the flow asks of them.
const server = vi.hoisted(() => ({
  attachments: new Map<string, ChatAttachment>(),
  byClientId: new Map<string, string>(),
  puts: [] as Array<{ url: string; headers: Record<string, string>; size: number }>,
  completes: [] as string[],
  polls: [] as string[],
  /** How many polls an image stays `processing`. */
  processingPolls: 1,
  /** Sniffing at complete refuses these names. */
  refuse: new Set<string>(),
  files: new Map<string, Blob | null>(),
}));

vi.mock('./attachments.api', () => ({
  requestAttachmentUploads: async (roomId: string, specs: ChatAttachmentFileSpec[]): Promise<ChatAttachmentTicket[]> =>
    specs.map((spec) => {
      let id = server.byClientId.get(spec.client_id);
      if (!id) {
        id = `att-${server.byClientId.size + 1}`;
        server.byClientId.set(spec.client_id, id);
        server.attachments.set(id, {
          id,
          chatroom_id: roomId,
          uploader_id: 'me',
          kind: spec.type.startsWith('image/') ? 'image' : 'file',
          status: 'pending_upload',
          name: spec.name,
          content_type: spec.type,
          byte_size: spec.size,
          width: null,
          height: null,
          placeholder: null,
          failure_reason: null,
          created_at: new Date().toISOString(),
        });
      }
      const attachment = server.attachments.get(id)!;
      const put = attachment.status === 'pending_upload' ? { url: `https://s3.test/${id}`, method: 'PUT' as const, headers: { 'content-type': spec.type }, expires_at: '2099-01-01T00:00:00Z' } : null;
      return { client_id: spec.client_id, attachment, put };
    }),
  completeAttachment: async (_roomId: string, id: string): Promise<ChatAttachment> => {
    server.completes.push(id);
    const a = server.attachments.get(id)!;
    const next: ChatAttachment = server.refuse.has(a.name)
      ? { ...a, status: 'failed', failure_reason: 'type_refused' }
      : { ...a, status: a.kind === 'image' ? 'processing' : 'ready' };
    server.attachments.set(id, next);
    return next;
  },
  fetchAttachment: async (_roomId: string, id: string): Promise<ChatAttachment> => {
    server.polls.push(id);
    const a = server.attachments.get(id)!;
    if (a.status === 'processing' && server.polls.filter((p) => p === id).length >= server.processingPolls) {
      server.attachments.set(id, { ...a, status: 'ready', width: 4, height: 3 });
    }
    return server.attachments.get(id)!;
  },
}));

vi.mock('../../../lib/upload/put-with-progress', () => ({
  putWithProgress: async (url: string, headers: Record<string, string>, body: Blob, options: { onProgress?(n: number): void }) => {
    server.puts.push({ url, headers, size: body.size });
    options.onProgress?.(Math.floor(body.size / 2));
  },
}));

vi.mock('./attachment-blobs', () => ({
  loadFiles: async (userId: string, filesId: string, count: number) =>
    Array.from({ length: count }, (_, i) => (server.files.has(`${userId}/${filesId}/${i}`) ? server.files.get(`${userId}/${filesId}/${i}`)! : null)),
}));

const { uploadAttachments, AttachmentRefused } = await import('./attachment-upload');
const { attachmentProgress } = await import('./attachment-progress');
const { attachmentClientId } = await import('./attachment-files');

function entry(files: Array<{ name: string; type: string; size: number }>, clientId = 'msgClient01'): OutboxEntry {
  files.forEach((f, i) => server.files.set(`me/${clientId}/${i}`, new Blob([new Uint8Array(f.size)], { type: f.type })));
  return { client_id: clientId, files_id: clientId, created_at: '', status: 'pending', chatroom_id: 'room-1', content: '', reply_to_id: null, attachments: files };
}

beforeEach(() => {
  server.attachments.clear();
  server.byClientId.clear();
  server.puts.length = 0;
  server.completes.length = 0;
  server.polls.length = 0;
  server.refuse.clear();
  server.files.clear();
  server.processingPolls = 1;
});

describe('uploading a queued message’s files', () => {
  it('puts each file with the presigned headers, completes it, waits for the image to be processed, and answers the ids in order', async () => {
    const queued = entry([
      { name: 'squat.png', type: 'image/png', size: 2_000 },
      { name: 'plan.pdf', type: 'application/pdf', size: 300 },
    ]);
    const seen: number[] = [];
    const stop = attachmentProgress.subscribe(() => {
      const p = attachmentProgress.get(queued.client_id);
      if (p) seen.push(p.loaded.reduce((a, b) => a + b, 0));
    });
    const ids = await uploadAttachments(queued, 'me');
    stop();
    expect(ids).toEqual(['att-1', 'att-2']);
    expect(server.puts).toEqual([
      { url: 'https://s3.test/att-1', headers: { 'content-type': 'image/png' }, size: 2_000 },
      { url: 'https://s3.test/att-2', headers: { 'content-type': 'application/pdf' }, size: 300 },
    ]);
    expect(server.completes).toEqual(['att-1', 'att-2']);
    // Only the image was processing; the PDF was ready at complete.
    expect(server.polls).toEqual(['att-1']);
    expect([...server.byClientId.keys()]).toEqual([attachmentClientId('msgClient01', 0), attachmentClientId('msgClient01', 1)]);
    // Progress moved on the way, and is gone once done.
    expect(seen.some((n) => n > 0 && n < 2_300)).toBe(true);
    expect(attachmentProgress.get(queued.client_id)).toBeUndefined();
  });

  it('a retry of the same message asks for the same attachments and sends no bytes twice', async () => {
    const queued = entry([{ name: 'a.pdf', type: 'application/pdf', size: 10 }]);
    const first = await uploadAttachments(queued, 'me');
    const again = await uploadAttachments(queued, 'me');
    expect(again).toEqual(first);
    expect(server.attachments.size).toBe(1);
    expect(server.puts).toHaveLength(1);
    expect(server.completes).toHaveLength(1);
  });

  it('a file the server refuses ends the message’s upload for good, naming which file', async () => {
    server.refuse.add('fake.png');
    const queued = entry([
      { name: 'ok.pdf', type: 'application/pdf', size: 10 },
      { name: 'fake.png', type: 'image/png', size: 10 },
    ]);
    const error = await uploadAttachments(queued, 'me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttachmentRefused);
    expect(error).toMatchObject({ name: 'AttachmentRefused', reason: 'type_refused', index: 1 });
  });

  it('files gone from this browser are refused before anything is asked of the server', async () => {
    const queued = entry([{ name: 'a.pdf', type: 'application/pdf', size: 10 }]);
    server.files.clear();
    await expect(uploadAttachments(queued, 'me')).rejects.toMatchObject({ reason: 'missing', index: 0 });
    expect(server.attachments.size).toBe(0);
  });
});

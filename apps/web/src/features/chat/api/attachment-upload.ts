import type { ChatAttachment, ChatAttachmentTicket } from '@discordgym/contracts';
import { putWithProgress } from '../../../lib/upload/put-with-progress';
import { loadFiles } from './attachment-blobs';
import { attachmentClientId, pollDelays, sendableName } from './attachment-files';
import { attachmentProgress } from './attachment-progress';
import { completeAttachment, fetchAttachment, requestAttachmentUploads } from './attachments.api';
import type { OutboxEntry } from './outbox.store';

/**
 * A file of the message can never go (its bytes were refused, could not be read, or are
 * gone from this browser): sending again will not help, the person decides.
 */
export class AttachmentRefused extends Error {
  constructor(
    /** The server's `failure_reason` (`type_refused`, `undecodable`, `processing_failed`) or `missing` (lost here). */
    readonly reason: string,
    /** Which file of the message (its place in `attachments`). */
    readonly index: number,
  ) {
    super(`attachment ${index}: ${reason}`);
    // The outbox tells it apart by name: it loads this module only when a message has files.
    this.name = 'AttachmentRefused';
  }
}

/** Still processing after the polls' time: not a failure, the outbox tries again later. */
class StillProcessing extends Error {}

const CONCURRENCY = 3;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Puts a queued message's files on the server and answers their ids, in order, once all are
 * `ready`: upload tickets (the same attachments on every retry: their client_ids come from the
 * message's), a PUT of each file's bytes straight to storage, complete, then a bounded wait while
 * images are processed. Throws AttachmentRefused when a file can never go, anything else when
 * a later try may do better.
 */
export async function uploadAttachments(entry: OutboxEntry, userId: string): Promise<string[]> {
  const specs = entry.attachments ?? [];
  const files = await loadFiles(userId, entry.files_id ?? entry.client_id, specs.length);
  files.forEach((file, i) => {
    if (!file) throw new AttachmentRefused('missing', i);
  });
  attachmentProgress.start(entry.client_id, specs.map((s) => s.size));
  try {
    const tickets = await requestAttachmentUploads(
      entry.chatroom_id,
      specs.map((spec, i) => ({ client_id: attachmentClientId(entry.client_id, i), name: sendableName(spec.name), type: spec.type, size: spec.size })),
    );
    const byClientId = new Map(tickets.map((ticket) => [ticket.client_id, ticket]));
    const ordered = specs.map((spec, i) => {
      const ticket = byClientId.get(attachmentClientId(entry.client_id, i));
      if (!ticket) throw new Error(`no ticket for ${spec.name}`);
      return ticket;
    });
    const done: ChatAttachment[] = new Array<ChatAttachment>(ordered.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ordered.length) {
        const i = next++;
        done[i] = await store(entry, ordered[i]!, files[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ordered.length) }, worker));
    attachmentProgress.processing(entry.client_id);
    const ready = await Promise.all(done.map((attachment, i) => untilReady(attachment, i)));
    return ready.map((attachment) => attachment.id);
  } finally {
    attachmentProgress.end(entry.client_id);
  }
}

/** One file's bytes in and completed (a retry skips what the server already holds). */
async function store(entry: OutboxEntry, ticket: ChatAttachmentTicket, file: Blob, index: number): Promise<ChatAttachment> {
  let attachment = ticket.attachment;
  refuseIfFailed(attachment, index);
  if (ticket.put) {
    await putWithProgress(ticket.put.url, ticket.put.headers, file, {
      onProgress: (loaded) => attachmentProgress.loaded(entry.client_id, index, loaded),
    });
  }
  attachmentProgress.loaded(entry.client_id, index, file.size);
  if (attachment.status === 'pending_upload') attachment = await completeAttachment(entry.chatroom_id, attachment.id);
  refuseIfFailed(attachment, index);
  return attachment;
}

/** Polls an image being processed until it is ready, with growing waits and a bound on the whole. */
async function untilReady(attachment: ChatAttachment, index: number): Promise<ChatAttachment> {
  let current = attachment;
  for (const delay of pollDelays()) {
    refuseIfFailed(current, index);
    if (current.status === 'ready') return current;
    await sleep(delay);
    current = await fetchAttachment(current.chatroom_id, current.id);
  }
  refuseIfFailed(current, index);
  if (current.status === 'ready') return current;
  throw new StillProcessing(current.name);
}

function refuseIfFailed(attachment: ChatAttachment, index: number): void {
  if (attachment.status === 'failed') throw new AttachmentRefused(attachment.failure_reason ?? 'processing_failed', index);
}

import { randomBytes } from 'node:crypto';
import { ChatAttachment, type ChatAttachmentLink, ChatAttachmentLinks, type ChatAttachmentTicket } from '@discordgym/contracts';
import { expect } from 'vitest';
import { fetchBytes, putTo } from './album-upload-fixtures';
import type { ApiClient, ApiResponse } from './api-client';
import { eventually } from './sockets';

export { fetchBytes, htmlBytes, jpegWithGps, pngImage, putTo, storageUrl, svgBytes, webpChunks, webpImage } from './album-upload-fixtures';

/** A file to attach: its bytes, the claimed type and name (defaults: a PDF-ish name), an optional client_id. */
export interface AttachmentFile {
  name?: string;
  type: string;
  bytes: Buffer;
  clientId?: string;
}

export const attachmentClientId = (): string => `a_${randomBytes(8).toString('hex')}`;

const spec = (file: AttachmentFile) => ({ client_id: file.clientId ?? attachmentClientId(), name: file.name ?? 'file.bin', type: file.type, size: file.bytes.length });

/** POST /api/chatrooms/:id/attachments for these files; the raw response (tests check refusals). */
export function requestAttachments(api: ApiClient, token: string, roomId: string, files: AttachmentFile[]): Promise<ApiResponse> {
  return api.post(`/api/chatrooms/${roomId}/attachments`, { files: files.map(spec) }, { token });
}

export function completeAttachment(api: ApiClient, token: string, roomId: string, attachmentId: string): Promise<ApiResponse> {
  return api.post(`/api/chatrooms/${roomId}/attachments/${attachmentId}/complete`, undefined, { token });
}

export function getAttachment(api: ApiClient, token: string, roomId: string, attachmentId: string): Promise<ApiResponse> {
  return api.get(`/api/chatrooms/${roomId}/attachments/${attachmentId}`, { token });
}

export function attachmentLinksResponse(api: ApiClient, token: string, roomId: string, ids: string[]): Promise<ApiResponse> {
  return api.post(`/api/chatrooms/${roomId}/attachment-links`, { attachment_ids: ids }, { token });
}

/** The links the caller gets for these ids (only those they may see), by id. */
export async function attachmentLinks(api: ApiClient, token: string, roomId: string, ids: string[]): Promise<Map<string, ChatAttachmentLink>> {
  const response = await attachmentLinksResponse(api, token, roomId, ids);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return new Map(ChatAttachmentLinks.parse(response.body).items.map((link) => [link.id, link]));
}

/** Ticket and PUT, no complete: an upload as a browser leaves it when the tab closes mid-way. */
export async function putAttachment(api: ApiClient, token: string, roomId: string, file: AttachmentFile): Promise<ChatAttachmentTicket> {
  const tickets = await requestAttachments(api, token, roomId, [file]);
  expect(tickets.status, JSON.stringify(tickets.body)).toBe(200);
  const ticket = (tickets.body as { items: ChatAttachmentTicket[] }).items[0]!;
  if (!ticket.put) throw new Error(`expected a PUT URL, got ${JSON.stringify(ticket)}`);
  const put = await putTo(api, ticket.put.url, ticket.put.headers, file.bytes);
  expect(put.status, await put.clone().text()).toBeLessThan(300);
  return ticket;
}

/** Polls GET until the attachment reaches `status` (images: processing → ready), bounded. */
export async function waitForAttachment(api: ApiClient, token: string, roomId: string, attachmentId: string, status: ChatAttachment['status'] = 'ready', timeoutMs = 20_000): Promise<ChatAttachment> {
  let found: ChatAttachment | undefined;
  await eventually(async () => {
    const response = await getAttachment(api, token, roomId, attachmentId);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    found = ChatAttachment.parse(response.body);
    expect(found.status).toBe(status);
  }, timeoutMs);
  return found!;
}

/**
 * One file the whole way the web app uploads it: request a ticket, PUT the bytes to storage,
 * complete, and wait until it is `ready` (images are processed first). Answers the ready
 * attachment, which may go on a message (`attachment_ids`).
 */
export async function uploadAttachment(api: ApiClient, token: string, roomId: string, file: AttachmentFile): Promise<ChatAttachment> {
  const ticket = await putAttachment(api, token, roomId, file);
  const completed = await completeAttachment(api, token, roomId, ticket.attachment.id);
  expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  return waitForAttachment(api, token, roomId, ticket.attachment.id);
}

/** A small but real PDF (%PDF- magic, one empty page): what a member shares as a document. */
export function pdfBytes(text = 'DiscordGym plan'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** Downloads a link's URL (disk storage: a path on the app itself) with its response headers. */
export function download(api: ApiClient, url: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  return fetchBytes(api, url);
}

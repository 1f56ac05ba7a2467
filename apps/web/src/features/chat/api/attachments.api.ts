import type { ChatAttachment, ChatAttachmentFileSpec, ChatAttachmentLink, ChatAttachmentTicket } from '@discordgym/contracts';
import { api } from '../../../lib/api/api-client';

export const requestAttachmentUploads = async (roomId: string, files: ChatAttachmentFileSpec[]): Promise<ChatAttachmentTicket[]> =>
  (await api('createChatAttachments', { params: { id: roomId }, body: { files } })).items;

export const completeAttachment = (roomId: string, attachmentId: string): Promise<ChatAttachment> =>
  api('completeChatAttachment', { params: { id: roomId, attachmentId } });

export const fetchAttachment = (roomId: string, attachmentId: string, signal?: AbortSignal): Promise<ChatAttachment> =>
  api('getChatAttachment', { params: { id: roomId, attachmentId }, signal });

export const fetchAttachmentLinks = async (roomId: string, ids: string[], signal?: AbortSignal): Promise<ChatAttachmentLink[]> =>
  (await api('chatAttachmentLinks', { params: { id: roomId }, body: { attachment_ids: ids }, signal })).items;

import { Body, Controller, Param } from '@nestjs/common';
import {
  type ChatAttachment,
  type ChatAttachmentLinks,
  type ChatAttachmentLinksBody,
  type ChatAttachmentParams,
  type ChatAttachmentTickets,
  type CreateChatAttachmentsBody,
  routes,
} from '@discordgym/contracts';
import { type AuthContext, CurrentAuth } from '../../../common/request-context';
import { Route } from '../../../common/route.decorator';
import { ZodValidationPipe } from '../../../common/zod-validation.pipe';
import { ChatAttachmentsService } from './chat-attachments.service';

@Controller()
export class ChatAttachmentsController {
  constructor(private readonly attachments: ChatAttachmentsService) {}

  @Route(routes.createChatAttachments)
  create(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.createChatAttachments.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.createChatAttachments.body)) body: CreateChatAttachmentsBody,
  ): Promise<ChatAttachmentTickets> {
    return this.attachments.create(auth.userId, params.id, body);
  }

  @Route(routes.completeChatAttachment)
  complete(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.completeChatAttachment.params)) params: ChatAttachmentParams): Promise<ChatAttachment> {
    return this.attachments.complete(auth.userId, params.id, params.attachmentId);
  }

  @Route(routes.getChatAttachment)
  get(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.getChatAttachment.params)) params: ChatAttachmentParams): Promise<ChatAttachment> {
    return this.attachments.get(auth.userId, params.id, params.attachmentId);
  }

  @Route(routes.chatAttachmentLinks)
  links(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.chatAttachmentLinks.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.chatAttachmentLinks.body)) body: ChatAttachmentLinksBody,
  ): Promise<ChatAttachmentLinks> {
    return this.attachments.links(auth.userId, params.id, body.attachment_ids);
  }
}

import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  type AddParticipantsBody,
  type Chatroom,
  type ChatroomList,
  type CreateChatroomBody,
  type EditMessageBody,
  type HistoryQuery,
  type Message,
  type MessagePage,
  type ReadBody,
  type ReadState,
  routes,
  type SearchQuery,
  type SearchResults,
  type SendMessageBody,
  type UpdateChatroomBody,
} from '@discordgym/contracts';
import type { NotificationLevelBody, NotificationLevelState } from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ChatSearchService } from './chat-search.service';
import { ChatService } from './chat.service';

@Controller()
export class ChatController {
  constructor(
    private readonly chat: ChatService,
    private readonly searches: ChatSearchService,
  ) {}

  @Route(routes.listChatrooms)
  list(@CurrentAuth() auth: AuthContext): Promise<ChatroomList> {
    return this.chat.listRooms(auth.userId);
  }

  /** 201 for a new room; 200 when the DM already existed. */
  @Route(routes.createChatroom)
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.createChatroom.body)) body: CreateChatroomBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Chatroom> {
    const { room, created } = await this.chat.createRoom(auth.userId, body);
    if (!created) void reply.status(200);
    return room;
  }

  @Route(routes.getChatroom)
  get(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.getChatroom.params)) params: { id: string }): Promise<Chatroom> {
    return this.chat.getRoom(auth.userId, params.id);
  }

  @Route(routes.updateChatroom)
  update(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.updateChatroom.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.updateChatroom.body)) body: UpdateChatroomBody,
  ): Promise<Chatroom> {
    return this.chat.updateRoom(auth.userId, params.id, body);
  }

  @Route(routes.deleteChatroom)
  async remove(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteChatroom.params)) params: { id: string }): Promise<void> {
    await this.chat.deleteRoom(auth.userId, params.id);
  }

  @Route(routes.dismissRemoval)
  async dismissRemoval(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.dismissRemoval.params)) params: { id: string }): Promise<void> {
    await this.chat.dismissRemoval(auth.userId, params.id);
  }

  @Route(routes.addParticipants)
  addParticipants(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.addParticipants.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.addParticipants.body)) body: AddParticipantsBody,
  ): Promise<Chatroom> {
    return this.chat.addParticipants(auth.userId, params.id, body.user_ids);
  }

  @Route(routes.removeParticipant)
  async removeParticipant(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.removeParticipant.params)) params: { id: string; userId: string },
  ): Promise<void> {
    await this.chat.removeParticipant(auth.userId, params.id, params.userId);
  }

  @Route(routes.history)
  history(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.history.params)) params: { chatroomId: string },
    @Query(new ZodValidationPipe(routes.history.query)) query: HistoryQuery,
  ): Promise<MessagePage> {
    return this.chat.history(auth.userId, params.chatroomId, query);
  }

  @Route(routes.sendMessage)
  send(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.sendMessage.body)) body: SendMessageBody): Promise<Message> {
    return this.chat.send(auth.userId, body);
  }

  @Route(routes.editMessage)
  edit(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.editMessage.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.editMessage.body)) body: EditMessageBody,
  ): Promise<Message> {
    return this.chat.edit(auth, params.id, body.content);
  }

  @Route(routes.deleteMessage)
  delete(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteMessage.params)) params: { id: string }): Promise<Message> {
    return this.chat.delete(auth, params.id);
  }

  @Route(routes.markRead)
  read(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.markRead.params)) params: { chatroomId: string },
    @Body(new ZodValidationPipe(routes.markRead.body)) body: ReadBody,
  ): Promise<ReadState> {
    return this.chat.markRead(auth.userId, params.chatroomId, body.seq);
  }

  @Route(routes.setNotificationLevel)
  setNotificationLevel(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.setNotificationLevel.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.setNotificationLevel.body)) body: NotificationLevelBody,
  ): Promise<NotificationLevelState> {
    return this.chat.setNotificationLevel(auth.userId, params.id, body.level);
  }

  @Route(routes.addReaction)
  react(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.addReaction.params)) params: { id: string; emoji: string }): Promise<Message> {
    return this.chat.react(auth.userId, params.id, params.emoji, true);
  }

  @Route(routes.removeReaction)
  unreact(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.removeReaction.params)) params: { id: string; emoji: string }): Promise<Message> {
    return this.chat.react(auth.userId, params.id, params.emoji, false);
  }

  @Route(routes.searchMessages)
  search(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.searchMessages.query)) query: SearchQuery): Promise<SearchResults> {
    return this.searches.search(auth.userId, query);
  }
}

import { Module } from '@nestjs/common';
import { FriendsModule } from '../friends/friends.module';
import { AttachmentProcessingConsumer } from './attachments/attachment-processing.consumer';
import { AttachmentStorageConsumer } from './attachments/attachment-storage.consumer';
import { AttachmentSweepJobs } from './attachments/attachment-sweep.jobs';
import { ChatAttachmentUsage } from './attachments/chat-attachment-usage';
import { ChatAttachmentsController } from './attachments/chat-attachments.controller';
import { ChatAttachmentsRepository } from './attachments/chat-attachments.repository';
import { ChatAttachmentsService } from './attachments/chat-attachments.service';
import { ChatCards } from './chat-cards';
import { ChatHistoryRepository } from './chat-history.repository';
import { ChatSearchRepository } from './chat-search.repository';
import { ChatSearchService } from './chat-search.service';
import { ChatSendRepository } from './chat-send.repository';
import { ReadAnnouncer } from './read-announcer';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { RoomJoinLoader } from './room-join-loader';
import { ChatPolicy } from './chat.policy';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';

@Module({
  // FriendsPolicy says who may DM (or add to a group) whom; friends imports nothing of chat.
  imports: [FriendsModule],
  controllers: [ChatController, ChatAttachmentsController],
  providers: [
    ChatRepository,
    ChatHistoryRepository,
    ChatSendRepository,
    ReadAnnouncer,
    ChatPolicy,
    ChatService,
    ChatGateway,
    RoomJoinLoader,
    ChatCards,
    ChatSearchRepository,
    ChatSearchService,
    ChatAttachmentsRepository,
    // attachments, the upload side (presign/complete/links, image processing, object deletion, the unsent sweep, usage)
    ChatAttachmentsService,
    AttachmentProcessingConsumer,
    AttachmentStorageConsumer,
    AttachmentSweepJobs,
    ChatAttachmentUsage,
  ],
  // ChatCards: features register their card kinds (workouts, albums) on it.
  // ChatAttachmentsRepository: the attachment upload side shares the one repository of the table.
  exports: [ChatService, ChatPolicy, ChatCards, ChatAttachmentsRepository, ChatAttachmentUsage],
})
export class ChatModule {}

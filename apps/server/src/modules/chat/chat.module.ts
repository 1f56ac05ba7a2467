import { Module } from '@nestjs/common';
import { FriendsModule } from '../friends/friends.module';
import { ChatCards } from './chat-cards';
import { ChatSearchRepository } from './chat-search.repository';
import { ChatSearchService } from './chat-search.service';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatPolicy } from './chat.policy';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';
import { HistoryCache } from './history-cache';

@Module({
  // FriendsPolicy says who may DM (or add to a group) whom; friends imports nothing of chat.
  imports: [FriendsModule],
  controllers: [ChatController],
  providers: [ChatRepository, ChatPolicy, ChatService, ChatGateway, HistoryCache, ChatCards, ChatSearchRepository, ChatSearchService],
  // ChatCards: features register their card kinds (workouts, albums) on it.
  exports: [ChatService, ChatPolicy, ChatCards],
})
export class ChatModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ChatController } from './chat.controller';
import { ChatGateway } from './chat.gateway';
import { ChatRepository } from './chat.repository';
import { ChatService } from './chat.service';
import { HistoryCache } from './history-cache';
import { PresenceService } from './presence.service';
import { RealtimeEmitter } from './realtime-emitter';

@Module({
  imports: [AuthModule],
  controllers: [ChatController],
  providers: [ChatRepository, ChatService, ChatGateway, HistoryCache, PresenceService, RealtimeEmitter],
  exports: [ChatService, RealtimeEmitter],
})
export class ChatModule {}

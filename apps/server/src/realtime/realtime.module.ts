import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module';
import { ChannelAccess } from './channel-access';
import { PresenceRules } from './presence-rules';
import { PresenceService } from './presence.service';
import { RealtimeEmitter } from './realtime-emitter';
import { RealtimeGateway } from './realtime.gateway';
import { ScopedSockets } from './scoped-sockets';
import { SocketEvents } from './socket-events';

/**
 * What every feature's gateway shares: the emitter, the event wrapper, presence and its
 * rules, the channel checks for recovery,
 * the scoped (account-less) handshakes features register. Global, so features use it without importing.
 */
@Global()
@Module({
  imports: [AuthModule],
  providers: [RealtimeEmitter, SocketEvents, PresenceRules, PresenceService, ChannelAccess, ScopedSockets, RealtimeGateway],
  exports: [RealtimeEmitter, SocketEvents, PresenceRules, PresenceService, ChannelAccess, ScopedSockets],
})
export class RealtimeModule {}

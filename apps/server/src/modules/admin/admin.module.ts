import { Module } from '@nestjs/common';
import { InstanceRegistry } from '../../infra/realtime/instance-registry';
import { KvStore } from '../../infra/kv/kv-store';
import { MemoryInstanceRegistry } from '../../infra/realtime/memory-instance-registry';
import { RedisKvStore } from '../../infra/kv/redis-kv-store';
import { RedisInstanceRegistry } from '../../infra/realtime/redis-instance-registry';
import { AlbumsModule } from '../albums/albums.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { UsersModule } from '../users/users.module';
import { AdminCommands } from './admin-commands';
import { AdminSocketServer } from './admin-socket.server';
import { AdminController } from './admin.controller';
import { AdminPolicy } from './admin.policy';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';
import { OnlineCounter } from './online-counter';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({
  imports: [AuthModule, UsersModule, ChatModule, AlbumsModule],
  controllers: [AdminController, ReportsController],
  providers: [
    AdminPolicy,
    AdminRepository,
    AdminService,
    AdminCommands,
    AdminSocketServer,
    ReportsRepository,
    ReportsService,
    StatsRepository,
    StatsService,
    OnlineCounter,
    // Redis where the KvStore is Redis (the cluster mode), else this process's own map.
    {
      provide: InstanceRegistry,
      useFactory: (kv: KvStore) => (kv instanceof RedisKvStore ? new RedisInstanceRegistry(kv.redis) : new MemoryInstanceRegistry()),
      inject: [KvStore],
    },
  ],
  exports: [AdminService, AdminCommands],
})
export class AdminModule {}

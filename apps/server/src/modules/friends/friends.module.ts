import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { FriendsController } from './friends.controller';
import { FriendsPolicy } from './friends.policy';
import { FriendsRepository } from './friends.repository';
import { FriendsService } from './friends.service';

/**
 * Friends and blocking. Chat imports this module for FriendsPolicy (who may DM or add
 * whom); this module imports nothing of chat, so the dependency points one way.
 */
@Module({
  imports: [UsersModule],
  controllers: [FriendsController],
  providers: [FriendsRepository, FriendsPolicy, FriendsService],
  exports: [FriendsPolicy, FriendsService],
})
export class FriendsModule {}

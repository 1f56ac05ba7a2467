import { Module } from '@nestjs/common';
import { FriendsModule } from '../friends/friends.module';
import { UsersModule } from '../users/users.module';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

/** The profile card's extras (mutual rooms). Presence choice and custom status live on the user (users module). */
@Module({
  imports: [UsersModule, FriendsModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService],
})
export class PeopleModule {}

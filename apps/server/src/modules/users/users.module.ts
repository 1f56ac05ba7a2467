import { Module } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, Clock],
  exports: [UsersService, Clock],
})
export class UsersModule {}

import { Controller, Param, Query } from '@nestjs/common';
import { type MutualRoomPage, type MutualRoomsQuery, routes } from '@discordgym/contracts';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { PeopleService } from './people.service';

@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Route(routes.mutualRooms)
  mutualRooms(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.mutualRooms.params)) params: { id: string },
    @Query(new ZodValidationPipe(routes.mutualRooms.query)) query: MutualRoomsQuery,
  ): Promise<MutualRoomPage> {
    return this.people.mutualRooms(auth.userId, params.id, query);
  }
}

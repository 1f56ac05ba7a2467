import { Injectable } from '@nestjs/common';
import type { MutualRoomPage, MutualRoomsQuery } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import { FriendsPolicy } from '../friends/friends.policy';
import { UsersService } from '../users/users.service';
import { PeopleRepository } from './people.repository';

/** What a person's profile card shows the viewer beyond the public profile. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly repository: PeopleRepository,
    private readonly users: UsersService,
    private readonly friends: FriendsPolicy,
  ) {}

  /**
   * Groups both are in, seen only by the viewer (it lists nothing the viewer is not in).
   * A block either way shows none: the card of someone I blocked (or who blocked me) says nothing of where we meet.
   */
  async mutualRooms(viewerId: string, otherId: string, query: MutualRoomsQuery): Promise<MutualRoomPage> {
    if (!(await this.users.findById(otherId))) throw AppError.notFound('User');
    if (viewerId === otherId) return { items: [], next_cursor: null };
    const { aBlockedB, bBlockedA } = await this.friends.blocksBetween(viewerId, otherId);
    if (aBlockedB || bBlockedA) return { items: [], next_cursor: null };
    const rows = await this.repository.mutualGroups(viewerId, otherId, query.cursor, query.limit + 1);
    const items = rows.slice(0, query.limit);
    return { items, next_cursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
  }
}

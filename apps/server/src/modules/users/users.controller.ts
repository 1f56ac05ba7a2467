import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  type AvatarList,
  type PublicUser,
  routes,
  type SelectAvatarBody,
  type SelfUser,
  type UpdateProfileBody,
  type UserPage,
  type UserSearchQuery,
} from '@discordgym/contracts';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { BUILT_IN_AVATARS } from './avatars';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Route(routes.searchUsers)
  search(@Query(new ZodValidationPipe(routes.searchUsers.query)) query: UserSearchQuery): Promise<UserPage> {
    return this.users.search(query);
  }

  @Route(routes.getUser)
  get(@Param(new ZodValidationPipe(routes.getUser.params)) params: { id: string }): Promise<PublicUser> {
    return this.users.getPublic(params.id);
  }

  @Route(routes.getProfile)
  profile(@CurrentAuth() auth: AuthContext): Promise<SelfUser> {
    return this.users.getSelf(auth.userId);
  }

  @Route(routes.updateProfile)
  updateProfile(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.updateProfile.body)) body: UpdateProfileBody,
  ): Promise<SelfUser> {
    return this.users.updateProfile(auth.userId, body);
  }

  @Route(routes.listAvatars)
  avatars(): AvatarList {
    return { items: [...BUILT_IN_AVATARS] };
  }

  @Route(routes.selectAvatar)
  selectAvatar(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.selectAvatar.body)) body: SelectAvatarBody,
  ): Promise<SelfUser> {
    return this.users.updateProfile(auth.userId, { avatar: body.avatar });
  }
}

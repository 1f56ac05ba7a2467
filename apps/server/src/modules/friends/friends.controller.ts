import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  type BlockedUser,
  type BlockedUserPage,
  type BlocksQuery,
  type Friend,
  type FriendPage,
  type FriendRequestPage,
  type FriendRequestsQuery,
  type FriendsQuery,
  routes,
  type SendFriendRequestBody,
  type SendFriendRequestResult,
} from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { FriendsService } from './friends.service';

@Controller()
export class FriendsController {
  constructor(private readonly friends: FriendsService) {}

  @Route(routes.listFriends)
  list(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listFriends.query)) query: FriendsQuery): Promise<FriendPage> {
    return this.friends.friends(auth.userId, query);
  }

  @Route(routes.listFriendRequests)
  requests(
    @CurrentAuth() auth: AuthContext,
    @Query(new ZodValidationPipe(routes.listFriendRequests.query)) query: FriendRequestsQuery,
  ): Promise<FriendRequestPage> {
    return this.friends.requests(auth.userId, query);
  }

  /** 201 for a new request; 200 when it was already pending, turned into an accept, or we are friends. */
  @Route(routes.sendFriendRequest)
  async send(
    @CurrentAuth() auth: AuthContext,
    @Body(new ZodValidationPipe(routes.sendFriendRequest.body)) body: SendFriendRequestBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SendFriendRequestResult> {
    const { result, created } = await this.friends.sendRequest(auth.userId, body);
    if (!created) void reply.status(200);
    return result;
  }

  @Route(routes.acceptFriendRequest)
  accept(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.acceptFriendRequest.params)) params: { id: string }): Promise<Friend> {
    return this.friends.accept(auth.userId, params.id);
  }

  @Route(routes.declineFriendRequest)
  async decline(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.declineFriendRequest.params)) params: { id: string }): Promise<void> {
    await this.friends.decline(auth.userId, params.id);
  }

  @Route(routes.cancelFriendRequest)
  async cancel(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.cancelFriendRequest.params)) params: { id: string }): Promise<void> {
    await this.friends.cancel(auth.userId, params.id);
  }

  @Route(routes.removeFriend)
  async remove(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.removeFriend.params)) params: { userId: string }): Promise<void> {
    await this.friends.removeFriend(auth.userId, params.userId);
  }

  @Route(routes.listBlocks)
  blocks(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listBlocks.query)) query: BlocksQuery): Promise<BlockedUserPage> {
    return this.friends.blocks(auth.userId, query);
  }

  @Route(routes.blockUser)
  block(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.blockUser.params)) params: { userId: string }): Promise<BlockedUser> {
    return this.friends.block(auth.userId, params.userId);
  }

  @Route(routes.unblockUser)
  async unblock(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.unblockUser.params)) params: { userId: string }): Promise<void> {
    await this.friends.unblock(auth.userId, params.userId);
  }
}

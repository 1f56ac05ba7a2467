import { Body, Controller, Param, Query } from '@nestjs/common';
import { type AdminStats, type AdminUser, type AdminUserPage, type AdminUserQuery, type BanBody, routes, type SetRoleBody } from '@discordgym/contracts';
import { type AuthContext, Client, type ClientInfo, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import type { AdminActor } from './admin.policy';
import { AdminService } from './admin.service';
import { StatsService } from './stats.service';

export const actorOf = (auth: AuthContext, client: ClientInfo): AdminActor => ({ kind: 'user', userId: auth.userId, role: auth.role, ip: client.ip });

@Controller()
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly stats: StatsService,
  ) {}

  @Route(routes.adminListUsers)
  listUsers(@Query(new ZodValidationPipe(routes.adminListUsers.query)) query: AdminUserQuery): Promise<AdminUserPage> {
    return this.admin.listUsers(query);
  }

  @Route(routes.adminSetRole)
  setRole(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientInfo,
    @Param(new ZodValidationPipe(routes.adminSetRole.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.adminSetRole.body)) body: SetRoleBody,
  ): Promise<AdminUser> {
    return this.admin.setRole(actorOf(auth, client), params.id, body.role);
  }

  @Route(routes.adminBanUser)
  ban(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientInfo,
    @Param(new ZodValidationPipe(routes.adminBanUser.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.adminBanUser.body)) body: BanBody,
  ): Promise<AdminUser> {
    return this.admin.ban(actorOf(auth, client), params.id, body);
  }

  @Route(routes.adminUnbanUser)
  unban(
    @CurrentAuth() auth: AuthContext,
    @Client() client: ClientInfo,
    @Param(new ZodValidationPipe(routes.adminUnbanUser.params)) params: { id: string },
  ): Promise<AdminUser> {
    return this.admin.unban(actorOf(auth, client), params.id);
  }

  @Route(routes.adminStats)
  statistics(): Promise<AdminStats> {
    return this.stats.collect();
  }
}

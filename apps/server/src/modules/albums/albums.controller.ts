import { Body, Controller, Inject, Param, Query, Req, Res } from '@nestjs/common';
import {
  type AddAlbumMemberBody,
  type Album,
  type AlbumGuestPage,
  type AlbumInvite,
  type AlbumInvitePage,
  type AlbumMember,
  type AlbumMemberPage,
  type AlbumPage,
  type AlbumPageQuery,
  type AlbumWallLink,
  type AlbumWallLinkState,
  type CreateAlbumBody,
  type CreateAlbumInviteBody,
  GUEST_COOKIE,
  type GuestInvitePreview,
  type GuestInvitePreviewBody,
  type GuestJoinBody,
  type GuestSelf,
  routes,
  type UpdateAlbumBody,
} from '@discordgym/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AlbumCaller, type AuthContext, Client, type ClientInfo, CurrentAuth, CurrentCaller } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { AlbumGuestsService } from './album-guests.service';
import { AlbumsService } from './albums.service';

type AlbumParams = { id: string };
type InviteParams = { id: string; inviteId: string };

/** The origin links and QR codes point at: the one the host's browser used (behind a proxy, with TRUST_PROXY, its forwarded host). */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

@Controller()
export class AlbumsController {
  constructor(
    private readonly albums: AlbumsService,
    private readonly guests: AlbumGuestsService,
  ) {}

  @Route(routes.createAlbum)
  create(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.createAlbum.body)) body: CreateAlbumBody): Promise<Album> {
    return this.albums.create(auth, body);
  }

  @Route(routes.listAlbums)
  list(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.listAlbums.query)) query: AlbumPageQuery): Promise<AlbumPage> {
    return this.albums.list(auth, query);
  }

  @Route(routes.getAlbum)
  get(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.getAlbum.params)) params: AlbumParams): Promise<Album> {
    return this.albums.get(caller, params.id);
  }

  @Route(routes.updateAlbum)
  update(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.updateAlbum.params)) params: AlbumParams,
    @Body(new ZodValidationPipe(routes.updateAlbum.body)) body: UpdateAlbumBody,
  ): Promise<Album> {
    return this.albums.update(caller, params.id, body);
  }

  @Route(routes.deleteAlbum)
  async delete(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.deleteAlbum.params)) params: AlbumParams): Promise<void> {
    await this.albums.delete(caller, params.id);
  }

  // ---- members ----

  @Route(routes.listAlbumMembers)
  members(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.listAlbumMembers.params)) params: AlbumParams,
    @Query(new ZodValidationPipe(routes.listAlbumMembers.query)) query: AlbumPageQuery,
  ): Promise<AlbumMemberPage> {
    return this.albums.members(caller, params.id, query);
  }

  /** 201 for a new member; 200 for a role change or nothing to change. */
  @Route(routes.addAlbumMember)
  async addMember(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.addAlbumMember.params)) params: AlbumParams,
    @Body(new ZodValidationPipe(routes.addAlbumMember.body)) body: AddAlbumMemberBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AlbumMember> {
    const { member, created } = await this.albums.addMember(caller, params.id, body);
    if (!created) void reply.status(200);
    return member;
  }

  @Route(routes.removeAlbumMember)
  async removeMember(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.removeAlbumMember.params)) params: { id: string; userId: string },
  ): Promise<void> {
    await this.albums.removeMember(caller, params.id, params.userId);
  }

  // ---- invites ----

  @Route(routes.createAlbumInvite)
  createInvite(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.createAlbumInvite.params)) params: AlbumParams,
    @Body(new ZodValidationPipe(routes.createAlbumInvite.body)) body: CreateAlbumInviteBody,
    @Req() request: FastifyRequest,
  ): Promise<AlbumInvite> {
    return this.guests.createInvite(caller, params.id, body, originOf(request));
  }

  @Route(routes.listAlbumInvites)
  invites(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.listAlbumInvites.params)) params: AlbumParams,
    @Query(new ZodValidationPipe(routes.listAlbumInvites.query)) query: AlbumPageQuery,
    @Req() request: FastifyRequest,
  ): Promise<AlbumInvitePage> {
    return this.guests.invites(caller, params.id, query, originOf(request));
  }

  @Route(routes.revokeAlbumInvite)
  async revokeInvite(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.revokeAlbumInvite.params)) params: InviteParams): Promise<void> {
    await this.guests.revokeInvite(caller, params.id, params.inviteId);
  }

  @Route(routes.albumInviteQrSvg)
  async qrSvg(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.albumInviteQrSvg.params)) params: InviteParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const svg = await this.guests.inviteQr(caller, params.id, params.inviteId, 'svg', originOf(request));
    qrHeaders(reply, 'image/svg+xml; charset=utf-8', 'svg');
    return svg as string;
  }

  @Route(routes.albumInviteQrPng)
  async qrPng(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.albumInviteQrPng.params)) params: InviteParams,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const png = await this.guests.inviteQr(caller, params.id, params.inviteId, 'png', originOf(request));
    qrHeaders(reply, 'image/png', 'png');
    return png as Buffer;
  }

  // ---- guests and wall link (host side) ----

  @Route(routes.listAlbumGuests)
  guestList(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.listAlbumGuests.params)) params: AlbumParams,
    @Query(new ZodValidationPipe(routes.listAlbumGuests.query)) query: AlbumPageQuery,
  ): Promise<AlbumGuestPage> {
    return this.guests.guests(caller, params.id, query);
  }

  @Route(routes.removeAlbumGuest)
  async removeGuest(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.removeAlbumGuest.params)) params: { id: string; guestId: string },
  ): Promise<void> {
    await this.guests.removeGuest(caller, params.id, params.guestId);
  }

  @Route(routes.getAlbumWallLink)
  wallLink(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.getAlbumWallLink.params)) params: AlbumParams,
    @Req() request: FastifyRequest,
  ): Promise<AlbumWallLinkState> {
    return this.guests.wallLink(caller, params.id, originOf(request));
  }

  @Route(routes.createAlbumWallLink)
  createWallLink(
    @CurrentCaller() caller: AlbumCaller,
    @Param(new ZodValidationPipe(routes.createAlbumWallLink.params)) params: AlbumParams,
    @Req() request: FastifyRequest,
  ): Promise<AlbumWallLink> {
    return this.guests.createWallLink(caller, params.id, originOf(request));
  }

  @Route(routes.revokeAlbumWallLink)
  async revokeWallLink(@CurrentCaller() caller: AlbumCaller, @Param(new ZodValidationPipe(routes.revokeAlbumWallLink.params)) params: AlbumParams): Promise<void> {
    await this.guests.revokeWallLink(caller, params.id);
  }
}

/** Guests without an account: the landing page, joining, and the session in its httpOnly cookie. */
@Controller()
export class GuestController {
  constructor(
    private readonly guests: AlbumGuestsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Route(routes.previewGuestInvite)
  preview(@Body(new ZodValidationPipe(routes.previewGuestInvite.body)) body: GuestInvitePreviewBody): Promise<GuestInvitePreview> {
    return this.guests.preview(body.token);
  }

  @Route(routes.guestJoin)
  async join(
    @Body(new ZodValidationPipe(routes.guestJoin.body)) body: GuestJoinBody,
    @Client() client: ClientInfo,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GuestSelf> {
    const joined = await this.guests.join(body, client.ip);
    // Path `/`: the socket handshake (`/socket.io`) needs it as much as `/api`. One guest
    // session per browser: joining another album replaces it.
    reply.setCookie(GUEST_COOKIE, joined.sessionToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookie(this.config, request),
      path: '/',
      expires: joined.expiresAt,
    });
    return joined.self;
  }

  @Route(routes.guestMe)
  me(@CurrentCaller() caller: AlbumCaller): Promise<GuestSelf> {
    return this.guests.me(caller);
  }

  @Route(routes.guestLeave)
  async leave(@CurrentCaller() caller: AlbumCaller, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.guests.leave(caller);
    reply.clearCookie(GUEST_COOKIE, { path: '/' });
  }
}

function qrHeaders(reply: FastifyReply, type: string, extension: string): void {
  void reply
    .header('content-type', type)
    .header('content-disposition', `inline; filename="album-invite.${extension}"`)
    .header('x-content-type-options', 'nosniff')
    // The QR holds a live join link: no shared cache keeps it. The SVG may run nothing if opened on its own.
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
}

/** As for the refresh cookie: secure everywhere but plain-HTTP localhost, where browsers would drop it. */
function secureCookie(config: Config, request: FastifyRequest): boolean {
  if (config.COOKIE_SECURE !== 'auto') return config.COOKIE_SECURE === 'true';
  return !/^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(request.hostname);
}

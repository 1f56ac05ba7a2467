import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import {
  type CommentPage,
  type CommentQuery,
  type CreateCommentBody,
  type FeedPage,
  type FeedQuery,
  type ImportBody,
  type ImportResult,
  type KudosState,
  type Leaderboard,
  type LeaderboardHold,
  type LeaderboardHoldList,
  type LeaderboardQuery,
  type PrRooms,
  type PrRoomsBody,
  routes,
  type WorkoutComment,
} from '@discordgym/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthContext, CurrentAuth } from '../../common/request-context';
import { Route } from '../../common/route.decorator';
import { ZodValidationPipe } from '../../common/zod-validation.pipe';
import { ExportService } from './export.service';
import { ImportService } from './import/import.service';
import { LeaderboardsService } from './leaderboards.service';
import { SocialService } from './social.service';

/** Feed, kudos, comments, PR rooms, leaderboards, import and export of workouts. */
@Controller()
export class SocialController {
  constructor(
    private readonly social: SocialService,
    private readonly leaderboards: LeaderboardsService,
    private readonly importer: ImportService,
    private readonly exporter: ExportService,
  ) {}

  @Route(routes.feed)
  feed(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.feed.query)) query: FeedQuery): Promise<FeedPage> {
    return this.social.feed(auth.userId, query);
  }

  @Route(routes.giveKudos)
  giveKudos(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.giveKudos.params)) params: { id: string }): Promise<KudosState> {
    return this.social.giveKudos(auth.userId, params.id);
  }

  @Route(routes.takeKudos)
  takeKudos(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.takeKudos.params)) params: { id: string }): Promise<KudosState> {
    return this.social.takeKudos(auth.userId, params.id);
  }

  @Route(routes.listComments)
  comments(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.listComments.params)) params: { id: string },
    @Query(new ZodValidationPipe(routes.listComments.query)) query: CommentQuery,
  ): Promise<CommentPage> {
    return this.social.comments(auth.userId, params.id, query);
  }

  /** 201 for a new comment; 200 for a retry with the same client_id. */
  @Route(routes.createComment)
  async comment(
    @CurrentAuth() auth: AuthContext,
    @Param(new ZodValidationPipe(routes.createComment.params)) params: { id: string },
    @Body(new ZodValidationPipe(routes.createComment.body)) body: CreateCommentBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkoutComment> {
    const { comment, created } = await this.social.comment(auth.userId, params.id, body);
    if (!created) void reply.status(200);
    return comment;
  }

  @Route(routes.deleteComment)
  async deleteComment(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.deleteComment.params)) params: { id: string; commentId: string }): Promise<void> {
    await this.social.deleteComment(auth.userId, params.id, params.commentId);
  }

  @Route(routes.getPrRooms)
  prRooms(@CurrentAuth() auth: AuthContext): Promise<PrRooms> {
    return this.social.prRooms(auth.userId);
  }

  @Route(routes.setPrRooms)
  setPrRooms(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.setPrRooms.body)) body: PrRoomsBody): Promise<PrRooms> {
    return this.social.setPrRooms(auth.userId, body.chatroom_ids);
  }

  @Route(routes.leaderboard)
  leaderboard(@CurrentAuth() auth: AuthContext, @Query(new ZodValidationPipe(routes.leaderboard.query)) query: LeaderboardQuery): Promise<Leaderboard> {
    return this.leaderboards.board(auth.userId, query);
  }

  @Route(routes.leaderboardHolds)
  holds(@CurrentAuth() auth: AuthContext): Promise<LeaderboardHoldList> {
    return this.leaderboards.holds(auth.userId);
  }

  @Route(routes.confirmSet)
  confirm(@CurrentAuth() auth: AuthContext, @Param(new ZodValidationPipe(routes.confirmSet.params)) params: { id: string; setId: string }): Promise<LeaderboardHold> {
    return this.leaderboards.confirm(auth.userId, params.id, params.setId);
  }

  @Route(routes.importWorkouts)
  import(@CurrentAuth() auth: AuthContext, @Body(new ZodValidationPipe(routes.importWorkouts.body)) body: ImportBody): Promise<ImportResult> {
    return this.importer.import(auth.userId, body);
  }

  @Route(routes.exportWorkoutsCsv)
  async exportCsv(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const csv = await this.exporter.csv(auth.userId);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="workouts.csv"');
    return csv;
  }

  @Route(routes.exportMyData)
  async exportJson(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    void reply.header('content-disposition', 'attachment; filename="discordgym-training.json"');
    return this.exporter.json(auth.userId);
  }
}

import { Injectable } from '@nestjs/common';
import type {
  CommentPage,
  CommentQuery,
  CreateCommentBody,
  FeedItem,
  FeedPage,
  FeedQuery,
  KudosState,
  PrRooms,
  WorkoutCardSnapshot,
  WorkoutComment,
  WorkoutVisibility,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { DomainEvents } from '../../events/domain-events.service';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { toPublicUser } from '../users/users.service';
import { type CommentRow, SocialRepository, type UserRow } from './social.repository';
import { decodeCursor, encodeCursor } from './workouts.mapper';
import { WorkoutsPolicy } from './workouts.policy';
import { type WorkoutRow, WorkoutsRepository } from './workouts.repository';

const durationOf = (w: WorkoutRow) => Math.max(0, Math.round(((w.endedAt ?? w.finishedAt ?? w.startedAt).getTime() - w.startedAt.getTime()) / 1000));

/**
 * The social layer of workouts: the friends feed, kudos, comments, the workout card and PR
 * announcement rooms. Who sees what is WorkoutsPolicy's answer, always; kudos and comments
 * are for friends (and the owner) only, on workouts they may see.
 */
@Injectable()
export class SocialService {
  constructor(
    private readonly repository: SocialRepository,
    private readonly workouts: WorkoutsRepository,
    private readonly policy: WorkoutsPolicy,
    private readonly events: DomainEvents,
    private readonly emitter: RealtimeEmitter,
  ) {}

  // ---- feed ----

  async feed(viewerId: string, query: FeedQuery): Promise<FeedPage> {
    const before = decodeCursor<[string, string]>(query.before, 'before', ['date', 'id']);
    const rows = await this.repository.feedPage(viewerId, this.policy.visibleToSql(viewerId), before ? { finishedAt: new Date(before[0]), id: before[1] } : undefined, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const items = await this.feedItems(viewerId, page);
    const last = page.at(-1);
    return { items, next_cursor: rows.length > query.limit && last ? encodeCursor([last.finishedAt!.toISOString(), last.id]) : null };
  }

  async feedItems(viewerId: string, rows: WorkoutRow[]): Promise<FeedItem[]> {
    const ids = rows.map((w) => w.id);
    const [lines, prs, kudos, comments, owners] = await Promise.all([
      this.workouts.listLines(ids),
      this.workouts.prCounts(ids),
      this.repository.kudosCounts(ids, viewerId),
      this.repository.commentCounts(ids),
      this.repository.usersByIds(rows.map((w) => w.userId)),
    ]);
    const byId = new Map(owners.map((u) => [u.id, u]));
    return rows.map((w) => ({
      id: w.id,
      owner: toPublicUser(byId.get(w.userId)!),
      title: w.title,
      started_at: w.startedAt.toISOString(),
      ended_at: w.endedAt?.toISOString() ?? null,
      finished_at: w.finishedAt!.toISOString(),
      visibility: w.visibility as WorkoutVisibility,
      duration_s: durationOf(w),
      volume_kg: w.volumeKg,
      set_count: w.setCount,
      exercises: lines.filter((l) => l.workoutId === w.id).map((l) => ({ exercise_id: l.exerciseId, name_en: l.nameEn, name_de: l.nameDe, sets: Number(l.sets) })),
      pr_count: prs.get(w.id) ?? 0,
      kudos_count: kudos.get(w.id)?.count ?? 0,
      has_kudos: kudos.get(w.id)?.mine ?? false,
      comment_count: comments.get(w.id) ?? 0,
    }));
  }

  /**
   * After a finish (the `workout.finished` consumer): the item goes live to the owner and to
   * each friend who may see it. Nothing for a private workout, nothing across a block.
   */
  async announceFinished(workoutId: string): Promise<void> {
    const [row] = await this.rowsByIds([workoutId]);
    if (!row || !row.finishedAt) return;
    const [item] = await this.feedItems(row.userId, [row]);
    if (!item) return;
    const audience = [row.userId];
    if (row.visibility !== 'private') {
      const friends = await this.repository.friendIds(row.userId);
      const viewable = await Promise.all(friends.map(async (id) => ((await this.policy.mayView(id, row)) ? id : null)));
      audience.push(...viewable.filter((id): id is string => id !== null));
    }
    // has_kudos is the viewer's own; nobody has given any at this moment.
    this.emitter.toUsers(audience, 'feed-workout', { ...item, has_kudos: false });
  }

  // ---- kudos ----

  async giveKudos(userId: string, workoutId: string): Promise<KudosState> {
    const workout = await this.socialTarget(userId, workoutId);
    if (workout.userId === userId) throw AppError.forbidden('Kudos are for other people’s workouts');
    const added = await this.repository.transaction(async (tx) => {
      const isNew = await this.repository.addKudos(tx, workoutId, userId);
      if (isNew) await this.events.record(tx, 'workout.kudos.given', { workout_id: workoutId, owner_id: workout.userId, user_id: userId });
      return isNew;
    });
    if (added) this.events.kick();
    return this.kudosChanged(workout, userId, added, true);
  }

  async takeKudos(userId: string, workoutId: string): Promise<KudosState> {
    const workout = await this.socialTarget(userId, workoutId);
    const removed = await this.repository.removeKudos(workoutId, userId);
    return this.kudosChanged(workout, userId, removed, false);
  }

  private async kudosChanged(workout: WorkoutRow, userId: string, changed: boolean, added: boolean): Promise<KudosState> {
    const counts = await this.repository.kudosCounts([workout.id], userId);
    const state = { workout_id: workout.id, kudos_count: counts.get(workout.id)?.count ?? 0, has_kudos: counts.get(workout.id)?.mine ?? false };
    if (changed) this.emitter.toUsers([workout.userId, userId], 'workout-kudos', { workout_id: workout.id, user_id: userId, added, kudos_count: state.kudos_count });
    return state;
  }

  // ---- comments ----

  async comments(userId: string, workoutId: string, query: CommentQuery): Promise<CommentPage> {
    await this.socialTarget(userId, workoutId);
    const after = decodeCursor<[string]>(query.after, 'after', ['id']);
    const rows = await this.repository.commentsPage(workoutId, after?.[0], query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: await this.toComments(page), next_cursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null };
  }

  /** 201 with a new comment; a retry with the same client_id answers the first (`created` false). */
  async comment(userId: string, workoutId: string, body: CreateCommentBody): Promise<{ comment: WorkoutComment; created: boolean }> {
    const workout = await this.socialTarget(userId, workoutId);
    if (body.client_id) {
      const existing = await this.repository.commentByClientId(userId, body.client_id);
      if (existing) {
        if (existing.workoutId !== workoutId || existing.body !== body.body) throw new AppError('CLIENT_ID_CONFLICT', 'This client_id was already used for a different comment');
        return { comment: (await this.toComments([existing]))[0]!, created: false };
      }
    }
    const row = await this.repository.transaction(async (tx) => {
      const created = await this.repository.insertComment(tx, { id: uuidv7(), workoutId, userId, clientId: body.client_id ?? null, body: body.body });
      if (created) await this.events.record(tx, 'workout.comment.created', { workout_id: workoutId, owner_id: workout.userId, comment_id: created.id, user_id: userId });
      return created;
    });
    if (!row) {
      // A concurrent retry with the same client_id won.
      const raced = await this.repository.commentByClientId(userId, body.client_id!);
      return { comment: (await this.toComments([raced!]))[0]!, created: false };
    }
    this.events.kick();
    const [comment] = await this.toComments([row]);
    await this.commentChanged(workout, comment!, false);
    return { comment: comment!, created: true };
  }

  /** The author, or the workout's owner. Deleting a deleted comment answers like the first time. */
  async deleteComment(userId: string, workoutId: string, commentId: string): Promise<void> {
    const workout = await this.socialTarget(userId, workoutId);
    const row = await this.repository.comment(commentId);
    if (!row || row.workoutId !== workoutId) throw AppError.notFound('Comment');
    if (row.userId !== userId && workout.userId !== userId) throw AppError.forbidden('Only its author or the workout’s owner deletes a comment');
    if (row.deletedAt) return;
    if (await this.repository.softDeleteComment(commentId)) {
      const [comment] = await this.toComments([row]);
      await this.commentChanged(workout, comment!, true);
    }
  }

  private async commentChanged(workout: WorkoutRow, comment: WorkoutComment, deleted: boolean): Promise<void> {
    const count = (await this.repository.commentCounts([workout.id])).get(workout.id) ?? 0;
    this.emitter.toUsers([...new Set([workout.userId, comment.author.id])], 'workout-comment', { workout_id: workout.id, comment, deleted, comment_count: count });
  }

  private async toComments(rows: CommentRow[]): Promise<WorkoutComment[]> {
    const authors = new Map((await this.repository.usersByIds(rows.map((r) => r.userId))).map((u): [string, UserRow] => [u.id, u]));
    return rows.map((r) => ({ id: r.id, workout_id: r.workoutId, author: toPublicUser(authors.get(r.userId)!), body: r.body, created_at: r.createdAt.toISOString() }));
  }

  /**
   * A workout kudos and comments may be about: finished, visible to me (the policy), and
   * mine or a friend's. Someone who may see it (a public workout of a stranger) but is no
   * friend gets 403; someone who may not see it, 404.
   */
  private async socialTarget(userId: string, workoutId: string): Promise<WorkoutRow> {
    const workout = await this.policy.assertMayView(userId, workoutId);
    if (!workout.finishedAt) throw AppError.notFound('Workout');
    if (workout.userId !== userId && !(await this.repository.areFriends(userId, workout.userId))) throw AppError.forbidden('Kudos and comments are between friends');
    return workout;
  }

  // ---- the workout card in chat ----

  /**
   * What a workout card shows: only its owner shares it, only once finished, and never a
   * private one (a card is seen by everyone in the room). 404 for a workout the sender may
   * not see, 403 for one they see but may not share.
   */
  async cardSnapshot(userId: string, workoutId: string): Promise<WorkoutCardSnapshot> {
    const workout = await this.policy.assertMayView(userId, workoutId);
    if (workout.userId !== userId) throw AppError.forbidden('Only its owner shares a workout');
    if (!workout.finishedAt) throw AppError.forbidden('Finish the workout before sharing it');
    if (workout.visibility === 'private') throw AppError.forbidden('A private workout cannot be shared; make it visible to friends or public first');
    return this.snapshotOf(workout);
  }

  async snapshotOf(workout: WorkoutRow): Promise<WorkoutCardSnapshot> {
    const [records, lines] = await Promise.all([this.workouts.currentRecordsOfWorkout(workout.id), this.workouts.listLines([workout.id])]);
    const prs = records.filter((r) => r.previousValue !== null);
    const names = await this.repository.exerciseNames(prs.map((r) => r.exerciseId));
    return {
      owner_id: workout.userId,
      title: workout.title,
      started_at: workout.startedAt.toISOString(),
      duration_s: durationOf(workout),
      volume_kg: workout.volumeKg,
      set_count: workout.setCount,
      exercise_count: lines.length,
      // Bounded: the card stays small whatever the workout held.
      prs: prs.slice(0, 20).map((r) => ({
        exercise_id: r.exerciseId,
        name_en: names.get(r.exerciseId)?.nameEn ?? '',
        name_de: names.get(r.exerciseId)?.nameDe ?? '',
        kind: r.kind as WorkoutCardSnapshot['prs'][number]['kind'],
        value: r.value,
        weight_kg: r.weightKg,
      })),
    };
  }

  // ---- PR announcement rooms ----

  async prRooms(userId: string): Promise<PrRooms> {
    return { chatroom_ids: await this.repository.prRooms(userId) };
  }

  /** Only rooms I am in: any other is a 404 (other people's rooms are not revealed), nothing written. */
  async setPrRooms(userId: string, roomIds: string[]): Promise<PrRooms> {
    const wanted = [...new Set(roomIds)];
    if (!(await this.repository.memberOfAll(userId, wanted))) throw AppError.notFound('Chatroom');
    await this.repository.replacePrRooms(userId, wanted);
    return this.prRooms(userId);
  }

  async rowsByIds(ids: string[]): Promise<WorkoutRow[]> {
    return this.repository.workoutsByIds(ids);
  }
}

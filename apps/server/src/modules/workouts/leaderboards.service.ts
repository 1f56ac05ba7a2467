import { Injectable } from '@nestjs/common';
import {
  LEADERBOARD_DEFAULT_PERIOD,
  type Leaderboard,
  type LeaderboardHold,
  type LeaderboardHoldList,
  type LeaderboardPeriod,
  type LeaderboardQuery,
  PLAUSIBILITY_FACTOR,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { isUniqueViolation } from '../../infra/db/database';
import { toPublicUser } from '../users/users.service';
import { type BoardRow, type HoldRow, SocialRepository } from './social.repository';
import { WorkoutsPolicy } from './workouts.policy';

const DAY_MS = 86_400_000;

/** DOTS coefficients (IPF, 2019), by sex; bodyweight is clamped to the formula's range. */
const DOTS = {
  male: { c: [-307.75076, 24.0900756, -0.1918759221, 0.0007391293, -0.000001093], min: 40, max: 210 },
  female: { c: [-57.96288, 13.6175032, -0.1126655495, 0.0005158568, -0.0000010706], min: 40, max: 150 },
} as const;

/** DOTS points of a lift: 500 / polynomial(bodyweight) × kg. */
export function dots(liftKg: number, bodyweightKg: number, sex: 'male' | 'female'): number {
  const { c, min, max } = DOTS[sex];
  const bw = Math.min(max, Math.max(min, bodyweightKg));
  const denominator = c[0] + c[1] * bw + c[2] * bw ** 2 + c[3] * bw ** 3 + c[4] * bw ** 4;
  return (500 / denominator) * liftKg;
}

/** The window of a period ending now: [from, to), from null for all time; weeks start on Monday (UTC). */
export function periodWindow(period: LeaderboardPeriod, now = new Date()): { from: Date | null; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS;
  switch (period) {
    case 'week':
      return { from: new Date(monday), to: new Date(now.getTime() + 1) };
    case 'last_week':
      return { from: new Date(monday - 7 * DAY_MS), to: new Date(monday) };
    case '4_weeks':
      return { from: new Date(now.getTime() - 28 * DAY_MS), to: new Date(now.getTime() + 1) };
    case '90_days':
      return { from: new Date(now.getTime() - 90 * DAY_MS), to: new Date(now.getTime() + 1) };
    case 'all':
      return { from: null, to: new Date(now.getTime() + 1) };
  }
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/**
 * Leaderboards among my friends or in a room of mine. Only workouts I may see count
 * (WorkoutsPolicy: never someone else's private one), and a lift far above the lifter's
 * previous best stays out until they confirm it.
 */
@Injectable()
export class LeaderboardsService {
  constructor(
    private readonly repository: SocialRepository,
    private readonly policy: WorkoutsPolicy,
  ) {}

  async board(viewerId: string, query: LeaderboardQuery): Promise<Leaderboard> {
    const members = await this.members(viewerId, query.scope);
    const period = query.period ?? LEADERBOARD_DEFAULT_PERIOD[query.metric];
    const { from, to } = periodWindow(period);
    const visible = this.policy.visibleToSql(viewerId);
    let rows: Array<BoardRow & { e1rm?: number; bodyweight?: number }>;
    if (query.metric === 'weekly_volume') rows = await this.repository.volumeBoard(members, visible, from, to);
    else if (query.metric === 'consistency') rows = await this.repository.consistencyBoard(members, visible, from, to);
    else {
      const lifts = await this.repository.strengthBoard(members, visible, query.exercise!, PLAUSIBILITY_FACTOR, from, to);
      const bodies = await this.repository.bodies(lifts.map((l) => l.userId));
      rows = [];
      for (const lift of lifts) {
        const body = bodies.get(lift.userId);
        // Relative strength needs a bodyweight (and sex for DOTS); without, the lifter is not ranked.
        if (!body?.bodyweightKg) continue;
        if (query.formula === 'dots') {
          if (body.sex !== 'male' && body.sex !== 'female') continue;
          rows.push({ userId: lift.userId, value: dots(lift.value, body.bodyweightKg, body.sex), e1rm: lift.value, bodyweight: body.bodyweightKg });
        } else rows.push({ userId: lift.userId, value: lift.value / body.bodyweightKg, e1rm: lift.value, bodyweight: body.bodyweightKg });
      }
    }
    rows.sort((a, b) => b.value - a.value || a.userId.localeCompare(b.userId));
    const top = rows.slice(0, query.limit);
    const users = new Map((await this.repository.usersByIds(top.map((r) => r.userId))).map((u) => [u.id, u]));
    let rank = 0;
    let previous: number | undefined;
    const entries = top.map((r, i) => {
      // Ties share a rank (1, 1, 3).
      const value = round(r.value, query.metric === 'relative_strength' ? 3 : 2);
      if (value !== previous) rank = i + 1;
      previous = value;
      return { rank, user: toPublicUser(users.get(r.userId)!), value, e1rm_kg: r.e1rm !== undefined ? round(r.e1rm) : null, bodyweight_kg: r.bodyweight ?? null };
    });
    return { scope: query.scope, metric: query.metric, period, exercise_id: query.exercise ?? null, from: from?.toISOString() ?? null, to: to.toISOString(), entries };
  }

  async holds(userId: string): Promise<LeaderboardHoldList> {
    return { items: (await this.repository.pendingHolds(userId)).map(toHold) };
  }

  /**
   * The lifter vouches for a held set: it counts from now on. Works before the hold's
   * consumer has run too (the hold is made here then). Idempotent.
   */
  async confirm(userId: string, workoutId: string, setId: string): Promise<LeaderboardHold> {
    await this.policy.assertOwner(userId, workoutId);
    if (!(await this.repository.setOfWorkout(workoutId, setId))) throw AppError.notFound('Set');
    const existing = await this.repository.holdOfSet(setId, 'e1rm');
    if (existing) return toHold(existing.status === 'confirmed' ? existing : await this.repository.confirmHold(existing.id));
    const record = await this.repository.e1rmRecordOfSet(workoutId, setId);
    if (!record || record.previousValue === null || record.value <= PLAUSIBILITY_FACTOR * record.previousValue) throw AppError.notFound('Held lift');
    try {
      await this.repository.transaction((tx) =>
        this.repository.insertHolds(tx, [
          { id: uuidv7(), userId, workoutId, setId, exerciseId: record.exerciseId, metric: 'e1rm', value: record.value, previousBest: record.previousValue, status: 'confirmed', resolvedAt: new Date() },
        ]),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const made = (await this.repository.holdOfSet(setId, 'e1rm'))!;
    return toHold(made.status === 'confirmed' ? made : await this.repository.confirmHold(made.id));
  }

  /** Me and my friends, or the members of a room I am in (404 for any other room). */
  private async members(viewerId: string, scope: string): Promise<string[]> {
    if (scope === 'friends') return [viewerId, ...(await this.repository.friendIds(viewerId))];
    const roomId = scope.slice('room:'.length).toLowerCase();
    const members = await this.repository.roomMemberIds(roomId);
    if (!members.includes(viewerId)) throw AppError.notFound('Chatroom');
    return members;
  }
}

function toHold(row: HoldRow): LeaderboardHold {
  return {
    id: row.id,
    workout_id: row.workoutId,
    set_id: row.setId,
    exercise_id: row.exerciseId,
    metric: row.metric,
    value: row.value,
    previous_best: row.previousBest,
    status: row.status as LeaderboardHold['status'],
    created_at: row.createdAt.toISOString(),
  };
}

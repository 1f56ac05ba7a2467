import type { AccountStatus, AdminUserSummary, BanDetails } from '@discordgym/contracts';
import { UserRole } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { UserRow } from './users.repository';

type BanFields = Pick<UserRow, 'bannedAt' | 'bannedUntil' | 'banReason'>;

/** The ban in force at `now`, if any: a ban whose `until` has passed is over. */
export function activeBan(user: BanFields, now: Date = new Date()): BanDetails | undefined {
  if (!user.bannedAt) return undefined;
  if (user.bannedUntil && user.bannedUntil <= now) return undefined;
  return { banned_until: user.bannedUntil?.toISOString() ?? null, reason: user.banReason ?? '' };
}

export function accountStatus(user: BanFields, now: Date = new Date()): AccountStatus {
  return activeBan(user, now) ? 'banned' : 'active';
}

/** What login and refresh answer for a banned account: the reason and the end, in `details`. */
export function bannedError(ban: BanDetails): AppError {
  const until = ban.banned_until ? `until ${ban.banned_until}` : 'without end';
  return new AppError('ACCOUNT_BANNED', `This account is banned ${until}: ${ban.reason}`, ban);
}

/** Who someone is on the moderation screens. */
export function toUserSummary(
  row: Pick<UserRow, 'id' | 'username' | 'discriminator' | 'displayName' | 'role'> & BanFields,
  now: Date = new Date(),
): AdminUserSummary {
  return {
    id: row.id,
    handle: `${row.username}#${row.discriminator}`,
    display_name: row.displayName,
    role: UserRole.catch('member').parse(row.role),
    status: accountStatus(row, now),
  };
}

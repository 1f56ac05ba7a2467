import { Injectable } from '@nestjs/common';
import { roleRank, UserRole } from '@discordgym/contracts';
import { AppError } from '../../common/app-error';
import type { UserRow } from '../users/users.repository';

/**
 * Who acts: a signed-in moderator or admin, or the admin CLI at the server's own terminal
 * (`system`), which is as trusted as whoever can read the data folder or the database.
 */
export type AdminActor = { kind: 'user'; userId: string; role: UserRole; ip?: string | null } | { kind: 'system'; via: 'cli' };

export const cliActor: AdminActor = { kind: 'system', via: 'cli' };

/** The user id an audit entry names as actor: null for the CLI. */
export const actorId = (actor: AdminActor): string | null => (actor.kind === 'user' ? actor.userId : null);

const rankOf = (row: Pick<UserRow, 'role'>): number => roleRank[UserRole.catch('member').parse(row.role)];

/**
 * The rules of administration, in one place for REST, the admin socket and the CLI. The
 * route table already keeps members out (403); these are the finer rules about whom.
 */
@Injectable()
export class AdminPolicy {
  /** Only admins change roles; the last-admin rule is checked under a lock by the repository. */
  assertMayChangeRole(actor: AdminActor): void {
    if (actor.kind === 'system') return;
    if (actor.role !== 'admin') throw AppError.forbidden('Only an admin changes roles');
  }

  /**
   * A ban (and its lifting) reaches only below one's own rank: a moderator bans members, an
   * admin members and moderators. An admin is demoted before a ban; nobody bans themselves.
   */
  assertMayBan(actor: AdminActor, target: UserRow): void {
    if (actor.kind === 'system') return;
    if (actor.userId === target.id) throw AppError.forbidden('You cannot ban yourself');
    if (roleRank[actor.role] <= rankOf(target)) throw AppError.forbidden(`A ${actor.role} cannot ban a ${target.role}`);
  }
}

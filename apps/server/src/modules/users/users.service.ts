import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type CustomStatus,
  DmsFrom,
  FriendRequestsFrom,
  PresenceChoice,
  type PrivacySettings,
  type PublicUser,
  type SelfUser,
  type UpdateProfileBody,
  type UserPage,
  UserRole,
  type UserSearchQuery,
} from '@discordgym/contracts';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../common/app-error';
import { Clock } from '../../common/clock';
import { isUniqueViolation } from '../../infra/db/database';
import { PresenceRules } from '../../realtime/presence-rules';
import { PresenceService } from '../../realtime/presence.service';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';
import { isBuiltInAvatar } from './avatars';
import { type ProfilePatch, type UserRow, UsersRepository } from './users.repository';

const DISCRIMINATOR_ATTEMPTS = 20;
/** The longest a custom status may be set for with an end ("never" has none). */
const CUSTOM_STATUS_MAX_MS = 7 * 24 * 3600_000;

export const handleOf = (user: Pick<UserRow, 'username' | 'discriminator'>): string => `${user.username}#${user.discriminator}`;

/** The custom status while it lasts; computed on read, so an expired one needs no job to vanish. */
export function customStatusOf(row: Pick<UserRow, 'customStatusText' | 'customStatusExpiresAt'>, now: Date): CustomStatus | null {
  if (!row.customStatusText) return null;
  if (row.customStatusExpiresAt && row.customStatusExpiresAt.getTime() <= now.getTime()) return null;
  return { text: row.customStatusText, expires_at: row.customStatusExpiresAt?.toISOString() ?? null };
}

/** As others see me: an invisible user shows no custom status either. */
export function toPublicUser(row: UserRow, now: Date = new Date()): PublicUser {
  return {
    id: row.id,
    username: row.username,
    handle: handleOf(row),
    display_name: row.displayName,
    bio: row.bio,
    avatar: row.avatar,
    created_at: row.createdAt.toISOString(),
    custom_status: row.presenceChoice === 'invisible' ? null : customStatusOf(row, now),
    avatar_url: row.avatar ? `/avatars/${row.avatar}.svg` : null,
    // Presence depends on the viewer: null here; viewer-aware paths fill it in (`withPresence`).
    is_online: null,
    last_seen: null,
  };
}

export function privacyOf(row: Pick<UserRow, 'friendRequestsFrom' | 'dmsFrom' | 'readReceipts'>): PrivacySettings {
  return {
    friend_requests_from: FriendRequestsFrom.parse(row.friendRequestsFrom),
    dms_from: DmsFrom.parse(row.dmsFrom),
    read_receipts: row.readReceipts,
  };
}

export function toSelfUser(row: UserRow, now: Date = new Date()): SelfUser {
  return {
    ...toPublicUser(row, now),
    custom_status: customStatusOf(row, now),
    email: row.email,
    role: UserRole.parse(row.role),
    privacy: privacyOf(row),
    presence: PresenceChoice.catch('online').parse(row.presenceChoice),
  };
}

/** The seeds' `generateDiscordId`: a random four-digit tag, 0001–9999. */
export function generateDiscriminator(): string {
  return String(randomInt(1, 10_000)).padStart(4, '0');
}

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly presenceRules: PresenceRules,
    private readonly emitter: RealtimeEmitter,
    private readonly presence: PresenceService,
    private readonly clock: Clock,
  ) {
    this.presenceRules.setChoiceSource(async (ids) => {
      const rows = await this.repository.presenceChoices(ids);
      return new Map(rows.map((r) => [r.id, PresenceChoice.catch('online').parse(r.choice)]));
    });
  }

  /** Creates the account row; retries the tag when `username#NNNN` is taken. */
  async createAccount(input: { username: string; email: string; passwordHash: string }): Promise<UserRow> {
    for (let attempt = 0; attempt < DISCRIMINATOR_ATTEMPTS; attempt++) {
      try {
        return await this.repository.insert({ id: uuidv7(), ...input, discriminator: generateDiscriminator() });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
        if (!isUniqueViolation(error, 'users_handle_key')) throw error;
      }
    }
    throw new AppError('HANDLE_UNAVAILABLE', 'This username is very popular; please choose another');
  }

  findById(id: string): Promise<UserRow | undefined> {
    return this.repository.findById(id);
  }

  /** Email or `username#NNNN`; undefined when no such account. */
  async findForLogin(login: { email: string } | { handle: string }): Promise<UserRow | undefined> {
    if ('email' in login) return this.repository.findByEmail(login.email);
    const match = /^(.+)#(\d{4})$/.exec(login.handle);
    if (!match) return undefined;
    return this.repository.findByHandle(match[1]!, match[2]!);
  }

  /**
   * Who a login names: one account for an email or a full handle; for a bare username
   * (no `#NNNN`) every account of that name, at most `limit`, so the caller can tell
   * "nobody", "exactly one" and "several" apart.
   */
  async findLoginCandidates(login: { email: string } | { handle: string }, limit: number): Promise<UserRow[]> {
    if ('email' in login || login.handle.includes('#')) {
      const row = await this.findForLogin(login);
      return row ? [row] : [];
    }
    return this.repository.findByUsername(login.handle, limit);
  }

  async getSelf(id: string): Promise<SelfUser> {
    const row = await this.repository.findById(id);
    if (!row) throw AppError.notFound('User');
    return toSelfUser(row, this.clock.now());
  }

  async getPublic(id: string): Promise<PublicUser> {
    const row = await this.repository.findById(id);
    if (!row) throw AppError.notFound('User');
    return toPublicUser(row, this.clock.now());
  }

  async search(query: UserSearchQuery): Promise<UserPage> {
    const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.repository.search({ q: query.q || undefined, afterId, limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => toPublicUser(r)),
      next_cursor: rows.length > query.limit && last ? encodeCursor(last.id) : null,
    };
  }

  async updateProfile(id: string, body: UpdateProfileBody): Promise<SelfUser> {
    const patch: ProfilePatch = {};
    if (body.display_name !== undefined) patch.displayName = body.display_name;
    if (body.bio !== undefined) patch.bio = body.bio === null ? null : body.bio.trim() || null;
    if (body.avatar !== undefined) {
      if (body.avatar !== null && !isBuiltInAvatar(body.avatar)) {
        throw new AppError('VALIDATION_FAILED', 'Unknown avatar', [{ path: 'avatar', message: 'not one of /api/avatars' }]);
      }
      patch.avatar = body.avatar;
    }
    if (body.custom_status !== undefined) {
      const expiresAt = body.custom_status?.expires_at ? new Date(body.custom_status.expires_at) : null;
      const left = expiresAt ? expiresAt.getTime() - this.clock.now().getTime() : 0;
      if (expiresAt && (left <= 0 || left > CUSTOM_STATUS_MAX_MS)) {
        const message = left <= 0 ? 'must lie in the future' : 'at most 7 days ahead (or null: until cleared)';
        throw new AppError('VALIDATION_FAILED', `custom_status.expires_at ${message}`, [{ path: 'custom_status.expires_at', message }]);
      }
      patch.customStatusText = body.custom_status?.text ?? null;
      patch.customStatusExpiresAt = expiresAt;
    }
    if (body.presence !== undefined) patch.presenceChoice = body.presence;
    if (body.privacy?.friend_requests_from !== undefined) patch.friendRequestsFrom = body.privacy.friend_requests_from;
    if (body.privacy?.dms_from !== undefined) patch.dmsFrom = body.privacy.dms_from;
    if (body.privacy?.read_receipts !== undefined) patch.readReceipts = body.privacy.read_receipts;
    const row = Object.keys(patch).length ? await this.repository.updateProfile(id, patch) : await this.repository.findById(id);
    if (!row) throw AppError.notFound('User');
    const publicChange =
      patch.displayName !== undefined || patch.bio !== undefined || patch.avatar !== undefined || patch.customStatusText !== undefined || patch.presenceChoice !== undefined;
    if (patch.presenceChoice !== undefined) await this.presence.choiceChanged(row.id, PresenceChoice.parse(patch.presenceChoice));
    if (publicChange) await this.announceProfile(row);
    return toSelfUser(row, this.clock.now());
  }

  /**
   * After the update has committed: whoever may see this person's presence (room mates and
   * friends, blocks filtered both ways) and their own other devices see the new name,
   * avatar and bio live. The audience is the presence audience, bounded the same way.
   */
  private async announceProfile(row: UserRow): Promise<void> {
    const audience = await this.presenceRules.audienceOf(row.id);
    this.emitter.toUsers([row.id, ...audience], 'user-updated', { user: toPublicUser(row) });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!UUID.test(id)) throw new AppError('VALIDATION_FAILED', 'Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  return id;
}

import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { PresenceChoice, UserStatusChanged } from '@discordgym/contracts';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/env';
import { PresenceStore, type LiveStatus, type PresenceState } from '../infra/realtime/presence-store';
import { PresenceRules } from './presence-rules';
import { shownStatus, statusChange } from './shown-status';
import { RealtimeEmitter, type RealtimeServer } from './realtime-emitter';

/**
 * Online / away / offline across instances. Each instance renews the leases of its own
 * sockets; any instance's sweep takes the users of a crashed one offline once their
 * leases run out. Status goes only to the user's audience (see PresenceRules).
 */
@Injectable()
export class PresenceService implements OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private timer: NodeJS.Timeout | undefined;
  private server: RealtimeServer | undefined;

  constructor(
    private readonly store: PresenceStore,
    private readonly rules: PresenceRules,
    private readonly emitter: RealtimeEmitter,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get leaseMs(): number {
    return this.config.PRESENCE_LEASE_SECONDS * 1000;
  }

  start(server: RealtimeServer): void {
    this.server = server;
    this.timer = setInterval(() => void this.tick(), Math.max(1000, this.leaseMs / 3));
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** The audience at connect time and the status of those of them who are not offline. */
  async connected(userId: string, socketId: string): Promise<{ mates: string[]; statuses: UserStatusChanged[] }> {
    const cameOnline = await this.store.connect(userId, socketId, this.leaseMs);
    // One audience, one read of the choices (mine and theirs) and of their live states: the
    // broadcast and this socket's own statuses need the same rows, on every connect.
    const mates = await this.rules.audienceOf(userId);
    const choices = await this.rules.choicesOf([userId, ...mates]);
    // Invisible: everyone already sees "offline"; coming online tells no one anything.
    if (cameOnline && choices.get(userId) !== 'invisible') {
      this.emitter.toUsers([...mates, userId], 'user-status-changed', statusChange(userId, shownStatus(choices.get(userId), 'online'), null));
    }
    const live = mates.length ? await this.store.get(mates) : new Map<string, PresenceState>();
    const statuses: UserStatusChanged[] = [];
    for (const [id, state] of live) {
      const shown = shownStatus(choices.get(id), state.status);
      if (shown !== 'offline') statuses.push(statusChange(id, shown, state.lastSeen?.toISOString() ?? null));
    }
    return { mates, statuses };
  }

  /** The statuses of those of `userIds` whom `viewerId` may see. */
  async statusesVisibleTo(viewerId: string, userIds: string[]): Promise<UserStatusChanged[]> {
    return this.statusesOf(await this.rules.allowed(viewerId, userIds));
  }

  /**
   * A relation appeared (a friendship) or went (a block): each side learns the other's
   * current status, or "offline" when they may no longer see it.
   */
  async relationChanged(a: string, b: string): Promise<void> {
    const visible = (await this.rules.audienceOf(a)).includes(b);
    const [aState, bState] = await Promise.all([this.statusesOf([a]), this.statusesOf([b])]);
    const hidden = (userId: string): UserStatusChanged => statusChange(userId, 'offline', null);
    this.emitter.toUsers([b], 'user-status-changed', visible ? (aState[0] ?? hidden(a)) : hidden(a));
    this.emitter.toUsers([a], 'user-status-changed', visible ? (bState[0] ?? hidden(b)) : hidden(b));
  }

  /**
   * Seed 003's `is_online` / `last_seen` on user objects, for those of `userIds` whose
   * presence `viewerId` may see (themself included); the others are absent (the caller
   * shows null). Invisible reads as offline with no last-seen time.
   */
  async onlineFor(viewerId: string, userIds: string[]): Promise<Map<string, { is_online: boolean; last_seen: string | null }>> {
    const others = [...new Set(userIds)].filter((id) => id !== viewerId);
    const allowed = [...(await this.rules.allowed(viewerId, others)), ...(userIds.includes(viewerId) ? [viewerId] : [])];
    const result = new Map<string, { is_online: boolean; last_seen: string | null }>();
    if (!allowed.length) return result;
    const [live, choices] = await Promise.all([this.store.get(allowed), this.rules.choicesOf(allowed)]);
    for (const id of allowed) {
      const state = live.get(id);
      const choice = choices.get(id);
      const shown = shownStatus(choice, state?.status ?? 'offline');
      const lastSeen = shown === 'offline' && choice !== 'invisible' ? (state?.lastSeen?.toISOString() ?? null) : null;
      result.set(id, { is_online: shown !== 'offline', last_seen: lastSeen });
    }
    return result;
  }

  /** The current status of each of these users who is not offline. */
  async statusesOf(userIds: string[]): Promise<UserStatusChanged[]> {
    if (!userIds.length) return [];
    const live = [...(await this.store.get(userIds))].filter(([, s]) => s.status !== 'offline');
    const choices = await this.rules.choicesOf(live.map(([id]) => id));
    return live
      .map(([id, s]) => statusChange(id, shownStatus(choices.get(id), s.status), s.lastSeen?.toISOString() ?? null))
      .filter((s) => s.status !== 'offline');
  }

  /**
   * After a user's choice committed: their audience and their own devices see what the new
   * choice shows. Nothing while they are offline; going invisible reads as going offline,
   * with no last-seen time.
   */
  async choiceChanged(userId: string, choice: PresenceChoice): Promise<void> {
    const live = (await this.store.get([userId])).get(userId)?.status ?? 'offline';
    if (live === 'offline') return;
    const mates = await this.rules.audienceOf(userId);
    this.emitter.toUsers([...mates, userId], 'user-status-changed', statusChange(userId, shownStatus(choice, live), null));
  }

  async disconnected(userId: string, socketId: string): Promise<void> {
    if (await this.store.disconnect(userId, socketId)) await this.broadcast(userId, 'offline', new Date());
  }

  async setStatus(userId: string, status: LiveStatus): Promise<void> {
    if (await this.store.setStatus(userId, status)) await this.broadcast(userId, status, null);
  }

  private async tick(): Promise<void> {
    try {
      const local = [...(this.server?.sockets.sockets.values() ?? [])]
        .filter((s) => s.data.auth)
        .map((s) => ({ userId: s.data.auth.userId as string, socketId: s.id }));
      // Leases the store lost (Redis restarted empty) are taken again, like new connections:
      // the user is online again for everyone, not "offline" until they reconnect.
      for (const lost of await this.store.renew(local, this.leaseMs)) {
        if (!this.server?.sockets.sockets.get(lost.socketId)?.connected) continue;
        if (await this.store.connect(lost.userId, lost.socketId, this.leaseMs)) await this.broadcast(lost.userId, 'online', null);
      }
      for (const userId of await this.store.sweep()) await this.broadcast(userId, 'offline', new Date());
    } catch (error) {
      // Redis briefly away: the next tick renews; leases are long enough to ride it out.
      this.logger.warn(`presence tick failed: ${String(error)}`);
    }
  }

  private async broadcast(userId: string, live: LiveStatus | 'offline', lastSeen: Date | null): Promise<void> {
    // Both lookups at once: this runs on every connect and disconnect.
    const [choices, mates] = await Promise.all([this.rules.choicesOf([userId]), this.rules.audienceOf(userId)]);
    const choice = choices.get(userId);
    // Invisible: everyone already sees "offline"; coming, going and idling tell no one anything.
    if (choice === 'invisible') return;
    const status = shownStatus(choice, live);
    this.emitter.toUsers([...mates, userId], 'user-status-changed', statusChange(userId, status, lastSeen?.toISOString() ?? null));
  }
}

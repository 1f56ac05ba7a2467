import type { PresenceChoice, PresenceStatus, UserStatusChanged } from '@discordgym/contracts';
import type { LiveStatus } from '../infra/realtime/presence-store';

/**
 * What others see of a user: their connection (online / away / offline) through their
 * choice. Invisible reads as offline, DND as `dnd`, idle as `away`; no choice is `online`.
 */
export function shownStatus(choice: PresenceChoice | undefined, live: LiveStatus | 'offline'): PresenceStatus {
  if (live === 'offline' || choice === 'invisible') return 'offline';
  if (choice === 'dnd') return 'dnd';
  if (choice === 'idle') return 'away';
  return live;
}

/** A `user-status-changed` payload; `is_online` (seed 003) is `status !== 'offline'`. */
export function statusChange(userId: string, status: PresenceStatus, lastSeen: string | null): UserStatusChanged {
  return { user_id: userId, status, is_online: status !== 'offline', last_seen: lastSeen };
}

export type LiveStatus = 'online' | 'away';

export interface PresenceLease {
  userId: string;
  socketId: string;
}

export interface PresenceState {
  status: LiveStatus | 'offline';
  lastSeen: Date | null;
}

/**
 * Who is online, across every instance. Each socket is a lease that its instance renews
 * (heartbeat); a crashed instance stops renewing, its leases run out and the sweep takes
 * those users offline. A user is offline only when their last live socket is gone.
 */
export abstract class PresenceStore {
  abstract readonly kind: 'memory' | 'redis';
  /** true when this socket took the user from offline to online. */
  abstract connect(userId: string, socketId: string, leaseMs: number): Promise<boolean>;
  /** true when this was the user's last live socket (now offline). */
  abstract disconnect(userId: string, socketId: string): Promise<boolean>;
  /**
   * Extends these live sockets' leases; returns the ones the store no longer holds (Redis
   * restarted empty, or the lease ran out before renewal), which the caller connects again.
   */
  abstract renew(leases: PresenceLease[], leaseMs: number): Promise<PresenceLease[]>;
  /** true when the status changed; ignored for users who are offline. */
  abstract setStatus(userId: string, status: LiveStatus): Promise<boolean>;
  abstract get(userIds: string[]): Promise<Map<string, PresenceState>>;
  /** Users whose every lease has run out, each returned by exactly one caller. */
  abstract sweep(): Promise<string[]>;
  abstract close(): Promise<void>;
}

import { type LiveStatus, type PresenceLease, type PresenceState, PresenceStore } from './presence-store';

interface UserPresence {
  sockets: Map<string, number>;
  status: LiveStatus;
}

export class MemoryPresenceStore extends PresenceStore {
  readonly kind = 'memory' as const;
  private readonly users = new Map<string, UserPresence>();
  private readonly lastSeen = new Map<string, Date>();

  constructor(private readonly now: () => number = Date.now) {
    super();
  }

  async connect(userId: string, socketId: string, leaseMs: number): Promise<boolean> {
    const entry = this.users.get(userId);
    const wasOnline = entry ? this.prune(entry) > 0 : false;
    const presence = entry ?? { sockets: new Map(), status: 'online' as LiveStatus };
    if (!wasOnline) presence.status = 'online';
    presence.sockets.set(socketId, this.now() + leaseMs);
    this.users.set(userId, presence);
    return !wasOnline;
  }

  async disconnect(userId: string, socketId: string): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry || !entry.sockets.delete(socketId)) return false;
    if (this.prune(entry) > 0) return false;
    this.goOffline(userId);
    return true;
  }

  async renew(leases: PresenceLease[], leaseMs: number): Promise<PresenceLease[]> {
    const lost: PresenceLease[] = [];
    for (const lease of leases) {
      const entry = this.users.get(lease.userId);
      if (entry?.sockets.has(lease.socketId)) entry.sockets.set(lease.socketId, this.now() + leaseMs);
      else lost.push(lease);
    }
    return lost;
  }

  async setStatus(userId: string, status: LiveStatus): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry || this.prune(entry) === 0 || entry.status === status) return false;
    entry.status = status;
    return true;
  }

  async get(userIds: string[]): Promise<Map<string, PresenceState>> {
    const result = new Map<string, PresenceState>();
    for (const id of userIds) {
      const entry = this.users.get(id);
      const live = entry ? this.prune(entry) > 0 : false;
      result.set(id, { status: live ? entry!.status : 'offline', lastSeen: this.lastSeen.get(id) ?? null });
    }
    return result;
  }

  async sweep(): Promise<string[]> {
    const gone: string[] = [];
    for (const [userId, entry] of this.users) {
      if (this.prune(entry) === 0) {
        this.goOffline(userId);
        gone.push(userId);
      }
    }
    return gone;
  }

  async close(): Promise<void> {
    this.users.clear();
  }

  private prune(entry: UserPresence): number {
    const now = this.now();
    for (const [socketId, expiresAt] of entry.sockets) if (expiresAt <= now) entry.sockets.delete(socketId);
    return entry.sockets.size;
  }

  private goOffline(userId: string): void {
    this.users.delete(userId);
    this.lastSeen.set(userId, new Date(this.now()));
  }
}

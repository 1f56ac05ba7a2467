import { Injectable } from '@nestjs/common';

/** The channels with this prefix the user may be in right now (e.g. the rooms they belong to). */
export type ChannelLookup = (userId: string) => Promise<string[]>;

/**
 * Which feature channels a user may still be in. Connection-state recovery puts a
 * reconnecting socket back into its old channels before any feature code runs; the
 * gateway restores a session only when every channel in it passes this check.
 */
@Injectable()
export class ChannelAccess {
  private readonly lookups = new Map<string, ChannelLookup>();

  register(prefix: string, lookup: ChannelLookup): void {
    this.lookups.set(prefix, lookup);
  }

  /** True when every feature channel in `channels` is one the user may be in. */
  async mayRejoin(userId: string, channels: string[]): Promise<boolean> {
    for (const [prefix, lookup] of this.lookups) {
      const wanted = channels.filter((c) => c.startsWith(prefix));
      if (!wanted.length) continue;
      const allowed = new Set(await lookup(userId));
      if (wanted.some((c) => !allowed.has(c))) return false;
    }
    return true;
  }
}

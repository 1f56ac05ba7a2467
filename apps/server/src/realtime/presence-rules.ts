import { Injectable } from '@nestjs/common';
import type { PresenceChoice } from '@discordgym/contracts';

/** People who may see this user's presence because of one relation (room mates, friends). */
export type PresenceAudienceSource = (userId: string) => Promise<string[]>;
/** Of these candidates, the ones still allowed (a block hides presence both ways). */
export type PresenceAudienceFilter = (userId: string, candidates: string[]) => Promise<string[]>;
/** Each user's stored presence choice; users left out chose `online`. */
export type PresenceChoiceSource = (userIds: string[]) => Promise<Map<string, PresenceChoice>>;

/**
 * Who sees whose presence, as rules the features add at start-up: each source widens the
 * audience, each filter narrows it. The relation is symmetric: whoever may see my status
 * is whose status I may see.
 */
@Injectable()
export class PresenceRules {
  private readonly sources: PresenceAudienceSource[] = [];
  private readonly filters: PresenceAudienceFilter[] = [];
  private choices: PresenceChoiceSource = () => Promise.resolve(new Map());

  addSource(source: PresenceAudienceSource): void {
    this.sources.push(source);
  }

  addFilter(filter: PresenceAudienceFilter): void {
    this.filters.push(filter);
  }

  /** Users registers where the choices live (online / idle / dnd / invisible). */
  setChoiceSource(source: PresenceChoiceSource): void {
    this.choices = source;
  }

  /** Only users who chose something other than `online` are in the map. */
  async choicesOf(userIds: string[]): Promise<Map<string, PresenceChoice>> {
    return userIds.length ? this.choices(userIds) : new Map();
  }

  async audienceOf(userId: string): Promise<string[]> {
    const found = await Promise.all(this.sources.map((source) => source(userId)));
    const candidates = [...new Set(found.flat())].filter((id) => id !== userId);
    return this.allowed(userId, candidates);
  }

  /** Of `candidates`, those who may see `userId` (and whom `userId` may see). */
  async allowed(userId: string, candidates: string[]): Promise<string[]> {
    let left = candidates;
    for (const filter of this.filters) {
      if (!left.length) break;
      left = await filter(userId, left);
    }
    return left;
  }
}

import { Injectable } from '@nestjs/common';
import { HISTORY_PAGE_MAX, type Message, type MessagePage } from '@discordgym/contracts';
import { KvStore } from '../../infra/kv/kv-store';

const PAGE_TTL_MS = 10 * 60_000;

interface CachedPage {
  version: number;
  items: Message[];
  has_more: boolean;
}

/**
 * The newest page of each active room, in Redis (memory when embedded). Every write to a
 * room bumps the room's version after it commits; a cached page is used only when its
 * version is still current, so a reader that raced a writer can never serve a stale page.
 */
@Injectable()
export class HistoryCache {
  constructor(private readonly kv: KvStore) {}

  async version(chatroomId: string): Promise<number> {
    return Number((await this.kv.get(versionKey(chatroomId))) ?? 0);
  }

  async read(chatroomId: string, limit: number): Promise<{ page: MessagePage | undefined; version: number }> {
    const [version, raw] = await Promise.all([this.version(chatroomId), this.kv.get(pageKey(chatroomId))]);
    if (!raw) return { page: undefined, version };
    const cached = JSON.parse(raw) as CachedPage;
    if (cached.version !== version) return { page: undefined, version };
    return { page: { items: cached.items.slice(0, limit), has_more: cached.has_more || cached.items.length > limit }, version };
  }

  /** Stores the newest HISTORY_PAGE_MAX messages as read at `version`. */
  async store(chatroomId: string, version: number, items: Message[], hasMore: boolean): Promise<void> {
    const page: CachedPage = { version, items: items.slice(0, HISTORY_PAGE_MAX), has_more: hasMore };
    await this.kv.set(pageKey(chatroomId), JSON.stringify(page), PAGE_TTL_MS);
  }

  async invalidate(chatroomId: string): Promise<void> {
    await this.kv.incr(versionKey(chatroomId));
  }
}

const versionKey = (id: string) => `history:version:${id}`;
const pageKey = (id: string) => `history:page:${id}`;

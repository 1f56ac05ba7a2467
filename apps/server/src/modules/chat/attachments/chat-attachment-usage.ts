import { Inject, Injectable } from '@nestjs/common';
import type { ChatAttachmentUsage as Usage } from '@discordgym/contracts';
import { CONFIG } from '../../../config/config.module';
import type { Config } from '../../../config/env';
import { ChatAttachmentsRepository } from './chat-attachments.repository';

/** Users and rooms listed by name on the admin stats page: the largest ones. */
export const USAGE_TOP = 20;
/** An admin page open all day costs three aggregate queries per this. */
const CACHE_MS = 30_000;

/**
 * Bytes chat attachments keep in storage, summed from the rows (`byte_size` + `derived_bytes`,
 * failed ones left out, as the quotas count them) rather than by listing the bucket; cached briefly.
 */
@Injectable()
export class ChatAttachmentUsage {
  private cached: { at: number; value: Promise<Usage> } | undefined;

  constructor(
    private readonly repository: ChatAttachmentsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  read(now = Date.now()): Promise<Usage> {
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const value = Promise.all([this.repository.usageTotal(), this.repository.usageByUser(USAGE_TOP), this.repository.usageByRoom(USAGE_TOP)]).then(
      ([total, byUser, byRoom]): Usage => ({
        total_bytes: total.bytes,
        files: total.files,
        quota_user_bytes: this.config.CHAT_ATTACHMENT_QUOTA_USER_BYTES,
        quota_room_bytes: this.config.CHAT_ATTACHMENT_QUOTA_ROOM_BYTES,
        top_users: byUser.map((u) => ({ user_id: u.userId, username: u.username, bytes: u.bytes, files: u.files })),
        top_rooms: byRoom.map((r) => ({ chatroom_id: r.chatroomId, name: r.name, is_group: r.isGroup, bytes: r.bytes, files: r.files })),
      }),
    );
    // A failed read is not kept: the next call asks again.
    value.catch(() => (this.cached = undefined));
    this.cached = { at: now, value };
    return value;
  }

  /** Forget the cached figure (tests; after a large cleanup). */
  invalidate(): void {
    this.cached = undefined;
  }
}

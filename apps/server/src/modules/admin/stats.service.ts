import { Injectable } from '@nestjs/common';
import type { AdminStats } from '@discordgym/contracts';
import { JobQueue } from '../../infra/jobs/job-queue';
import { AlbumStorageUsage } from '../albums/album-storage-usage';
import { ChatAttachmentUsage } from '../chat/attachments/chat-attachment-usage';
import { AdminRepository } from './admin.repository';
import { OnlineCounter } from './online-counter';
import { StatsRepository } from './stats.repository';

const DAYS = 30;
const DAY_MS = 86_400_000;

@Injectable()
export class StatsService {
  constructor(
    private readonly stats: StatsRepository,
    private readonly accounts: AdminRepository,
    private readonly online: OnlineCounter,
    private readonly jobs: JobQueue,
    private readonly storage: AlbumStorageUsage,
    private readonly chatFiles: ChatAttachmentUsage,
  ) {}

  async collect(now = new Date()): Promise<AdminStats> {
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    const first = new Date(today - (DAYS - 1) * DAY_MS);
    const [users, active, perDay, rooms, instances, queues, storage, chatFiles] = await Promise.all([
      this.accounts.countUsers(now),
      this.stats.activeUsers(now),
      this.stats.messagesPerDay(first),
      this.stats.rooms(),
      this.online.instances(),
      this.jobs.stats(),
      this.storage.read(),
      this.chatFiles.read(),
    ]);
    const days = Array.from({ length: DAYS }, (_, i) => new Date(first.getTime() + i * DAY_MS).toISOString().slice(0, 10));
    const byQueue = Object.fromEntries(Object.entries(queues).map(([name, s]) => [name, { waiting: s.waiting, active: s.active, delayed: s.delayed, failed: s.failed }]));
    const all = Object.values(queues);
    return {
      users: { total: users.total, banned: users.banned, active_24h: active.day, active_7d: active.week, active_30d: active.month },
      messages_per_day: days.map((day) => ({ day, count: perDay.get(day) ?? 0 })),
      online: {
        sockets: instances.reduce((sum, i) => sum + i.sockets, 0),
        instances: instances.map((i) => ({ instance: i.instance, sockets: i.sockets, users: i.users, reported_at: i.reportedAt.toISOString() })),
      },
      rooms: { total: rooms.total, groups: rooms.groups, dms: rooms.total - rooms.groups },
      queues: {
        depth: all.reduce((sum, s) => sum + s.waiting + s.active + s.delayed, 0),
        failed: all.reduce((sum, s) => sum + s.failed, 0),
        by_queue: byQueue,
      },
      storage: {
        total_bytes: storage.totalBytes,
        photos: storage.photos,
        albums_with_photos: storage.albumsWithPhotos,
        top_albums: storage.albums.map((a) => ({ album_id: a.albumId, title: a.title, bytes: a.bytes, photos: a.photos })),
      },
      chat_attachments: chatFiles,
      generated_at: now.toISOString(),
    };
  }
}

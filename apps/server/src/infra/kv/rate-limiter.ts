import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/app-error';
import { KvStore } from './kv-store';

export interface Limit {
  max: number;
  windowSeconds: number;
}

/** Fixed-window limits over the KvStore: shared by every instance when it is Redis. */
@Injectable()
export class RateLimiter {
  constructor(private readonly kv: KvStore) {}

  /** Counts one hit; throws RATE_LIMITED (429 with Retry-After) past the limit. */
  async consume(bucket: string, subject: string, limit: Limit): Promise<void> {
    const { count, resetInMs } = await this.kv.hit(`rl:${bucket}:${subject}`, limit.windowSeconds * 1000);
    if (count > limit.max) throw AppError.rateLimited(resetInMs);
  }

  /** Forgets a subject's count, e.g. an account's failed logins after a success. */
  async reset(bucket: string, subject: string): Promise<void> {
    await this.kv.del(`rl:${bucket}:${subject}`);
  }
}

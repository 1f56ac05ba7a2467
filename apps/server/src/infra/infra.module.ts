import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CONFIG } from '../config/config.module';
import type { Config } from '../config/env';
import { Database } from './db/database';
import { JobQueue } from './jobs/job-queue';
import { KvStore } from './kv/kv-store';
import { RateLimiter } from './kv/rate-limiter';
import { Metrics } from './metrics/metrics';
import { PresenceStore } from './realtime/presence-store';

export interface Infrastructure {
  config: Config;
  database: Database;
  jobs: JobQueue;
  kv: KvStore;
  metrics: Metrics;
  presence: PresenceStore;
}

/**
 * The process-wide resources, opened before Nest starts (so migrations and connection
 * errors surface first) and handed in here; the app factory closes them on shutdown.
 */
@Global()
@Module({})
export class InfraModule {
  static forRoot(infra: Infrastructure): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: CONFIG, useValue: infra.config },
        { provide: Database, useValue: infra.database },
        { provide: JobQueue, useValue: infra.jobs },
        { provide: KvStore, useValue: infra.kv },
        { provide: Metrics, useValue: infra.metrics },
        { provide: PresenceStore, useValue: infra.presence },
        RateLimiter,
      ],
      exports: [CONFIG, Database, JobQueue, KvStore, Metrics, PresenceStore, RateLimiter],
    };
  }
}

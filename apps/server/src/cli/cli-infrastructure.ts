import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppModule } from '../app.module';
import { openInfrastructure } from '../app.factory';
import type { Config } from '../config/env';
import { DomainEvents } from '../events/domain-events.service';
import { Database } from '../infra/db/database';
import type { Infrastructure } from '../infra/infra.module';
import { type JobHandler, JobQueue, type QueueOptions, type QueueStats, resolveQueueOptions } from '../infra/jobs/job-queue';
import { MemoryKvStore } from '../infra/kv/memory-kv-store';
import { Metrics } from '../infra/metrics/metrics';
import { MemoryPresenceStore } from '../infra/realtime/memory-presence-store';
import { AdminCommands, type AdminCommand, type AdminCommandResult } from '../modules/admin/admin-commands';

/**
 * The embedded CLI's job queue: it runs no jobs (the server does) and refuses to take any,
 * so the outbox keeps every event the command recorded until the server dispatches it on
 * its next start; an in-process queue would drop them when the CLI exits.
 */
class ServerRunsJobs extends JobQueue {
  readonly kind = 'memory' as const;

  define<T>(queue: string, _handler: JobHandler<T>, options?: QueueOptions): void {
    resolveQueueOptions(queue, options);
  }

  enqueue(): Promise<void> {
    return Promise.reject(new Error('the admin CLI runs no jobs; the server dispatches them'));
  }

  /** Sweeps are the server's: the CLI keeps no schedule. */
  async repeat(): Promise<void> {}

  async start(): Promise<void> {}

  async stats(): Promise<Record<string, QueueStats>> {
    return {};
  }

  async close(): Promise<void> {}
}

/**
 * The embedded data folder opened by the CLI itself: only when no server has it (the
 * lock makes `Database.open` throw DataDirBusyError otherwise). No Redis, no sockets.
 */
function openEmbedded(config: Config): Infrastructure {
  const database = Database.open({ dataDir: path.resolve(config.DATA_DIR, 'pglite'), poolMax: 1, role: 'admin-cli' });
  return { config, database, jobs: new ServerRunsJobs(), kv: new MemoryKvStore(), presence: new MemoryPresenceStore(), metrics: new Metrics({ instance: 'admin-cli' }) };
}

/**
 * Runs one command with the server's own services (same module graph, no HTTP, no
 * sockets) against the database the configuration names: the cluster's PostgreSQL and
 * Redis, or a free embedded folder. In the cluster mode the outbox's events go to BullMQ
 * at once, where the running servers' workers react (a ban closes the user's sockets).
 */
export async function runLocally(config: Config, logger: Logger, command: AdminCommand): Promise<AdminCommandResult> {
  let infra: Infrastructure;
  if (config.embedded.database) {
    infra = openEmbedded(config);
    try {
      await infra.database.migrate();
    } catch (error) {
      await infra.database.close();
      throw error;
    }
  } else {
    infra = await openInfrastructure(config, logger);
  }
  let app: INestApplicationContext | undefined;
  try {
    app = await NestFactory.createApplicationContext(AppModule.forRoot(infra), { logger: false, abortOnError: false });
    const result = await app.get(AdminCommands).run(command);
    // Hand what the command recorded to the queue now (cluster) rather than at the next poll.
    await app.get(DomainEvents).drain();
    return result;
  } finally {
    await app?.close().catch(() => undefined);
    await infra.jobs.close().catch(() => undefined);
    await Promise.allSettled([infra.presence.close(), infra.database.close(), infra.kv.close()]);
  }
}

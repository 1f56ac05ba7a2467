import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';
import { type InstanceLoad, InstanceRegistry } from '../../infra/realtime/instance-registry';
import { RealtimeEmitter } from '../../realtime/realtime-emitter';

/** Each instance reports this often; a report lives three periods, so one missed report is no gap. */
export const ONLINE_REPORT_MS = 5_000;
const ONLINE_TTL_MS = 3 * ONLINE_REPORT_MS;

/**
 * Sockets online per instance. Counting is local and cheap (this process's sockets); the
 * registry (a Redis hash in the cluster mode) holds every instance's last count, so the
 * stats never ask the other instances anything and a dead one drops out by its TTL.
 */
@Injectable()
export class OnlineCounter implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OnlineCounter.name);
  private readonly instance: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly registry: InstanceRegistry,
    private readonly emitter: RealtimeEmitter,
    @Inject(CONFIG) config: Config,
  ) {
    this.instance = config.INSTANCE_ID ?? hostname();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.report().catch((error: unknown) => this.logger.warn(`online report failed: ${String(error)}`)), ONLINE_REPORT_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // Only an instance that serves sockets has an entry to take back (the CLI has none).
    if (this.emitter.localConnections()) await this.registry.remove(this.instance).catch(() => undefined);
  }

  /** Every live instance's last report, this one's counted just now. */
  async instances(): Promise<InstanceLoad[]> {
    await this.report();
    return this.registry.list();
  }

  private async report(): Promise<void> {
    const local = this.emitter.localConnections();
    if (!local) return;
    await this.registry.report({ instance: this.instance, ...local, reportedAt: new Date() }, ONLINE_TTL_MS);
  }
}

import { Controller, Get, Header, Res, SetMetadata } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PUBLIC_ROUTE } from '../../common/route.decorator';
import { Database } from '../../infra/db/database';
import { KvStore } from '../../infra/kv/kv-store';
import { Metrics } from '../../infra/metrics/metrics';

const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Liveness, readiness and metrics: outside /api, for load balancers and Prometheus. */
@Controller()
export class HealthController {
  constructor(
    private readonly database: Database,
    private readonly kv: KvStore,
    private readonly metrics: Metrics,
  ) {}

  @Get('/health')
  @Public()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('/ready')
  @Public()
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, string> }> {
    const [database, kv] = await Promise.all([check(() => this.database.ping()), check(() => this.kv.ping())]);
    const ok = database === 'ok' && kv === 'ok';
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ready' : 'not_ready', checks: { database, [this.kv.kind === 'redis' ? 'redis' : 'memory']: kv } };
  }

  @Get('/metrics')
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

async function check(probe: () => Promise<void>): Promise<string> {
  const timeout = new Promise<string>((resolve) => setTimeout(resolve, 2000, 'timeout').unref());
  return Promise.race([probe().then(() => 'ok', () => 'down'), timeout]);
}

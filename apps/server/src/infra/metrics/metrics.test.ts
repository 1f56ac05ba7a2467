import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics';

const sample = async (sut: Metrics, name: string) => (await sut.registry.getSingleMetric(name)!.get()).values;

describe('Metrics: readiness and pool gauges, read at scrape time', () => {
  it('dependency_up is 1 for a probe that answers, 0 for one that fails or hangs', async () => {
    const sut = new Metrics();
    sut.watch({
      probes: {
        database: async () => undefined,
        redis: () => Promise.reject(new Error('ECONNREFUSED')),
        slow: () => new Promise(() => undefined),
      },
    });
    const values = await sample(sut, 'dependency_up');
    expect(Object.fromEntries(values.map((v) => [v.labels.dependency, v.value]))).toEqual({ database: 1, redis: 0, slow: 0 });
  });

  it('db_pool_connections and db_pool_max follow the pool; nothing without one', async () => {
    const sut = new Metrics();
    expect(await sample(sut, 'db_pool_connections')).toEqual([]);
    const pool = { totalCount: 4, idleCount: 1, waitingCount: 2 };
    sut.watch({ probes: {}, pool: { stats: () => pool, max: 10 } });
    const values = await sample(sut, 'db_pool_connections');
    expect(Object.fromEntries(values.map((v) => [v.labels.state, v.value]))).toEqual({ total: 4, idle: 1, waiting: 2 });
    expect((await sample(sut, 'db_pool_max'))[0]!.value).toBe(10);
  });
});

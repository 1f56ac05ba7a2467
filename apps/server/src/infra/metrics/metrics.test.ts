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

describe('Metrics: job queue series', () => {
  it('jobs_queue_depth reads the watched stats at scrape time, one series per queue and state', async () => {
    const sut = new Metrics();
    expect(await sample(sut, 'jobs_queue_depth')).toEqual([]);
    let mail = { waiting: 3, active: 1, delayed: 2, failed: 0 };
    sut.watchJobs(async () => ({ mail, thumbnails: { waiting: 0, active: 0, delayed: 0, failed: 4 } }));
    const depth = async () => Object.fromEntries((await sample(sut, 'jobs_queue_depth')).map((v) => [`${v.labels.queue}/${v.labels.state}`, v.value]));
    expect(await depth()).toEqual({
      'mail/waiting': 3,
      'mail/active': 1,
      'mail/delayed': 2,
      'mail/failed': 0,
      'thumbnails/waiting': 0,
      'thumbnails/active': 0,
      'thumbnails/delayed': 0,
      'thumbnails/failed': 4,
    });
    mail = { waiting: 0, active: 0, delayed: 0, failed: 1 };
    expect((await depth())['mail/failed']).toBe(1);
  });

  it('jobs_queue_depth shows nothing, rather than old numbers, when the stats fail or hang', async () => {
    const sut = new Metrics();
    let stats: () => Promise<Record<string, { waiting: number; active: number; delayed: number; failed: number }>> = async () => ({
      mail: { waiting: 1, active: 0, delayed: 0, failed: 0 },
    });
    sut.watchJobs(() => stats());
    expect(await sample(sut, 'jobs_queue_depth')).toHaveLength(4);
    stats = () => Promise.reject(new Error('Redis is not connected'));
    expect(await sample(sut, 'jobs_queue_depth')).toEqual([]);
    stats = () => new Promise(() => undefined);
    expect(await sample(sut, 'jobs_queue_depth')).toEqual([]);
  });

  it('recordJob observes job_duration_seconds per outcome and counts only final failures in jobs_failed_total', async () => {
    const sut = new Metrics();
    sut.recordJob('mail', 'completed', 0.02);
    sut.recordJob('mail', 'retry', 0.5);
    sut.recordJob('mail', 'failed', 0.5);
    sut.recordJob('thumbnails', 'completed', 3);
    const durations = (await sut.jobDuration.get()).values;
    const counts = durations
      .filter((v) => v.metricName === 'job_duration_seconds_count')
      .map((v) => [`${v.labels.queue}/${v.labels.outcome}`, v.value]);
    expect(Object.fromEntries(counts)).toEqual({ 'mail/completed': 1, 'mail/retry': 1, 'mail/failed': 1, 'thumbnails/completed': 1 });
    const sums = durations.filter((v) => v.metricName === 'job_duration_seconds_sum');
    expect(sums.find((v) => v.labels.queue === 'thumbnails')?.value).toBe(3);
    expect((await sample(sut, 'jobs_failed_total')).map((v) => [v.labels.queue, v.value])).toEqual([['mail', 1]]);
    const text = await sut.registry.metrics();
    expect(text).toContain('jobs_failed_total{queue="mail"} 1');
    expect(text).toContain('job_duration_seconds_bucket{le="0.025",queue="mail",outcome="completed"} 1');
  });
});

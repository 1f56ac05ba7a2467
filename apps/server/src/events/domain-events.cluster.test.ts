import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { deleteKeys } from '../../test/cluster.global-setup';
import { Database } from '../infra/db/database';
import { consumedEvents, domainEvents } from '../infra/db/schema';
import { BullMqJobQueue } from '../infra/jobs/bullmq-job-queue';
import { describeDomainEvents } from './domain-events.suite';

const prefix = `${inject('redisPrefix')}outbox:${randomBytes(4).toString('hex')}:`;
const databases: Database[] = [];
let testPrefix = `${prefix}0:`;
let round = 0;

afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
  await deleteKeys(inject('redisUrl'), prefix);
});

// Each "instance" has its own pool, as separate processes would; one key prefix per test.
describeDomainEvents(
  'PostgreSQL + BullMQ',
  async () => {
    const database = Database.open({ url: inject('databaseUrl'), dataDir: '', poolMax: 3 });
    databases.push(database);
    return { database, jobs: BullMqJobQueue.connect(inject('redisUrl'), testPrefix) };
  },
  async () => {
    const database = databases[0] ?? Database.open({ url: inject('databaseUrl'), dataDir: '', poolMax: 1 });
    if (!databases.length) databases.push(database);
    await database.db.delete(domainEvents);
    await database.db.delete(consumedEvents);
    testPrefix = `${prefix}${++round}:`;
  },
);

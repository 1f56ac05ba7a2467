import { afterAll, beforeAll } from 'vitest';
import { Database } from '../infra/db/database';
import { domainEvents, consumedEvents } from '../infra/db/schema';
import { MemoryJobQueue } from '../infra/jobs/memory-job-queue';
import { describeDomainEvents } from './domain-events.suite';

let database: Database;
beforeAll(async () => {
  database = Database.open({ dataDir: 'memory://', poolMax: 1 });
  await database.migrate();
});
afterAll(() => database?.close());

// One PGlite for the file: "two instances" share it as they share PostgreSQL in production.
describeDomainEvents(
  'PGlite + in-process queue',
  async () => ({ database, jobs: new MemoryJobQueue() }),
  async () => {
    await database.db.delete(domainEvents);
    await database.db.delete(consumedEvents);
  },
);

import { count, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../test/sockets';
import type { Database } from '../infra/db/database';
import { domainEvents, users } from '../infra/db/schema';
import type { JobQueue } from '../infra/jobs/job-queue';
import { DomainEvents } from './domain-events.service';
import type { DomainEvent } from './event-types';
import { EventsRepository } from './events.repository';

/** One "instance" of the outbox: its own dispatcher and job queue on the shared database. */
export interface OutboxStack {
  database: Database;
  jobs: JobQueue;
}

type Received = DomainEvent<'friend.request.created'>;

/**
 * The outbox's guarantees, on PGlite + the in-process queue (domain-events.test.ts) and on
 * PostgreSQL + BullMQ (domain-events.cluster.test.ts). `make` opens a stack on a database
 * shared by every call in one test (so two calls are two instances).
 */
export function describeDomainEvents(mode: string, make: () => Promise<OutboxStack>, cleanup: () => Promise<void>): void {
  describe(`domain events (${mode})`, () => {
    const opened: { events: DomainEvents; jobs: JobQueue }[] = [];
    // Other suites' servers may have left events behind in a shared database.
    beforeEach(() => cleanup());
    afterEach(async () => {
      for (const { events, jobs } of opened.splice(0)) {
        await events.onModuleDestroy();
        await jobs.close();
      }
      await cleanup();
    });

    /** An instance whose consumers are `handlers`, started like the app starts it. */
    const instance = async (handlers: Record<string, (event: Received) => Promise<void>>, options: { poll?: boolean } = {}) => {
      const stack = await make();
      const events = new DomainEvents(new EventsRepository(stack.database), stack.jobs);
      for (const [consumer, handler] of Object.entries(handlers)) events.subscribe('friend.request.created', consumer, handler, { backoffMs: 50 });
      await stack.jobs.start();
      if (options.poll !== false) events.onApplicationBootstrap();
      opened.push({ events, jobs: stack.jobs });
      return { events, database: stack.database };
    };
    const payload = () => ({ request_id: uuidv7(), from_user_id: uuidv7(), to_user_id: uuidv7() });
    const commit = async (database: Database, events: DomainEvents, data = payload(), kick = true) => {
      const id = await database.db.transaction((tx) => events.record(tx, 'friend.request.created', data));
      if (kick) events.kick();
      return id;
    };
    const undispatched = async (database: Database) => (await database.db.select({ n: count() }).from(domainEvents).where(isNull(domainEvents.dispatchedAt)))[0]!.n;

    it('hands a committed event to every subscriber, once, and stamps it dispatched', async () => {
      const seen: Record<string, string[]> = { a: [], b: [] };
      const { events, database } = await instance({ 'test.a': async (e) => void seen.a!.push(e.id), 'test.b': async (e) => void seen.b!.push(e.id) });
      const data = payload();
      const id = await commit(database, events, data);
      await eventually(() => expect(seen).toEqual({ a: [id], b: [id] }), 10_000);
      await eventually(async () => expect(await undispatched(database)).toBe(0));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(seen).toEqual({ a: [id], b: [id] });
    });

    it('delivers the payload and name as recorded', async () => {
      const got: Received[] = [];
      const { events, database } = await instance({ 'test.payload': async (e) => void got.push(e) });
      const data = payload();
      const id = await commit(database, events, data);
      await eventually(() => expect(got).toEqual([{ id, name: 'friend.request.created', payload: data, createdAt: expect.any(String) }]), 10_000);
    });

    it('never delivers an event whose transaction rolled back', async () => {
      const seen: string[] = [];
      const { events, database } = await instance({ 'test.rollback': async (e) => void seen.push(e.id) });
      await expect(
        database.db.transaction(async (tx) => {
          await events.record(tx, 'friend.request.created', payload());
          // The change itself fails after the event was written: both go.
          await tx.insert(users).values({ id: 'not-a-uuid' } as never);
        }),
      ).rejects.toThrow();
      const kept = await commit(database, events);
      await eventually(() => expect(seen).toEqual([kept]), 10_000);
    });

    it('loses nothing when the writer dies between commit and dispatch: another instance delivers it', async () => {
      const seen: string[] = [];
      // The writer committed and never kicked (it died); its dispatcher never polls.
      const writer = await instance({ 'test.crash': async () => undefined }, { poll: false });
      const ids = [await commit(writer.database, writer.events, payload(), false), await commit(writer.database, writer.events, payload(), false)];
      expect(await undispatched(writer.database)).toBe(2);
      await instance({ 'test.crash.other': async (e) => void seen.push(e.id) });
      await eventually(() => expect(seen.sort()).toEqual(ids.sort()), 10_000);
    });

    it('shares out a backlog between two instances without handing any event to both', async () => {
      const seen: string[] = [];
      const handler = async (e: Received) => void seen.push(e.id);
      const one = await instance({ 'test.shared': handler }, { poll: false });
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push(await commit(one.database, one.events, payload(), false));
      const two = await instance({ 'test.shared': handler }, { poll: false });
      one.events.kick();
      two.events.kick();
      await Promise.all([one.events.drain(), two.events.drain()]);
      await eventually(() => expect(seen.length).toBe(60), 15_000);
      expect([...new Set(seen)].sort()).toEqual(ids.sort());
    });

    it('lets a consumer apply each event exactly once, even when its job runs again', async () => {
      let applied = 0;
      let runs = 0;
      let finished = 0;
      const holder: { events?: DomainEvents } = {};
      const { events, database } = await instance({
        'test.once': async (e) => {
          runs += 1;
          try {
            const outcome = await holder.events!.once('test.once', e, async () => {
              applied += 1;
              // The first try fails after its work: the marker rolls back with it, so the retry applies it.
              if (runs === 1) throw new Error('crash mid-work');
            });
            // A second delivery of the same event (a crash after commit, before the ack) finds the marker.
            if (outcome.ran && runs === 2) await holder.events!.once('test.once', e, async () => void (applied += 100));
          } finally {
            finished += 1;
          }
        },
      });
      holder.events = events;
      await commit(database, events);
      // Wait for the second run to finish, not just to start: its work is what is counted.
      await eventually(() => expect(finished).toBe(2), 10_000);
      expect(runs).toBe(2);
      expect(applied).toBe(2);
    });

    it('keeps the event undispatched while the queue refuses it, and delivers it once the queue takes it', async () => {
      const seen: string[] = [];
      const { events, database } = await instance({ 'test.refused': async (e) => void seen.push(e.id) }, { poll: false });
      const stack = opened.at(-1)!.jobs;
      const enqueue = stack.enqueue.bind(stack);
      let refuse = true;
      stack.enqueue = async (...args) => {
        if (refuse) throw new Error('queue down');
        return enqueue(...args);
      };
      const id = await commit(database, events);
      await events.drain();
      expect(await undispatched(database)).toBe(1);
      refuse = false;
      events.kick();
      await eventually(() => expect(seen).toEqual([id]), 10_000);
      const [row] = await database.db.select().from(domainEvents).where(eq(domainEvents.id, id));
      expect(row!.dispatchedAt).toBeInstanceOf(Date);
    });
  });
}

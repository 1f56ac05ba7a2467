import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import type { Executor } from '../infra/db/database';
import { type JobContext, JobQueue, type QueueOptions } from '../infra/jobs/job-queue';
import type { DomainEvent, DomainEventName, DomainEventPayloads } from './event-types';
import { EventsRepository } from './events.repository';

/** Events handed to the queue per round; a backlog drains over several rounds. */
const DISPATCH_BATCH = 200;
/** Rounds per kick: bounds the work one burst of events can trigger at once. */
const MAX_ROUNDS_PER_KICK = 20;
/** Catches events whose writer died before kicking, and those of other instances. */
const POLL_MS = 1_000;
/** How long a kick waits for more commits to join its dispatch. */
const KICK_DELAY_MS = 10;
const PRUNE_EVERY_MS = 10 * 60_000;
const KEEP_MS = 7 * 86_400_000;
const PRUNE_BATCH = 5_000;

/** `context` tells a handler which try this is and whether it is the last (after it, the event is given up for this consumer). */
export type DomainEventHandler<N extends DomainEventName> = (event: DomainEvent<N>, context: JobContext) => Promise<void>;

interface Subscription {
  consumer: string;
  queue: string;
}

/**
 * Domain events through an outbox. A feature writes its event with `record` inside the
 * transaction of its change and calls `kick` after commit; the dispatcher hands every
 * event to each subscribed consumer as a job (job id = consumer + event id) and stamps
 * it dispatched. Nothing is lost when an instance dies between commit and dispatch (the
 * row stays undispatched), and a consumer that wraps its writes in `once` applies each
 * event exactly once even when its job runs twice.
 */
@Injectable()
export class DomainEvents implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly subscriptions = new Map<DomainEventName, Subscription[]>();
  private readonly definedQueues = new Set<string>();
  private pollTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private scheduled: NodeJS.Timeout | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly repository: EventsRepository,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * `consumer` names the reaction (e.g. "notifications.mention"): it is the queue's name
   * and the idempotency key, so it must stay stable across releases.
   */
  subscribe<N extends DomainEventName>(name: N, consumer: string, handler: DomainEventHandler<N>, options: QueueOptions = {}): void {
    const queue = `event.${consumer}`;
    if (this.definedQueues.has(queue)) throw new Error(`consumer ${consumer} is subscribed twice`);
    this.definedQueues.add(queue);
    this.jobs.define<DomainEvent<N>>(queue, (event, context) => handler(event, context), { attempts: 8, backoffMs: 500, concurrency: 4, ...options });
    const list = this.subscriptions.get(name) ?? [];
    list.push({ consumer, queue });
    this.subscriptions.set(name, list);
  }

  /** Writes the event in the caller's transaction; call `kick` once that has committed. */
  async record<N extends DomainEventName>(tx: Executor, name: N, payload: DomainEventPayloads[N]): Promise<string> {
    const id = uuidv7();
    await this.repository.insert(tx, [{ id, name, payload }]);
    return id;
  }

  /** Runs `work` for this consumer and event only if it never committed before. */
  async once<T>(consumer: string, event: DomainEvent, work: (tx: Executor) => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.repository.once(consumer, event.id, work);
  }

  /** Dispatch soon (after a commit that recorded events). Never throws. */
  kick(): void {
    if (this.stopped) return;
    if (this.running || this.scheduled) {
      if (this.running) this.again = true;
      return;
    }
    // A short wait lets one dispatch carry the events of a burst of commits, instead of one
    // dispatch transaction per send.
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.running = this.dispatch().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
    }, KICK_DELAY_MS);
  }

  /** Resolves once everything recorded so far has been handed to the queue (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running || this.scheduled) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setTimeout(resolve, KICK_DELAY_MS));
    }
    await this.dispatch();
  }

  onApplicationBootstrap(): void {
    this.pollTimer = setInterval(() => this.kick(), POLL_MS);
    this.pollTimer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.scheduled);
    this.scheduled = undefined;
    clearInterval(this.pollTimer);
    clearInterval(this.pruneTimer);
    await this.running;
  }

  private async dispatch(): Promise<void> {
    try {
      for (let round = 0; round < MAX_ROUNDS_PER_KICK && !this.stopped; round++) {
        const handed = await this.repository.dispatchBatch(DISPATCH_BATCH, async (rows) => {
          const jobs = rows.flatMap((row) =>
            (this.subscriptions.get(row.name as DomainEventName) ?? []).map((sub) => {
              const event: DomainEvent = { id: row.id, name: row.name as DomainEventName, payload: row.payload as never, createdAt: row.createdAt.toISOString() };
              return this.jobs.enqueue(sub.queue, event, { jobId: `${sub.consumer}.${row.id}` });
            }),
          );
          await Promise.all(jobs);
        });
        if (handed < DISPATCH_BATCH) return;
      }
    } catch (error) {
      // The rows stay undispatched; the next poll tries again.
      this.logger.warn(`event dispatch failed: ${String(error)}`);
    }
  }

  private async prune(): Promise<void> {
    try {
      await this.repository.prune(new Date(Date.now() - KEEP_MS), PRUNE_BATCH);
    } catch (error) {
      this.logger.warn(`event prune failed: ${String(error)}`);
    }
  }
}

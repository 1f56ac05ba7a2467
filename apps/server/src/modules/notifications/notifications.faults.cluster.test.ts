import { randomBytes } from 'node:crypto';
import type { NotificationBroadcast } from '@discordgym/contracts';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { chatUser, clientId, createGroup, postMessage } from '../../../test/chat-fixtures';
import { collect, connectSocket, eventually, type TestSocket } from '../../../test/sockets';
import { buildServer, FAULT_TEST_ENV, type ServerProcess, serverFleet } from '../../../test/server-processes';

/**
 * Issue 8 C, acceptance under faults, with real processes: two instances of one
 * deployment, and `kill -9` of the one whose job is making a notification, in the middle
 * of its transaction. The other instance takes the job over (BullMQ's stalled-job check)
 * and the recipient ends up with exactly one notification.
 *
 * How the kill lands mid-run without a test hook in the server: the test holds a row
 * lock on the recipient's user row, which the notification insert needs (its foreign-key
 * check), so the processing instance waits inside its transaction, after its "consumed"
 * marker. Each instance names its database connections (`application_name`), so
 * pg_stat_activity tells which instance is the one waiting.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fleet = serverFleet({
  ...FAULT_TEST_ENV,
  RATE_LIMIT_MESSAGES_PER_USER: '100000',
  RATE_LIMIT_ROOM_JOINS_PER_USER: '10000',
}, 100);
const startInstance = fleet.start;
const killAll = fleet.killAll;
const instances = fleet.running;
type Instance = ServerProcess;

/** The run's database URL with this instance's connections named, so pg_stat_activity tells them apart. */
const databaseUrlFor = (name: string) => {
  const url = new URL(inject('databaseUrl'));
  url.searchParams.set('application_name', name);
  return url.toString();
};

async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe('notifications under faults (real processes)', () => {
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    await buildServer();
  }, 240_000);
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    killAll();
    await Promise.all([...instances].map((i) => i.exited));
  });
  afterAll(killAll);

  it('kill -9 of the instance in the middle of making a notification: the other instance finishes, one notification', { timeout: 240_000 }, async () => {
    const shared = { REDIS_URL: inject('redisUrl'), REDIS_KEY_PREFIX: `${inject('redisPrefix')}notify-kill9:${randomBytes(4).toString('hex')}:` };
    const names = ['notify-a', 'notify-b'];
    const [first, second] = await Promise.all(names.map((name) => startInstance(name, { ...shared, DATABASE_URL: databaseUrlFor(name) })));
    const byName = new Map([first!, second!].map((i) => [i.name, i]));

    const a = await chatUser(first!.api);
    const b = await chatUser(first!.api);
    const room = await createGroup(first!.api, a, [b]);
    const mine = await postMessage(first!.api, b, room.id, 'anyone for deadlifts?');
    // B is online on both instances: whichever survives delivers the live event.
    const live = new Map<string, NotificationBroadcast[]>();
    for (const instance of [first!, second!]) {
      const socket = await connectSocket(instance.url, b.token);
      sockets.push(socket);
      live.set(instance.name, collect(socket, 'notification') as NotificationBroadcast[]);
    }

    const lock = new Client({ connectionString: inject('databaseUrl') });
    await lock.connect();
    let killed: Instance | undefined;
    let answer: { id: string };
    try {
      await lock.query('begin');
      await lock.query('select id from users where id = $1 for update', [b.id]);
      // A reply to B's message: the send itself never touches B's row, its notification does.
      answer = await postMessage(first!.api, a, room.id, 'me!', { reply_to_id: mine.id, client_id: clientId() });

      let holder = '';
      await eventually(async () => {
        const rows = await query<{ application_name: string }>(
          `select application_name from pg_stat_activity
           where wait_event_type = 'Lock' and query ilike 'insert into "notifications"%' and application_name = any($1)`,
          [names],
        );
        expect(rows).toHaveLength(1);
        holder = rows[0]!.application_name;
      }, 20_000);
      killed = byName.get(holder)!;
      // Its marker is written but not committed: nobody else may see the event as done.
      killed.child.kill('SIGKILL');
      await killed.exited;
    } finally {
      await lock.query('rollback').catch(() => undefined);
      await lock.end();
    }
    const survivor = [first!, second!].find((i) => i !== killed)!;

    const rowsFor = () =>
      query<{ id: string; event_id: string }>(`select id, event_id from notifications where user_id = $1 and message_id = $2`, [b.id, answer!.id]);
    // BullMQ gives the job to another worker once its lock runs out and a stalled check sees it (JOB_LOCK_SECONDS, 5 s here).
    await eventually(async () => expect(await rowsFor()).toHaveLength(1), 150_000);
    const [made] = await rowsFor();
    await eventually(() => expect(live.get(survivor.name)!.map((n) => n.notification.id)).toEqual([made!.id]), 10_000);
    const markers = await query<{ n: string }>(`select count(*) as n from consumed_events where consumer = 'notifications.message' and event_id = $1`, [made!.event_id]);
    expect(Number(markers[0]!.n)).toBe(1);

    // And it stays one: no late second run anywhere.
    await sleep(3_000);
    expect(await rowsFor()).toHaveLength(1);
    expect(live.get(survivor.name)).toHaveLength(1);
    const inbox = await survivor.api.get('/api/notifications', { token: b.token });
    expect(inbox.body.items.filter((n: { message_id: string }) => n.message_id === answer!.id)).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'reply', message_id: answer!.id });
    console.info(`[kill -9] ${killed!.name} killed mid-transaction; ${survivor.name} made the one notification`);
  });
});

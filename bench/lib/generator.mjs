// A load generator child process: holds Socket.IO client sockets and drives them on the
// orchestrator's commands (over IPC). Latencies are measured here, with the wall clock
// shared by every process on the machine (performance.timeOrigin + performance.now()).
import { capacityHandlers } from './capacity-people.mjs';
import { ACK_TIMEOUT_MS, emitAck, openSocket } from './client-socket.mjs';
import { wallNow } from './stats.mjs';

/** ~70-character messages: short chat lines, like most real ones. */
const PAD = 'lorem-ipsum-dolor-sit-amet-consectetur-adipiscing';

/** name → { sockets, step, lat, late, pairs, stopFlag } */
const groups = new Map();

function group(name) {
  let g = groups.get(name);
  if (!g) {
    g = { sockets: [], step: -1, lat: [], late: 0, pairs: [], stopFlag: false, delivered: 0 };
    groups.set(name, g);
  }
  return g;
}

/** Runs `count` tasks with at most `concurrency` in flight; returns errors and the first message. */
async function lanes(count, concurrency, task) {
  let next = 0;
  let errors = 0;
  let firstError;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      try {
        await task(i);
      } catch (error) {
        errors++;
        firstError ??= String(error?.message ?? error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
  return { errors, firstError };
}

/** Parses `<kind>|<step>|<t0>|<dir>|…` without allocating more than needed. */
function parseTag(content) {
  const p1 = content.indexOf('|');
  const p2 = content.indexOf('|', p1 + 1);
  const p3 = content.indexOf('|', p2 + 1);
  const p4 = content.indexOf('|', p3 + 1);
  return {
    kind: content.slice(0, p1),
    step: Number(content.slice(p1 + 1, p2)),
    t0: Number(content.slice(p2 + 1, p3)),
    dir: Number(content.slice(p3 + 1, p4)),
  };
}

const handlers = {
  /**
   * S1: opens `count` sockets (at most `concurrency` connecting at once), each joining
   * every room in `rooms`; one latency per socket from `io()` to the last join ack.
   */
  async storm({ group: name, urls, tokens, offset, count, rooms, concurrency, timeoutMs = 60_000 }) {
    const g = group(name);
    const latencies = new Float64Array(count);
    let ok = 0;
    const startedAt = wallNow();
    const { errors, firstError } = await lanes(count, concurrency, async (i) => {
      const k = offset + i;
      const start = wallNow();
      const { socket, ready } = openSocket(urls[k % urls.length], tokens[k % tokens.length], { timeoutMs });
      g.sockets.push(socket);
      await ready;
      await Promise.all(rooms.map((room) => emitAck(socket, 'join-room', { chatroom_id: room }, timeoutMs)));
      latencies[ok++] = wallNow() - start;
    });
    return { latencies: latencies.slice(0, ok), ok, errors, firstError, startedAt, endedAt: wallNow() };
  },

  /** Plain connections (S2 senders), no rooms joined. */
  async connect({ group: name, urls, tokens, offset, count, concurrency = 50, localAddresses }) {
    const g = group(name);
    const result = await lanes(count, concurrency, async (i) => {
      const k = offset + i;
      const { socket, ready } = openSocket(urls[k % urls.length], tokens[k % tokens.length], { localAddress: localAddresses?.[k % localAddresses.length] });
      g.sockets.push(socket);
      await ready;
    });
    if (result.errors) throw new Error(`${result.errors} of ${count} sockets failed: ${result.firstError}`);
    return { sockets: g.sockets.length };
  },

  /** S2 receivers: `count` sockets joined to `room`, recording delivery latency of the current step. */
  async subscribe({ group: name, urls, tokens, offset, count, room, concurrency = 50, localAddresses }) {
    const g = group(name);
    const onMessage = (message) => {
      const content = message?.content;
      if (typeof content !== 'string' || !content.startsWith('b|')) return;
      const tag = parseTag(content);
      if (tag.step === g.step) g.lat.push(wallNow() - tag.t0);
      else g.late++;
    };
    const result = await lanes(count, concurrency, async (i) => {
      const k = offset + i;
      const { socket, ready } = openSocket(urls[k % urls.length], tokens[k % tokens.length], { localAddress: localAddresses?.[k % localAddresses.length] });
      g.sockets.push(socket);
      socket.on('new-message', onMessage);
      await ready;
      await emitAck(socket, 'join-room', { chatroom_id: room });
    });
    if (result.errors) throw new Error(`${result.errors} of ${count} receivers failed: ${result.firstError}`);
    return { sockets: g.sockets.length };
  },

  setStep({ group: name, step }) {
    const g = group(name);
    g.step = step;
    g.lat = [];
    g.late = 0;
    g.delivered = 0;
    return null;
  },

  count({ group: name }) {
    const g = group(name);
    return { count: g.lat.length, late: g.late };
  },

  collect({ group: name }) {
    const g = group(name);
    return { count: g.lat.length, late: g.late, lat: Float64Array.from(g.lat) };
  },

  /**
   * S2 sender: `rate` messages per second for `seconds`, round-robin over the group's
   * sockets. A send is skipped (and counted) when `maxInflight` acks are outstanding:
   * the server is not keeping up. Waits up to `ackWaitMs` for the last acks.
   */
  async sendRate({ group: name, room, rate, seconds, step, tag, maxInflight = 2000, ackWaitMs = 5000 }) {
    const g = group(name);
    g.stopFlag = false;
    const sockets = g.sockets;
    const total = Math.round(rate * seconds);
    const ackLat = [];
    let i = 0;
    let inflight = 0;
    let acked = 0;
    let failed = 0;
    let skipped = 0;
    let firstError;
    let sendEnd = 0;
    const start = wallNow();
    await new Promise((resolve) => {
      let done = false;
      let resolved = false;
      const finish = () => {
        if (!resolved) {
          resolved = true;
          resolve();
        }
      };
      const tick = () => {
        const now = wallNow();
        while (i < total && !g.stopFlag && start + (i * 1000) / rate <= now) {
          const n = i++;
          if (inflight >= maxInflight) {
            skipped++;
            continue;
          }
          inflight++;
          const t0 = wallNow();
          const socket = sockets[n % sockets.length];
          const content = `b|${step}|${t0.toFixed(3)}|0|${PAD}`;
          socket.timeout(ACK_TIMEOUT_MS).emit('send-message', { chatroom_id: room, content, client_id: `${tag}-${step}-${n}` }, (error, result) => {
            inflight--;
            if (error || !result?.ok) {
              failed++;
              firstError ??= error ? 'ack timeout' : JSON.stringify(result?.error ?? result);
            } else {
              acked++;
              ackLat.push(wallNow() - t0);
            }
            if (done && inflight === 0) finish();
          });
        }
        if (i >= total || g.stopFlag) {
          done = true;
          sendEnd = wallNow();
          if (inflight === 0) finish();
          else setTimeout(finish, ackWaitMs);
          return;
        }
        setTimeout(tick, 1);
      };
      tick();
    });
    const pending = inflight;
    const ackLatencies = Float64Array.from(ackLat);
    // Let an overloaded server finish its backlog (bounded) so the next measurement starts clean.
    const settleUntil = wallNow() + 20_000;
    while (inflight > 0 && wallNow() < settleUntil) await new Promise((r) => setTimeout(r, 20));
    return {
      attempted: i,
      sent: i - skipped,
      acked,
      failed,
      skipped,
      pending,
      firstError,
      ackLat: ackLatencies,
      sendSeconds: (sendEnd - start) / 1000,
    };
  },

  stopSend({ group: name }) {
    group(name).stopFlag = true;
    return null;
  },

  /**
   * S3: for each pair, one socket per side, both joined to the pair's DM room. A side
   * records the delivery latency of messages sent by the other side.
   */
  async dmSetup({ group: name, pairs, concurrency = 50 }) {
    const g = group(name);
    const listener = (dir) => (message) => {
      const content = message?.content;
      if (typeof content !== 'string' || !content.startsWith('d|')) return;
      const tag = parseTag(content);
      if (tag.dir === dir) return; // my own message, echoed to me by the room
      if (tag.step === g.step) {
        g.lat.push(wallNow() - tag.t0);
        g.delivered++;
      } else g.late++;
    };
    const result = await lanes(pairs.length, concurrency, async (i) => {
      const pair = pairs[i];
      const a = openSocket(pair.urlA, pair.tokenA);
      const b = openSocket(pair.urlB, pair.tokenB);
      g.sockets.push(a.socket, b.socket);
      a.socket.on('new-message', listener(0));
      b.socket.on('new-message', listener(1));
      await Promise.all([a.ready, b.ready]);
      await Promise.all([emitAck(a.socket, 'join-room', { chatroom_id: pair.room }), emitAck(b.socket, 'join-room', { chatroom_id: pair.room })]);
      g.pairs.push({ a: a.socket, b: b.socket, room: pair.room });
    });
    if (result.errors) throw new Error(`${result.errors} of ${pairs.length} pairs failed: ${result.firstError}`);
    return { pairs: g.pairs.length };
  },

  /** S3: `rate` DMs per second over this process's pairs, alternating direction; ack and delivery latency. */
  async dmRun({ group: name, rate, seconds, step, tag, maxInflight = 2000, drainMs = 3000 }) {
    const g = group(name);
    handlers.setStep({ group: name, step });
    const pairs = g.pairs;
    const total = Math.round(rate * seconds);
    const ackLat = [];
    let i = 0;
    let inflight = 0;
    let acked = 0;
    let failed = 0;
    let skipped = 0;
    let firstError;
    const start = wallNow();
    await new Promise((resolve) => {
      const tick = () => {
        const now = wallNow();
        while (i < total && start + (i * 1000) / rate <= now) {
          const n = i++;
          if (inflight >= maxInflight) {
            skipped++;
            continue;
          }
          inflight++;
          const pair = pairs[n % pairs.length];
          const dir = Math.floor(n / pairs.length) % 2;
          const socket = dir === 0 ? pair.a : pair.b;
          const t0 = wallNow();
          const content = `d|${step}|${t0.toFixed(3)}|${dir}|${PAD}`;
          socket.timeout(ACK_TIMEOUT_MS).emit('send-message', { chatroom_id: pair.room, content, client_id: `${tag}-${step}-${n}` }, (error, result) => {
            inflight--;
            if (error || !result?.ok) {
              failed++;
              firstError ??= error ? 'ack timeout' : JSON.stringify(result?.error ?? result);
            } else {
              acked++;
              ackLat.push(wallNow() - t0);
            }
          });
        }
        if (i >= total) return resolve();
        setTimeout(tick, 1);
      };
      tick();
    });
    const sendSeconds = (wallNow() - start) / 1000;
    // Bounded drain: every ack in, and every acked message delivered, or `drainMs` gone.
    const drainUntil = wallNow() + drainMs;
    while (wallNow() < drainUntil && (inflight > 0 || g.delivered < acked)) await new Promise((r) => setTimeout(r, 5));
    const delLat = Float64Array.from(g.lat);
    const pending = inflight;
    const ackedInTime = acked;
    const ackLatencies = Float64Array.from(ackLat);
    // Let an overloaded server finish its backlog (bounded) so the next measurement starts clean.
    const settleUntil = wallNow() + 20_000;
    while (inflight > 0 && wallNow() < settleUntil) await new Promise((r) => setTimeout(r, 20));
    g.step = -1;
    return { attempted: i, sent: i - skipped, acked: ackedInTime, failed, skipped, pending, firstError, ackLat: ackLatencies, delLat, delivered: delLat.length, sendSeconds };
  },

  /** Disconnects every socket of the group. */
  async close({ group: name }) {
    const g = groups.get(name);
    if (!g) return { closed: 0 };
    const n = g.sockets.length;
    for (const socket of g.sockets) socket.disconnect();
    groups.delete(name);
    await new Promise((r) => setTimeout(r, 50));
    return { closed: n };
  },

  // CAP's simulated people (bench/lib/capacity-people.mjs).
  ...capacityHandlers,

  async exit() {
    await capacityHandlers.capStop();
    for (const name of [...groups.keys()]) await handlers.close({ group: name });
    setTimeout(() => process.exit(0), 20);
    return null;
  },
};

process.on('message', async (msg) => {
  const { id, cmd, args } = msg;
  try {
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unknown command ${cmd}`);
    const result = await handler(args ?? {});
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
// The orchestrator went away: do not linger.
process.on('disconnect', () => process.exit(0));

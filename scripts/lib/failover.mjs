// The failover scenario behind scripts/professor-demo and the HA acceptance test: bounded
// load through the load balancer (reads, sends that carry a client_id and retry on error,
// Socket.IO clients that re-join and sync after every reconnect) while one instance is
// killed. Every client may use its own loopback source address, so NGINX's per-address
// hashing spreads the sockets over the instances. Plain ESM, no build step.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { io } from 'socket.io-client';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One keep-alive agent per source address (undefined: the system picks it). */
export function agentFor(localAddress, secure = false) {
  const Agent = secure ? https.Agent : http.Agent;
  return new Agent({ keepAlive: true, maxSockets: 8, ...(localAddress ? { localAddress } : {}), ...(secure ? { rejectUnauthorized: false } : {}) });
}

/**
 * One JSON request; resolves to { status, body, headers } for any status, rejects on a
 * network error or after timeoutMs.
 */
export function request(baseUrl, method, path, { body, token, agent, timeoutMs = 10_000, headers = {} } = {}) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/**
 * A user and a group room to load: registers a new account (or signs in with `account`
 * when given) and creates the room. Returns { token, userId, roomId, account }.
 */
export async function prepareChat(baseUrl, { account, agent } = {}) {
  let auth;
  if (account) {
    auth = await request(baseUrl, 'POST', '/api/auth/login', { body: { email: account.email, password: account.password }, agent });
  }
  if (!auth || auth.status !== 200) {
    const id = randomBytes(4).toString('hex');
    account = { username: `demo_${id}`, email: `demo-${id}@example.test`, password: `failover demo ${id} password` };
    auth = await request(baseUrl, 'POST', '/api/auth/register', { body: account, agent });
    if (auth.status !== 201) throw new Error(`register answered ${auth.status}: ${JSON.stringify(auth.body)}`);
  }
  const token = auth.body.token;
  const room = await request(baseUrl, 'POST', '/api/chatrooms', { body: { name: `failover ${new Date().toISOString()}`, participant_ids: [], is_group: true }, token, agent });
  if (room.status !== 201) throw new Error(`create room answered ${room.status}: ${JSON.stringify(room.body)}`);
  return { token, userId: auth.body.user.id, roomId: room.body.id, account };
}

/**
 * A Socket.IO client that joins the room and syncs on every (re)connect and records how long
 * each reconnect took, from the disconnect to the sync's ack.
 */
export function startSocketClient(baseUrl, { token, roomId, transport, localAddress, label }) {
  const agent = agentFor(localAddress, baseUrl.startsWith('https:'));
  const state = {
    label,
    transport,
    localAddress,
    connects: 0,
    disconnects: 0,
    reconnectMs: [],
    syncedOnce: false,
    lastSeq: 0,
    seen: new Set(),
    errors: [],
    disconnectedAt: undefined,
    socket: undefined,
  };
  const socket = io(baseUrl, {
    auth: { token },
    transports: [transport],
    upgrade: false,
    forceNew: true,
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    randomizationFactor: 0.2,
    timeout: 3_000,
    agent,
    ...(localAddress ? { localAddress } : {}),
  });
  state.socket = socket;
  const note = (message) => {
    for (const m of message) {
      state.seen.add(m.seq);
      if (m.seq > state.lastSeq) state.lastSeq = m.seq;
    }
  };
  socket.on('new-message', (message) => note([message]));
  socket.on('disconnect', () => {
    state.disconnects += 1;
    state.disconnectedAt ??= Date.now();
  });
  socket.on('connect', async () => {
    state.connects += 1;
    // From what was held when the connection came, not from `lastSeq` at the sync: a message
    // delivered live between the join and the sync would otherwise move the start past the
    // ones sent while this socket was not in the room yet.
    let after = state.lastSeq;
    try {
      const joined = await socket.timeout(3_000).emitWithAck('join-room', { chatroom_id: roomId });
      if (!joined.ok) throw new Error(`join-room: ${joined.error.code}`);
      for (;;) {
        const synced = await socket.timeout(3_000).emitWithAck('sync', { rooms: [{ chatroom_id: roomId, after_seq: after }] });
        if (!synced.ok) throw new Error(`sync: ${synced.error.code}`);
        const page = synced.data.rooms[0];
        const messages = page?.messages ?? [];
        note(messages);
        for (const m of messages) after = Math.max(after, m.seq);
        if (!page?.has_more) break;
      }
      state.syncedOnce = true;
      if (state.disconnectedAt !== undefined) {
        state.reconnectMs.push(Date.now() - state.disconnectedAt);
        state.disconnectedAt = undefined;
      }
    } catch (error) {
      // The instance may die between connect and sync: the next connect tries again.
      state.errors.push(String(error?.message ?? error));
    }
  });
  state.ready = new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`${label}: no sync within 10 s (${state.errors.join('; ')})`)), 10_000);
    const check = setInterval(() => {
      if (state.syncedOnce) {
        clearTimeout(deadline);
        clearInterval(check);
        resolve();
      }
    }, 20);
  });
  state.close = () => {
    socket.close();
    agent.destroy();
  };
  return state;
}

/**
 * Runs the load for durationMs and calls kill() once, killAtMs after the start. Reads must
 * never fail (NGINX retries them on another instance); a send that fails is retried with
 * the same client_id until it is acknowledged.
 */
export async function runLoad(baseUrl, options) {
  const {
    token,
    roomId,
    durationMs,
    killAtMs,
    kill,
    readers = 4,
    senders = 2,
    readPauseMs = 20,
    sendPauseMs = 100,
    addresses = [],
    runId = randomBytes(3).toString('hex'),
    log = () => undefined,
  } = options;
  const started = Date.now();
  const stopAt = started + durationMs;
  const report = {
    reads: { ok: 0, failed: 0, failures: [] },
    sends: { acked: 0, unacked: 0, failedAttempts: 0, retried: 0, failures: [], messages: [] },
    killedAtMs: undefined,
  };
  let addressIndex = 0;
  const nextAgent = () => agentFor(addresses.length ? addresses[addressIndex++ % addresses.length] : undefined, baseUrl.startsWith('https:'));
  const agents = [];

  const killer = (async () => {
    await sleep(killAtMs);
    report.killedAtMs = Date.now() - started;
    log(`t=${(report.killedAtMs / 1000).toFixed(1)}s  kill -9`);
    await kill();
  })();

  const reader = async () => {
    const agent = nextAgent();
    agents.push(agent);
    while (Date.now() < stopAt) {
      try {
        const res = await request(baseUrl, 'GET', `/api/messages/${roomId}?limit=20`, { token, agent });
        if (res.status === 200) report.reads.ok += 1;
        else {
          report.reads.failed += 1;
          report.reads.failures.push(`HTTP ${res.status}`);
        }
      } catch (error) {
        report.reads.failed += 1;
        report.reads.failures.push(error.message);
      }
      await sleep(readPauseMs);
    }
  };

  const sender = async (index) => {
    const agent = nextAgent();
    agents.push(agent);
    for (let n = 0; Date.now() < stopAt; n++) {
      const clientId = `fo-${runId}-${index}-${n}`;
      const body = { chatroom_id: roomId, content: `failover ${runId} ${index}/${n}`, client_id: clientId };
      let acked;
      for (let attempt = 0; attempt < 60 && !acked; attempt++) {
        if (attempt > 0) {
          report.sends.retried += 1;
          await sleep(100);
        }
        try {
          const res = await request(baseUrl, 'POST', '/api/messages', { body, token, agent, timeoutMs: 5_000 });
          if (res.status === 200 || res.status === 201) acked = res.body;
          else {
            report.sends.failedAttempts += 1;
            report.sends.failures.push(`HTTP ${res.status} ${res.body?.error?.code ?? ''}`.trim());
          }
        } catch (error) {
          report.sends.failedAttempts += 1;
          report.sends.failures.push(error.message);
        }
      }
      if (acked) {
        report.sends.acked += 1;
        report.sends.messages.push({ clientId, seq: acked.seq, id: acked.id });
      } else report.sends.unacked += 1;
      await sleep(sendPauseMs);
    }
  };

  const ticker = setInterval(() => {
    const t = ((Date.now() - started) / 1000).toFixed(1);
    log(`t=${t}s  reads ok ${report.reads.ok} failed ${report.reads.failed}  sends acked ${report.sends.acked} retried ${report.sends.retried}`);
  }, 2_000);
  try {
    await Promise.all([killer, ...Array.from({ length: readers }, () => reader()), ...Array.from({ length: senders }, (_, i) => sender(i))]);
  } finally {
    clearInterval(ticker);
    for (const agent of agents) agent.destroy();
  }
  return report;
}

/** Waits until every socket has seen every acknowledged message (or the time is up). */
export async function waitForDelivery(sockets, messages, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  const missingOf = (s) => messages.filter((m) => !s.seen.has(m.seq)).length;
  while (Date.now() < deadline && sockets.some((s) => missingOf(s) > 0)) await sleep(50);
  return sockets.map((s) => ({ label: s.label, missing: missingOf(s) }));
}

/** The first failure reasons with how often each happened: "HTTP 502 ×3, ECONNRESET ×1". */
export function summarize(failures) {
  const counts = new Map();
  for (const f of failures) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([reason, n]) => `${reason} ×${n}`).join(', ') || 'none';
}

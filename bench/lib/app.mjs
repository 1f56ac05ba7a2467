// The app's REST API as the bench uses it: accounts, rooms and seeded history.
import { io } from 'socket.io-client';

export async function api(base, method, path, { token, body } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return json;
}

/** Runs `fn(i)` for i in [0, count) with at most `concurrency` at once; results in order. */
export async function pool(count, concurrency, fn) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return results;
}

/** Registers `count` users (argon2 on the server: a few ms each); returns {id, token}. */
export async function registerUsers(bases, tag, count, concurrency = 4) {
  return pool(count, concurrency, async (i) => {
    const credentials = { email: `b${tag}.${i}@bench.test`, password: `lifting heavy things ${tag} ${i}` };
    const auth = await api(bases[i % bases.length], 'POST', '/api/auth/register', { body: { username: `b${tag}_${i}`, ...credentials } });
    // The credentials are for S5's logins.
    return { id: auth.user.id, token: auth.token, ...credentials };
  });
}

/** A group owned by `owner` with every user in `members` (added 100 at a time). */
export async function createGroup(base, owner, name, members) {
  const others = members.filter((u) => u.id !== owner.id).map((u) => u.id);
  const room = await api(base, 'POST', '/api/chatrooms', { token: owner.token, body: { name, participant_ids: others.slice(0, 99) } });
  for (let i = 99; i < others.length; i += 100) {
    await api(base, 'POST', `/api/chatrooms/${room.id}/participants`, { token: owner.token, body: { user_ids: others.slice(i, i + 100) } });
  }
  return room.id;
}

export async function openDm(base, a, b) {
  const room = await api(base, 'POST', '/api/chatrooms', { token: a.token, body: { participant_ids: [b.id] } });
  return room.id;
}

/** Sends `count` messages to `roomId` over Socket.IO (acks awaited, `concurrency` in flight). */
export async function seedMessages(url, user, roomId, count, content, tag, concurrency = 32) {
  const socket = io(url, { auth: { token: user.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  try {
    await pool(count, concurrency, (i) =>
      new Promise((resolve, reject) => {
        socket.timeout(30_000).emit('send-message', { chatroom_id: roomId, content, client_id: `seed-${tag}-${i}` }, (error, ack) => {
          if (error || !ack?.ok) reject(new Error(`seed send: ${error ? 'timeout' : JSON.stringify(ack?.error)}`));
          else resolve(ack.data.seq);
        });
      }),
    );
  } finally {
    socket.close();
  }
}

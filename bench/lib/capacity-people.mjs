// CAP, the generator's side: simulated people. Each person is one socket (JWT handshake)
// joined to 5–20 group rooms, doing a mix of actions on jittered timers, as fast as
// `pace` says (1 = human). Every action's latency is measured from its start to its ack or
// HTTP response, with the wall clock the processes of the machine share.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { emitAck, openSocket } from './client-socket.mjs';
import { wallNow } from './stats.mjs';

const HTTP_TIMEOUT_MS = 15_000;
/** Words of the messages; search asks for one of them (a few hits per room, not every message). */
const WORDS = ['squat', 'bench', 'deadlift', 'press', 'row', 'curl', 'plank', 'lunge', 'sprint', 'rest', 'protein', 'gym', 'tempo', 'warmup', 'stretch', 'mobility', 'cardio', 'rack', 'plates', 'chalk'];
const EMOJIS = ['👍', '🔥', '💪', '😂', '❤️'];
const EXERCISE_SETS_PER_WORKOUT = 20;

/**
 * Minutes between two of a person's actions at human pace, by action (sending has a timer of
 * its own: every 30–120 s, with a typing indicator first). The mix: reading and switching rooms
 * often, scrolling back and reacting now and then, search, friends, a set, an album rarely.
 */
export const CAP_ACTIONS = {
  read: 0.5,
  'switch-room': 2,
  history: 3,
  reaction: 5,
  search: 20,
  friends: 10,
  'log-set': 5,
  album: 10,
};

const state = {
  people: [],
  pace: 1,
  running: false,
  window: null,
  /** A set of the people that are being reconnected by the storm (their actions wait). */
  storming: false,
};

/** The generator's own event-loop delay: when it is high, the latencies measured here include the generator's queueing. */
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

function newWindow() {
  loopDelay.reset();
  return { startedAt: wallNow(), lat: new Map(), errors: new Map(), firstErrors: new Map(), delivery: [] };
}

function record(action, ms, error) {
  const w = state.window;
  if (!w) return;
  if (error) {
    w.errors.set(action, (w.errors.get(action) ?? 0) + 1);
    if (!w.firstErrors.has(action)) w.firstErrors.set(action, String(error?.message ?? error).slice(0, 300));
    return;
  }
  let list = w.lat.get(action);
  if (!list) w.lat.set(action, (list = []));
  list.push(ms);
}

const rand = (a, b) => a + Math.random() * (b - a);
const pick = (list) => list[Math.floor(Math.random() * list.length)];

async function http(person, method, path, body) {
  const headers = { accept: 'application/json', authorization: `Bearer ${person.token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${person.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')} → ${response.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

async function timed(action, fn) {
  const start = wallNow();
  try {
    await fn();
    record(action, wallNow() - start);
  } catch (error) {
    record(action, 0, error);
  }
}

function remember(person, message) {
  const room = person.roomsById.get(message.chatroom_id);
  if (!room) return;
  if (message.seq > room.lastSeq) room.lastSeq = message.seq;
  room.recent.push(message.id);
  if (room.recent.length > 8) room.recent.shift();
}

function onMessage(person, message) {
  remember(person, message);
  const content = message?.content;
  if (typeof content === 'string' && content.startsWith('c|')) {
    const t0 = Number(content.slice(2, content.indexOf('|', 2)));
    if (state.window && t0 >= state.window.startedAt) state.window.delivery.push(wallNow() - t0);
  }
}

/** Connects the person's socket and joins every room of theirs; the room's last seq comes with the ack. */
async function connectPerson(person) {
  const { socket, ready } = openSocket(person.url, person.token);
  person.socket = socket;
  socket.on('new-message', (message) => onMessage(person, message));
  await ready;
  const acks = await Promise.all(person.rooms.map((room) => emitAck(socket, 'join-room', { chatroom_id: room.id })));
  for (const ack of acks) {
    const room = person.roomsById.get(ack.chatroom_id);
    if (room && ack.last_seq > room.lastSeq) room.lastSeq = ack.last_seq;
  }
  person.connected = true;
}

// ---------------------------------------------------------------- actions

const actions = {
  async send(person) {
    const room = person.current;
    await timed('typing', () => emitAck(person.socket, 'typing', { chatroom_id: room.id, is_typing: true }));
    // A few seconds of typing (at human pace) before the message goes.
    await new Promise((r) => setTimeout(r, rand(1000, 4000) / state.pace));
    if (!state.running || !person.connected) return;
    const t0 = wallNow();
    const words = Array.from({ length: 6 }, () => pick(WORDS)).join(' ');
    const content = `c|${t0.toFixed(3)}|${words}`;
    await timed('send-message', async () => {
      const message = await emitAck(person.socket, 'send-message', { chatroom_id: room.id, content, client_id: `${person.tag}-${person.sent++}` });
      remember(person, message);
    });
  },

  async read(person) {
    const room = person.current;
    if (!(room.lastSeq > room.readSeq)) return actions.history(person);
    const seq = room.lastSeq;
    await timed('read', async () => {
      await emitAck(person.socket, 'read', { chatroom_id: room.id, seq });
      room.readSeq = seq;
    });
  },

  async 'switch-room'(person) {
    const room = pick(person.rooms.filter((r) => r !== person.current)) ?? person.current;
    // What the client does on a room switch: (re)join it, load the newest page, mark it read.
    await timed('switch-room', async () => {
      const ack = await emitAck(person.socket, 'join-room', { chatroom_id: room.id });
      if (ack.last_seq > room.lastSeq) room.lastSeq = ack.last_seq;
      const page = await http(person, 'GET', `/api/messages/${room.id}?limit=50`);
      for (const m of page.items.slice(0, 8)) remember(person, m);
    });
    person.current = room;
  },

  async history(person) {
    const room = person.current;
    const before = room.lastSeq > 1 ? 1 + Math.floor(Math.random() * room.lastSeq) : undefined;
    await timed('history', async () => {
      const page = await http(person, 'GET', `/api/messages/${room.id}?${before ? `before_seq=${before}&` : ''}limit=50`);
      for (const m of page.items.slice(0, 4)) if (!room.recent.includes(m.id)) room.recent.unshift(m.id);
      room.recent.length = Math.min(room.recent.length, 8);
    });
  },

  async reaction(person) {
    const room = person.current;
    if (!room.recent.length) return actions.history(person);
    const id = pick(room.recent);
    await timed('reaction', () => http(person, 'PUT', `/api/messages/${id}/reactions/${encodeURIComponent(pick(EMOJIS))}`));
  },

  search: (person) => timed('search', () => http(person, 'GET', `/api/search/messages?q=${encodeURIComponent(pick(WORDS))}&limit=20`)),

  friends: (person) => timed('friends', () => http(person, 'GET', '/api/friends?limit=50')),

  async 'log-set'(person) {
    const w = person.workout;
    await timed('log-set', async () => {
      const set = { client_id: `set-${w.count}-${String(w.sets.length).padStart(3, '0')}`, type: 'normal', weight: 60 + 2.5 * (w.sets.length % 8), reps: 5 + (w.sets.length % 4), done: true };
      if (!w.doc) {
        const created = await http(person, 'POST', '/api/workouts', {
          client_id: `cap-${person.tag}-w${w.count}`,
          title: 'Evening lift',
          exercises: [{ client_id: 'exercise-0', exercise_id: person.exerciseId, sets: [set] }],
        });
        w.doc = { id: created.id, title: created.title, started_at: created.started_at, visibility: created.visibility };
        w.sets = [set];
      } else {
        w.sets.push(set);
        await http(person, 'PUT', `/api/workouts/${w.doc.id}`, {
          title: w.doc.title,
          notes: null,
          started_at: w.doc.started_at,
          ended_at: null,
          visibility: w.doc.visibility,
          exercises: [{ client_id: 'exercise-0', exercise_id: person.exerciseId, sets: w.sets }],
        });
      }
    });
    if (w.sets.length >= EXERCISE_SETS_PER_WORKOUT) {
      await timed('finish-workout', () => http(person, 'POST', `/api/workouts/${w.doc.id}/finish`, {}));
      w.doc = null;
      w.sets = [];
      w.count++;
    }
  },

  async album(person) {
    await timed('album', async () => {
      const page = await http(person, 'GET', '/api/albums?limit=20');
      const album = page.items?.[0];
      if (album) await http(person, 'GET', `/api/albums/${album.id}/photos?limit=50`);
    });
  },
};

const ACTION_NAMES = Object.keys(CAP_ACTIONS);
const ACTION_RATES = ACTION_NAMES.map((name) => 1 / CAP_ACTIONS[name]);
const TOTAL_RATE_PER_MIN = ACTION_RATES.reduce((a, b) => a + b, 0);

function pickAction() {
  let x = Math.random() * TOTAL_RATE_PER_MIN;
  for (let i = 0; i < ACTION_NAMES.length; i++) {
    x -= ACTION_RATES[i];
    if (x <= 0) return ACTION_NAMES[i];
  }
  return ACTION_NAMES[0];
}

/** Exponential gaps (a Poisson flow per person), cut at 5× the mean so no one sleeps for ever. */
const nextActionMs = () => Math.min(5, -Math.log(1 - Math.random())) * (60_000 / TOTAL_RATE_PER_MIN / state.pace);
const nextSendMs = () => rand(30_000, 120_000) / state.pace;

function schedule(person, kind, delayMs) {
  const timer = setTimeout(async () => {
    person.timers.delete(timer);
    if (person.closed) return;
    if (!state.running || !person.connected || state.storming) return schedule(person, kind, kind === 'send' ? nextSendMs() : nextActionMs());
    // One action of each timer at a time: a slow server slows the person down, as it would a human.
    try {
      if (kind === 'send') await actions.send(person);
      else await actions[pickAction()](person);
    } finally {
      if (!person.closed) schedule(person, kind, kind === 'send' ? nextSendMs() : nextActionMs());
    }
  }, delayMs);
  person.timers.add(timer);
}

function closePerson(person) {
  person.closed = true;
  person.connected = false;
  for (const timer of person.timers) clearTimeout(timer);
  person.timers.clear();
  person.socket?.disconnect();
}

/** `count` tasks, at most `concurrency` at once. */
async function lanes(count, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

export const capacityHandlers = {
  /** Adds people (connect, join their rooms) at most `concurrency` connecting at once; their actions start at once, at random phases. */
  async capAdd({ people, concurrency = 20 }) {
    const connectLat = [];
    let errors = 0;
    let handshakeTimeouts = 0;
    let firstError;
    await lanes(people.length, concurrency, async (i) => {
      const spec = people[i];
      const rooms = spec.rooms.map((id) => ({ id, lastSeq: 0, readSeq: 0, recent: [] }));
      const person = { ...spec, rooms, roomsById: new Map(rooms.map((r) => [r.id, r])), current: rooms[0], timers: new Set(), sent: 0, connected: false, closed: false, workout: { doc: null, sets: [], count: 0 } };
      state.people.push(person);
      const start = wallNow();
      try {
        await connectPerson(person);
        connectLat.push(wallNow() - start);
        schedule(person, 'send', Math.random() * nextSendMs());
        schedule(person, 'other', Math.random() * nextActionMs());
      } catch (error) {
        errors++;
        if (error.handshakeTimeout) handshakeTimeouts++;
        firstError ??= String(error?.message ?? error);
        closePerson(person);
      }
    });
    state.people = state.people.filter((p) => !p.closed);
    return { connected: connectLat.length, errors, handshakeTimeouts, firstError, connectLat: Float64Array.from(connectLat), people: state.people.length };
  },

  capRun({ pace }) {
    state.pace = pace;
    state.running = true;
    return { people: state.people.length };
  },

  /** People stay connected but do nothing (while the orchestrator makes more accounts and rooms). */
  capPause() {
    state.running = false;
    return { people: state.people.length };
  },

  /** Starts a measurement window (what was measured before is dropped). */
  capWindow() {
    state.window = newWindow();
    return null;
  },

  /** The window's latencies per action, errors per action and their first messages. */
  capCollect() {
    const w = state.window ?? newWindow();
    state.window = null;
    const lat = {};
    for (const [action, list] of w.lat) lat[action] = Float64Array.from(list);
    const loopP99Ms = loopDelay.percentile(99) / 1e6;
    return { seconds: (wallNow() - w.startedAt) / 1000, loopP99Ms, lat, errors: Object.fromEntries(w.errors), firstErrors: Object.fromEntries(w.firstErrors), delivery: Float64Array.from(w.delivery), people: state.people.length };
  },

  /** Keeps the first `keep` people of this generator, closing the rest. */
  capTrim({ keep }) {
    for (const person of state.people.slice(keep)) closePerson(person);
    state.people = state.people.slice(0, keep);
    return { people: state.people.length };
  },

  /**
   * The reconnect storm: every person's socket is dropped at once and every one reconnects
   * at once (as after an instance restart), each then joining all its rooms again.
   */
  async capStorm() {
    state.storming = true;
    const people = state.people;
    for (const person of people) {
      person.connected = false;
      person.socket?.disconnect();
    }
    const startedAt = wallNow();
    const lat = [];
    let errors = 0;
    let handshakeTimeouts = 0;
    let firstError;
    await Promise.all(
      people.map(async (person) => {
        const start = wallNow();
        try {
          await connectPerson(person);
          lat.push(wallNow() - start);
        } catch (error) {
          errors++;
          if (error.handshakeTimeout) handshakeTimeouts++;
          firstError ??= String(error?.message ?? error);
        }
      }),
    );
    const endedAt = wallNow();
    state.storming = false;
    return { people: people.length, reconnected: lat.length, errors, handshakeTimeouts, firstError, startedAt, endedAt, lat: Float64Array.from(lat) };
  },

  /** Stops every person and closes every socket. */
  async capStop() {
    state.running = false;
    const n = state.people.length;
    for (const person of state.people) closePerson(person);
    state.people = [];
    state.window = null;
    await new Promise((r) => setTimeout(r, 50));
    return { closed: n };
  },
};

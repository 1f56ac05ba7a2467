import { randomBytes } from 'node:crypto';
import type { Ack, Chatroom, Message } from '@discordgym/contracts';
import { count } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import { chatroomParticipants, chatrooms, messageMentions, messageReactions, messages } from '../src/infra/db/schema';
import { ApiClient } from './api-client';
import { registerUser } from './factories';
import { clusterEnv, startTestServer, type TestEnv, type TestServer } from './harness';
import { connectSocket, emitAck, eventually, type TestSocket } from './sockets';

/** Starts a server for one chat suite, with the suite's own env on top. */
export type StartChatServer = (env?: TestEnv) => Promise<TestServer>;

/** Message and join limits out of the way: only the rate-limit tests set them low. */
export const CHAT_TEST_ENV: TestEnv = {
  RATE_LIMIT_MESSAGES_PER_USER: '100000',
  RATE_LIMIT_ROOM_JOINS_PER_USER: '100000',
};

export interface ChatServer {
  /** The running server; set in the suite's beforeAll. */
  readonly sut: TestServer;
  readonly api: ApiClient;
  /** A socket of `user` joined to `rooms`, closed after each test. */
  connect(user: ChatUser, rooms?: string[]): Promise<TestSocket>;
  /** Closes a socket the test opened itself after the test, like `connect`'s. */
  track(socket: TestSocket): TestSocket;
}

/** One server per chat suite: started before its tests, sockets closed after each, stopped at the end. */
export function useChatServer(start: StartChatServer, env: TestEnv = {}): ChatServer {
  let sut: TestServer | undefined;
  let api: ApiClient | undefined;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    sut = await start(env);
    api = new ApiClient(sut.url);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => sut?.close());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the chat server is not started yet (use it inside a test or hook)');
    return value;
  };
  return {
    get sut() {
      return started(sut);
    },
    get api() {
      return started(api);
    },
    async connect(user, rooms = []) {
      const socket = await socketIn(started(sut), user, rooms);
      sockets.push(socket);
      return socket;
    },
    track(socket) {
      sockets.push(socket);
      return socket;
    },
  };
}

export const startEmbeddedChat: StartChatServer = (env = {}) => startTestServer({ ...CHAT_TEST_ENV, ...env });

/** Cluster mode: the run's PostgreSQL database, and a Redis key prefix of this server's own. */
export const startClusterChat: StartChatServer = (env = {}) =>
  startTestServer({
    ...clusterEnv(),
    REDIS_KEY_PREFIX: `${inject('redisPrefix')}chat:${randomBytes(4).toString('hex')}:`,
    ...CHAT_TEST_ENV,
    ...env,
  });

export interface ChatUser {
  id: string;
  token: string;
  handle: string;
  username: string;
  email: string;
  password: string;
}

export async function chatUser(api: ApiClient): Promise<ChatUser> {
  const registered = await registerUser(api);
  return {
    id: registered.auth.user.id,
    token: registered.auth.token,
    handle: registered.auth.user.handle,
    username: registered.username,
    email: registered.email,
    password: registered.password,
  };
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>;

/** `n` new users, as a tuple: `const [owner, member] = await chatUsers(api, 2)`. */
export async function chatUsers<N extends 1 | 2 | 3 | 4 | 5>(api: ApiClient, n: N): Promise<Tuple<ChatUser, N>> {
  const users: ChatUser[] = [];
  for (let i = 0; i < n; i++) users.push(await chatUser(api));
  return users as Tuple<ChatUser, N>;
}

/** A fresh, valid client_id. */
export const clientId = (): string => `c_${randomBytes(8).toString('hex')}`;

export async function createGroup(api: ApiClient, owner: ChatUser, members: ChatUser[], name = `group ${randomBytes(3).toString('hex')}`): Promise<Chatroom> {
  const response = await api.post<Chatroom>('/api/chatrooms', { name, participant_ids: members.map((m) => m.id) }, { token: owner.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export async function openDm(api: ApiClient, from: ChatUser, to: ChatUser): Promise<Chatroom> {
  const response = await api.post<Chatroom>('/api/chatrooms', { participant_ids: [to.id] }, { token: from.token });
  expect([200, 201], JSON.stringify(response.body)).toContain(response.status);
  return response.body;
}

export async function postMessage(
  api: ApiClient,
  user: ChatUser,
  chatroomId: string,
  content: string,
  extra: { client_id?: string; reply_to_id?: string } = {},
): Promise<Message> {
  const response = await api.post<Message>('/api/messages', { chatroom_id: chatroomId, content, client_id: extra.client_id ?? clientId(), ...extra }, { token: user.token });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

export function expectOk<T>(ack: Ack<T>): T {
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  return (ack as { ok: true; data: T }).data;
}

export function expectAckError(ack: Ack<unknown>, code: string): void {
  expect(ack.ok, JSON.stringify(ack)).toBe(false);
  expect((ack as { ok: false; error: { code: string } }).error.code, JSON.stringify(ack)).toBe(code);
}

/** A connected socket that has joined these rooms. */
export async function socketIn(sut: TestServer, user: ChatUser, roomIds: string[] = []): Promise<TestSocket> {
  const socket = await connectSocket(sut.url, user.token);
  for (const chatroom_id of roomIds) expectOk(await emitAck(socket, 'join-room', { chatroom_id }));
  return socket;
}

export interface ReceivedEvent {
  event: string;
  payload: any;
}

/** Every server event a socket receives, in order. */
export function recordAll(socket: TestSocket): ReceivedEvent[] {
  const received: ReceivedEvent[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  return received;
}

/** Rows of every chat table, read straight from the database. */
export interface ChatRowCounts {
  chatrooms: number;
  participants: number;
  messages: number;
  reactions: number;
  mentions: number;
}

export async function chatRowCounts(sut: TestServer): Promise<ChatRowCounts> {
  const db = sut.server.infra.database.db;
  const rows = async (table: PgTable) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    chatrooms: await rows(chatrooms),
    participants: await rows(chatroomParticipants),
    messages: await rows(messages),
    reactions: await rows(messageReactions),
    mentions: await rows(messageMentions),
  };
}

/** Runs `action` and asserts that no chat table gained or lost a row. */
export async function expectNoChatWrites<T>(sut: TestServer, action: () => Promise<T>): Promise<T> {
  const before = await chatRowCounts(sut);
  const result = await action();
  expect(await chatRowCounts(sut), 'chat rows changed').toEqual(before);
  return result;
}

/**
 * Sends a message in `roomId` and waits until `socket` (joined there) has it: everything
 * the server emitted to that socket before has arrived too. The way to assert "received
 * nothing" without waiting for a fixed time.
 */
export async function flushSocket(api: ApiClient, sender: ChatUser, roomId: string, received: ReceivedEvent[]): Promise<Message> {
  const marker = await postMessage(api, sender, roomId, `flush ${randomBytes(4).toString('hex')}`);
  await eventually(() => expect(received.some((r) => r.event === 'new-message' && r.payload.id === marker.id)).toBe(true));
  return marker;
}

/** The events of `received` that concern `roomId`. */
export const eventsOfRoom = (received: ReceivedEvent[], roomId: string): ReceivedEvent[] =>
  received.filter((r) => JSON.stringify(r.payload ?? null).includes(roomId));

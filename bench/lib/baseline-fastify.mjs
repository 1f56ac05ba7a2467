// B_fastify: a bare Fastify JSON route, no logging, no hooks, no auth. It answers the
// history path with a fixed page of 50 messages of the app's shape and size.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';

const port = Number(process.env.PORT);
const room = randomUUID();
const sender = randomUUID();
const page = {
  items: Array.from({ length: 50 }, (_, i) => ({
    id: randomUUID(),
    chatroom_id: room,
    seq: 1000 - i,
    sender_id: sender,
    client_id: `seed-${1000 - i}-abcdef`,
    content: `b|0|1795305919338.123|0|lorem-ipsum-dolor-sit-amet-consectetur-adipiscing`,
    reply_to_id: null,
    mentions: [],
    reactions: [],
    created_at: new Date().toISOString(),
    edited_at: null,
    deleted_at: null,
  })),
  has_more: true,
};

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get('/api/messages/:chatroomId', async () => page);
await app.listen({ port, host: '127.0.0.1' });
const shutdown = () => app.close().then(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

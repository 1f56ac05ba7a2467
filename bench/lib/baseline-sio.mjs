// B_sio: a minimal Socket.IO server — websocket only, no perMessageDeflate, in-memory
// rooms, no database. It speaks the app's events and payload shapes (join-room,
// send-message → new-message to the room, acks {ok, data}) and verifies the same HS256
// access token in the handshake, so S1–S3 compare like with like minus the app.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { jwtVerify } from 'jose';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const key = new TextEncoder().encode(process.env.JWT_SECRET);
const seqs = new Map();

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  pingInterval: 20_000,
  pingTimeout: 20_000,
});

io.use((socket, next) => {
  const token = socket.handshake.auth?.token;
  jwtVerify(String(token), key, { algorithms: ['HS256'] }).then(
    ({ payload }) => {
      socket.data.userId = payload.sub;
      next();
    },
    () => next(new Error('unauthorized')),
  );
});

io.on('connection', (socket) => {
  const userId = socket.data.userId;
  socket.join(`user:${userId}`);
  socket.on('join-room', (payload, ack) => {
    const id = payload?.chatroom_id;
    if (typeof id !== 'string' || typeof ack !== 'function') return typeof ack === 'function' && ack({ ok: false, error: { code: 'VALIDATION_FAILED', message: 'bad' } });
    socket.join(`room:${id}`);
    ack({ ok: true, data: { chatroom_id: id, last_seq: seqs.get(id) ?? 0 } });
  });
  socket.on('send-message', (payload, ack) => {
    const id = payload?.chatroom_id;
    if (typeof id !== 'string' || typeof payload.content !== 'string' || typeof ack !== 'function') return;
    const seq = (seqs.get(id) ?? 0) + 1;
    seqs.set(id, seq);
    const message = {
      id: randomUUID(),
      chatroom_id: id,
      seq,
      sender_id: userId,
      client_id: payload.client_id,
      content: payload.content,
      reply_to_id: null,
      mentions: [],
      reactions: [],
      created_at: new Date().toISOString(),
      edited_at: null,
      deleted_at: null,
    };
    // Like the app: the sender has its message from the ack, the rest of the room gets the event.
    socket.to(`room:${id}`).emit('new-message', message);
    ack({ ok: true, data: message });
  });
});

http.listen(port, '127.0.0.1');
const shutdown = () => io.close(() => process.exit(0));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

// B_pg: the history request's SQL through plain `pg`, no app, in its own process.
// `keyset` is the page query alone; `full` is every statement the app runs for one
// GET /api/messages/:id?before_seq= (membership, room, page, reactions, mentions).
import pg from 'pg';
import { wallNow } from './stats.mjs';

const COLUMNS = 'id, chatroom_id, seq, sender_id, client_id, content, reply_to_id, created_at, edited_at, deleted_at';
const PAGE = `select ${COLUMNS} from messages where chatroom_id = $1 and seq < $2 order by seq desc limit $3`;

async function run({ url, roomId, userId, maxSeq, limit, seconds, concurrency, poolMax, variant }) {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  pool.on('error', () => undefined);
  const lat = [];
  let errors = 0;
  let firstError;
  const one = async () => {
    const before = limit + 2 + Math.floor(Math.random() * Math.max(1, maxSeq - limit - 1));
    if (variant === 'full') {
      await pool.query('select chatroom_id, user_id, role, joined_at, last_read_seq from chatroom_participants where chatroom_id = $1 and user_id = $2 limit $3', [roomId, userId, 1]);
      await pool.query('select id, name, is_group, dm_key, created_by, last_seq, created_at, updated_at from chatrooms where id = $1 limit $2', [roomId, 1]);
      const { rows } = await pool.query(PAGE, [roomId, before, limit + 1]);
      const ids = rows.slice(0, limit).map((r) => r.id);
      if (ids.length) {
        // drizzle's inArray: one placeholder per id.
        const list = ids.map((_, i) => `$${i + 1}`).join(', ');
        await Promise.all([
          pool.query(`select message_id, user_id, emoji, created_at from message_reactions where message_id in (${list}) order by created_at asc`, ids),
          pool.query(`select message_id, user_id from message_mentions where message_id in (${list})`, ids),
        ]);
      }
    } else {
      await pool.query(PAGE, [roomId, before, limit + 1]);
    }
  };
  // Warm the pool's connections first.
  await Promise.all(Array.from({ length: poolMax }, () => one()));
  const start = wallNow();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (wallNow() < end) {
        const t0 = wallNow();
        try {
          await one();
          lat.push(wallNow() - t0);
        } catch (error) {
          errors++;
          firstError ??= String(error?.message ?? error);
        }
      }
    }),
  );
  const elapsed = (wallNow() - start) / 1000;
  await pool.end();
  return { count: lat.length, errors, firstError, rps: lat.length / elapsed, lat: Float64Array.from(lat) };
}

process.on('message', async ({ id, cmd, args }) => {
  try {
    if (cmd === 'exit') {
      process.send({ id, ok: true, result: null });
      setTimeout(() => process.exit(0), 20);
      return;
    }
    process.send({ id, ok: true, result: await run(args) });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));

// S5's login storm: POST /api/auth/login from its own process (driven over IPC), spread
// over the given accounts and the app's instances, `concurrency` requests in flight.
// Keep-alive connections, like a reverse proxy in front of the app.
import { Agent, request } from 'node:http';

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function login(url, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      `${url}/api/auth/login`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length, 'user-agent': 'dgbench-s5' }, timeout: 60_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else reject(new Error(`login → ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('login timed out after 60 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

const wallNow = () => performance.timeOrigin + performance.now();

const handlers = {
  /** `count` logins, the k-th as account k % accounts on instance k % urls; one latency each. */
  async storm({ urls, accounts, count, concurrency, offset = 0 }) {
    const latencies = [];
    let next = 0;
    let errors = 0;
    let firstError;
    const startedAt = wallNow();
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, async () => {
        while (next < count) {
          const k = offset + next++;
          const account = accounts[k % accounts.length];
          const t0 = wallNow();
          try {
            await login(urls[k % urls.length], account);
            latencies.push(wallNow() - t0);
          } catch (error) {
            errors += 1;
            firstError ??= String(error?.message ?? error);
          }
        }
      }),
    );
    return { ok: latencies.length, errors, firstError, latencies: Float64Array.from(latencies), startedAt, endedAt: wallNow() };
  },

  exit() {
    agent.destroy();
    setTimeout(() => process.exit(0), 20);
    return null;
  },
};

process.on('message', async ({ id, cmd, args }) => {
  try {
    const handler = handlers[cmd];
    if (!handler) throw new Error(`unknown command ${cmd}`);
    process.send({ id, ok: true, result: await handler(args ?? {}) });
  } catch (error) {
    process.send({ id, ok: false, error: String(error?.stack ?? error) });
  }
});
process.on('disconnect', () => process.exit(0));

#!/usr/bin/env node
// The load and kill part of scripts/professor-demo: runs bounded load through the load
// balancer with socket clients, kill -9s one instance in the middle, then checks every
// acknowledged message is stored exactly once and prints the counts. Exit 0 = zero downtime.
//   HA_PORT RUN_DIR DEMO_SECONDS DEMO_KILL_AFTER DEMO_VICTIM (api-1) DEMO_SPREAD (1)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prepareChat, request, runLoad, startSocketClient, summarize, waitForDelivery } from './failover.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const runDir = path.resolve(process.env.RUN_DIR ?? path.join(root, 'run'));
const baseUrl = `http://127.0.0.1:${process.env.HA_PORT ?? '3001'}`;
const seconds = Number(process.env.DEMO_SECONDS ?? 20);
const killAfter = Number(process.env.DEMO_KILL_AFTER ?? Math.round(seconds / 3));
const victim = process.env.DEMO_VICTIM ?? 'api-1';
const accountFile = path.join(runDir, 'ha', 'demo-account.json');

const log = (line) => console.log(line);
// Distinct loopback source addresses: NGINX hashes sockets by address onto all instances.
// Linux routes all of 127.0.0.0/8 to the loopback device; DEMO_SPREAD=0 uses 127.0.0.1 only
// (systems where only that address is local), and then every socket sits on one instance.
const spread = process.env.DEMO_SPREAD !== '0';
const addresses = Array.from({ length: 12 }, (_, i) => (spread ? `127.0.0.${i + 2}` : undefined));

let account;
try {
  account = JSON.parse(readFileSync(accountFile, 'utf8'));
} catch {
  account = undefined;
}
const chat = await prepareChat(baseUrl, { account });
writeFileSync(accountFile, JSON.stringify(chat.account), { mode: 0o600 });
log(`demo user ${chat.account.username}, room ${chat.roomId}`);

const sockets = addresses.slice(0, 6).map((address, i) =>
  startSocketClient(baseUrl, { token: chat.token, roomId: chat.roomId, transport: i % 2 ? 'polling' : 'websocket', localAddress: address, label: `socket-${i + 1}` }),
);
await Promise.all(sockets.map((s) => s.ready));
log(`${sockets.length} socket clients connected and synced (websocket and polling)`);
log(`\n== 3. load for ${seconds} s through ${baseUrl}; kill -9 ${victim} after ${killAfter} s`);

const pidFile = path.join(runDir, 'ha', `${victim}.pid`);
const report = await runLoad(baseUrl, {
  token: chat.token,
  roomId: chat.roomId,
  durationMs: seconds * 1000,
  killAtMs: killAfter * 1000,
  readers: 3,
  senders: 1,
  readPauseMs: 200,
  sendPauseMs: 400,
  addresses: addresses.slice(6),
  log,
  kill: () => {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    process.kill(pid, 'SIGKILL');
    log(`${victim} (pid ${pid}) killed`);
  },
});
const delivery = await waitForDelivery(sockets, report.sends.messages);

// Exactly once: page through the room's history and count every client_id.
const stored = new Map();
for (let after = 0; ; ) {
  const page = await request(baseUrl, 'GET', `/api/messages/${chat.roomId}?after_seq=${after}&limit=100`, { token: chat.token });
  if (page.status !== 200) throw new Error(`history answered ${page.status}`);
  for (const m of page.body.items) stored.set(m.client_id, (stored.get(m.client_id) ?? 0) + 1);
  if (!page.body.has_more || !page.body.items.length) break;
  after = page.body.items.at(-1).seq;
}
const duplicates = [...stored.values()].filter((n) => n > 1).length;
const missing = report.sends.messages.filter((m) => !stored.has(m.clientId)).length;
const reconnects = sockets.flatMap((s) => s.reconnectMs);
const unsynced = sockets.filter((s) => s.disconnectedAt !== undefined).length;
const undelivered = delivery.filter((d) => d.missing > 0).length;
for (const s of sockets) s.close();

log(`\n== result`);
log(`reads:   ${report.reads.ok} ok, ${report.reads.failed} failed (${summarize(report.reads.failures)})`);
log(`sends:   ${report.sends.acked} acknowledged, ${report.sends.unacked} never acknowledged, ${report.sends.retried} retries after ${summarize(report.sends.failures)}`);
log(`stored:  ${stored.size} distinct client_ids, ${duplicates} duplicated, ${missing} acknowledged but missing`);
log(`sockets: ${reconnects.length} reconnects, slowest ${reconnects.length ? Math.max(...reconnects) : 0} ms, ${unsynced} not re-synced, ${undelivered} missing messages`);
const ok = report.reads.failed === 0 && report.sends.unacked === 0 && duplicates === 0 && missing === 0 && unsynced === 0 && undelivered === 0;
log(ok ? 'FAILED REQUESTS: 0 — zero downtime' : 'FAILED REQUESTS: see above');
process.exit(ok ? 0 : 1);

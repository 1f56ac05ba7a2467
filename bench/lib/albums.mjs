// S8 upload storm and S9 processing: party albums. Each round measures the baseline, then
// the app, back to back, like the other scenarios; the orchestrator takes the median.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { io } from 'socket.io-client';
import { api, pool } from './app.mjs';
import { cpuMs } from './procs.mjs';
import { median, sleep } from './stats.mjs';

const run = promisify(execFile);
const sumCpu = (pids) => pids.reduce((n, pid) => n + cpuMs(pid), 0);

/** A noisy photo-sized JPEG of about `targetBytes` (noise does not compress): what a phone sends. */
export async function makeJpeg(file, targetBytes = 3 * 1024 * 1024) {
  const width = 2400;
  const encode = (height) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  // One probe for the bytes per row, then the height that lands near the target.
  const probe = await encode(200);
  const bytes = await encode(Math.max(200, Math.round((200 * targetBytes) / probe.length)));
  writeFileSync(file, bytes);
  return bytes;
}

/** Bytes the app's HTTP servers have read so far (its own counter: uploads through the app show here). */
async function receivedBytes(bases) {
  let total = 0;
  for (const base of bases) {
    const text = await (await fetch(`${base}/metrics`)).text();
    const match = /^http_received_bytes_total(?:\{[^}]*\})? (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(text);
    total += match ? Number(match[1]) : 0;
  }
  return total;
}

/** An album of the owner with approval off, and a wall socket on it that records each photo's arrival. */
async function albumWithWall(base, owner, title) {
  const album = await api(base, 'POST', '/api/albums', { token: owner.token, body: { title, settings: { approval_required: false, max_file_bytes: 64 * 1024 * 1024 } } });
  const link = await api(base, 'POST', `/api/albums/${album.id}/wall-link`, { token: owner.token });
  const socket = io(base, { auth: { wall_token: link.token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const arrived = new Map();
  socket.on('album-photo-added', (event) => {
    if (!arrived.has(event.photo.id)) arrived.set(event.photo.id, performance.now());
  });
  const joined = await socket.timeout(10_000).emitWithAck('join-album', { album_id: album.id });
  if (!joined.ok) throw new Error(`join-album: ${JSON.stringify(joined.error)}`);
  return { albumId: album.id, socket, arrived };
}

async function waitFor(arrived, ids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (ids.some((id) => !arrived.has(id))) {
    if (Date.now() > deadline) throw new Error(`${ids.filter((id) => !arrived.has(id)).length} of ${ids.length} photos never reached the wall`);
    await sleep(50);
  }
}

/** Asks for a presigned PUT per file (batches of 20) and answers the tickets in order. */
async function tickets(base, owner, albumId, count, size, tag) {
  const batches = Math.ceil(count / 20);
  const answers = await pool(batches, 4, async (b) => {
    const files = Array.from({ length: Math.min(20, count - b * 20) }, (_, i) => ({ client_id: `${tag}-${b}-${i}`, name: `IMG_${b}_${i}.jpg`, type: 'image/jpeg', size }));
    return (await api(base, 'POST', `/api/albums/${albumId}/uploads`, { token: owner.token, body: { files } })).items;
  });
  return answers.flat();
}

async function put(base, ticket, bytes) {
  // Disk storage answers URLs relative to the app (it is the upload endpoint); S3 absolute ones.
  const response = await fetch(new URL(ticket.put.url, base), { method: 'PUT', headers: ticket.put.headers, body: bytes, signal: AbortSignal.timeout(120_000) });
  if (!response.ok) throw new Error(`PUT → ${response.status} ${(await response.text()).slice(0, 200)}`);
}

const complete = (base, owner, albumId, ticket) => api(base, 'POST', `/api/albums/${albumId}/uploads/${ticket.upload_id}/complete`, { token: owner.token });

// ---------------------------------------------------------------- S8 upload storm

/**
 * N photos of ~3 MB at once, each: presigned PUT ticket → PUT straight to storage →
 * complete → processing → approved → on a wall socket. Figures: photos/s end to end (first
 * request to the last photo on the wall) and the bytes the app's HTTP servers read while
 * it ran, as a share of the photo bytes (≈ 0 with S3; ≈ 1 with the embedded disk storage,
 * where the app itself is the upload endpoint). Baseline B_put: the same PUTs straight to
 * the same storage endpoint with URLs signed once up front (the upload path without the app).
 */
export async function s8(ctx) {
  const { knobs, sizes, log, ours } = ctx;
  const owner = ctx.users[0];
  const count = sizes.s8Photos;
  const file = path.join(os.tmpdir(), `dgbench-s8-${ctx.tag}.jpg`);
  const bytes = await makeJpeg(file, knobs.s8PhotoBytes);
  log(`  S8: ${count} photos of ${(bytes.length / 1024 / 1024).toFixed(2)} MB, ${knobs.s8Concurrency} at once`);
  const rounds = [];
  for (let round = 0; round < knobs.rounds; round++) {
    const base = ours.bases[round % ours.bases.length];
    // Baseline: PUTs only, URLs signed before the clock starts.
    const plain = await albumWithWall(base, owner, `s8-base-${round}`);
    const baseTickets = await tickets(base, owner, plain.albumId, count, bytes.length, `b${round}${ctx.tag}`);
    let t0 = performance.now();
    await pool(count, knobs.s8Concurrency, (i) => put(base, baseTickets[i], bytes));
    const baselineSeconds = (performance.now() - t0) / 1000;
    plain.socket.close();

    const wall = await albumWithWall(base, owner, `s8-${round}`);
    const receivedBefore = await receivedBytes(ours.bases);
    const cpuBefore = sumCpu(ours.pids);
    t0 = performance.now();
    const all = await tickets(base, owner, wall.albumId, count, bytes.length, `s${round}${ctx.tag}`);
    await pool(count, knobs.s8Concurrency, async (i) => {
      await put(base, all[i], bytes);
      await complete(ours.bases[i % ours.bases.length], owner, wall.albumId, all[i]);
    });
    await waitFor(wall.arrived, all.map((t) => t.photo_id), 600_000);
    const last = Math.max(...all.map((t) => wall.arrived.get(t.photo_id)));
    const seconds = (last - t0) / 1000;
    const received = (await receivedBytes(ours.bases)) - receivedBefore;
    const cpu = sumCpu(ours.pids) - cpuBefore;
    wall.socket.close();
    const r = {
      photosPerSecond: count / seconds,
      baselinePhotosPerSecond: count / baselineSeconds,
      seconds,
      appBytesReceived: received,
      photoBytes: count * bytes.length,
      throughAppShare: received / (count * bytes.length),
      serverCpuMsPerPhoto: cpu / count,
    };
    log(`  S8 round ${round + 1}: ${r.photosPerSecond.toFixed(1)} photos/s end to end (PUTs alone ${r.baselinePhotosPerSecond.toFixed(1)}/s), app read ${(received / 1024 / 1024).toFixed(1)} MB = ${(r.throughAppShare * 100).toFixed(1)} % of the photo bytes, ${r.serverCpuMsPerPhoto.toFixed(0)} ms server CPU per photo`);
    rounds.push(r);
  }
  rmSync(file, { force: true });
  const pick = (key) => median(rounds.map((r) => r[key]));
  return {
    rounds,
    median: {
      photosPerSecond: pick('photosPerSecond'),
      baselinePhotosPerSecond: pick('baselinePhotosPerSecond'),
      throughAppShare: pick('throughAppShare'),
      appBytesReceived: pick('appBytesReceived'),
      serverCpuMsPerPhoto: pick('serverCpuMsPerPhoto'),
    },
    photoBytes: bytes.length,
    count,
  };
}

// ---------------------------------------------------------------- S9 processing

/**
 * N uploaded photos completed at once: the processing job makes preview, thumbnail and
 * placeholder for each, and the photo reaches the wall. Figure: thumbnails per CPU-second
 * of the app's processes (the job's whole path: storage read, sharp, writes, database,
 * event), against B_sharp, a bare sharp loop doing the same steps on the same file with
 * the same concurrency (thumbnails per CPU-second of its process). Target ≥ 0.8×.
 */
export async function s9(ctx) {
  const { knobs, sizes, log, ours } = ctx;
  const owner = ctx.users[0];
  const count = sizes.s9Photos;
  const file = path.join(os.tmpdir(), `dgbench-s9-${ctx.tag}.jpg`);
  const bytes = await makeJpeg(file, knobs.s8PhotoBytes);
  const concurrency = knobs.s9Concurrency;
  log(`  S9: ${count} photos of ${(bytes.length / 1024 / 1024).toFixed(2)} MB, processing concurrency ${concurrency} per instance`);
  const rounds = [];
  for (let round = 0; round < knobs.rounds; round++) {
    const { stdout } = await run(process.execPath, [path.join(ctx.benchDir, 'lib', 'sharp-loop.mjs'), file, String(count), String(concurrency * ours.bases.length)], { maxBuffer: 1 << 20 });
    const bare = JSON.parse(stdout.trim().split('\n').at(-1));
    const baselinePerCpuSecond = bare.count / (bare.cpuMs / 1000);

    const base = ours.bases[round % ours.bases.length];
    const wall = await albumWithWall(base, owner, `s9-${round}`);
    const all = await tickets(base, owner, wall.albumId, count, bytes.length, `p${round}${ctx.tag}`);
    await pool(count, 8, (i) => put(base, all[i], bytes));
    const cpuBefore = sumCpu(ours.pids);
    const t0 = performance.now();
    await pool(count, 16, (i) => complete(ours.bases[i % ours.bases.length], owner, wall.albumId, all[i]));
    await waitFor(wall.arrived, all.map((t) => t.photo_id), 600_000);
    const seconds = (Math.max(...all.map((t) => wall.arrived.get(t.photo_id))) - t0) / 1000;
    const cpu = sumCpu(ours.pids) - cpuBefore;
    wall.socket.close();
    const r = {
      perCpuSecond: count / (cpu / 1000),
      baselinePerCpuSecond,
      ratio: count / (cpu / 1000) / baselinePerCpuSecond,
      photosPerSecond: count / seconds,
      baselinePhotosPerSecond: bare.count / (bare.wallMs / 1000),
    };
    log(`  S9 round ${round + 1}: ${r.perCpuSecond.toFixed(2)} thumbnails per CPU-second (B_sharp ${baselinePerCpuSecond.toFixed(2)}) = ${r.ratio.toFixed(2)}×; ${r.photosPerSecond.toFixed(1)}/s wall clock (B_sharp ${r.baselinePhotosPerSecond.toFixed(1)}/s)`);
    rounds.push(r);
  }
  rmSync(file, { force: true });
  const pick = (key) => median(rounds.map((r) => r[key]));
  return { rounds, median: { perCpuSecond: pick('perCpuSecond'), baselinePerCpuSecond: pick('baselinePerCpuSecond'), ratio: pick('ratio'), photosPerSecond: pick('photosPerSecond'), baselinePhotosPerSecond: pick('baselinePhotosPerSecond') }, count };
}

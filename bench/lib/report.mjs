// Tables: one row per figure with its baseline, the ratio and the issue's target.
import { s5Rows } from './s5-login.mjs';
import { capRows } from './capacity.mjs';
import { s6Rows } from './s6-nginx.mjs';

const fmtNum = (v, digits = 0) =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
export const fmt = {
  int: (v) => fmtNum(v, 0),
  ms: (v) => (Number.isFinite(v) ? `${fmtNum(v, v < 10 ? 2 : 1)} ms` : '–'),
  ratio: (v) => (Number.isFinite(v) ? `${fmtNum(v, 2)}×` : '–'),
  bytes: (v) => (Number.isFinite(v) ? `${fmtNum(v / 1024, 1)} KiB` : '–'),
};

/** Rows of one mode's table from its scenario results. */
export function rowsFor(result, knobs) {
  const rows = [];
  const add = (row) => rows.push({ target: '', status: 'info', ratio: NaN, ...row });
  const { S1, S2, S3, S4 } = result.scenarios;
  if (S1) {
    const o = S1.median.ours;
    const b = S1.median.base;
    const ratio = o.connectsPerSec / b.connectsPerSec;
    add({ scenario: 'S1', figure: `connects/s (${fmt.int(S1.sockets)} sockets × join ${S1.roomsPerSocket} rooms)`, ours: fmt.int(o.connectsPerSec), base: `${fmt.int(b.connectsPerSec)} B_sio`, ratio, target: '≥ 0.50× B_sio', status: ratio >= 0.5 ? 'met' : 'not met' });
    add({ scenario: 'S1', figure: 'p99 connect + 10 joins', ours: fmt.ms(o.p99), base: `${fmt.ms(b.p99)} B_sio`, ratio: o.p99 / b.p99 });
    add({ scenario: 'S1', figure: 'server RSS per socket (after full GC)', ours: fmt.bytes(o.rssPerSocket), base: `${fmt.bytes(b.rssPerSocket)} B_sio`, ratio: o.rssPerSocket / b.rssPerSocket });
    add({ scenario: 'S1', figure: 'of which JS heap per socket', ours: fmt.bytes(o.heapPerSocket), base: `${fmt.bytes(b.heapPerSocket)} B_sio`, ratio: o.heapPerSocket / b.heapPerSocket });
    add({ scenario: 'S1', figure: 'server CPU per socket (connect + joins)', ours: fmt.ms(o.cpuMsPerSocket), base: `${fmt.ms(b.cpuMsPerSocket)} B_sio`, ratio: o.cpuMsPerSocket / b.cpuMsPerSocket });
    if (o.errors || b.errors) add({ scenario: 'S1', figure: 'failed sockets (median)', ours: fmt.int(o.errors), base: fmt.int(b.errors) });
  }
  if (S2) {
    for (const size of Object.keys(S2)) {
      const r = S2[size];
      const o = r.median.ours;
      const b = r.median.base;
      const ratio = o.knee / b.knee;
      const kneeText = (x) => (x.knee > 0 ? `${x.censored ? '≥ ' : ''}${fmt.int(x.knee)}/s (${fmtNum(x.kneeMsgsPerSec, 1)} msg/s)` : `< ${fmt.int(knobs.s2Ladder[0])}/s`);
      const ratioBound = b.censored && !o.censored ? ' (≤: B_sio never failed)' : '';
      add({ scenario: 'S2', figure: `knee, room of ${fmt.int(r.members)}: deliveries/s with p99 ≤ ${knobs.s2P99Ms} ms, no loss`, ours: kneeText(o), base: `${kneeText(b)} B_sio`, ratio, target: `≥ 0.60× B_sio${ratioBound}`, status: ratio >= 0.6 ? 'met' : 'not met' });
      add({ scenario: 'S2', figure: `p99 at highest step reached, room of ${fmt.int(r.members)}`, ours: `${fmt.ms(o.p99AtHighest)} @ ${fmt.int(o.highest)}/s`, base: `${fmt.ms(b.p99AtHighest)} @ ${fmt.int(b.highest)}/s B_sio`, ratio: NaN });
      add({ scenario: 'S2', figure: `p99 at 50k deliveries/s, room of ${fmt.int(r.members)}`, ours: Number.isFinite(o.p99At50k) ? fmt.ms(o.p99At50k) : 'not reached', base: `${Number.isFinite(b.p99At50k) ? fmt.ms(b.p99At50k) : 'not reached'} B_sio`, ratio: o.p99At50k / b.p99At50k });
    }
  }
  if (S3) {
    const o = S3.median.ours;
    const b = S3.median.base;
    const label = `${fmt.int(S3.online)} online, ${fmt.int(S3.pairs)} pairs, ${fmt.int(S3.targetRate)} DMs/s`;
    add({ scenario: 'S3', figure: `achieved DM rate (${label})`, ours: `${fmt.int(o.rate)}/s`, base: `${fmt.int(b.rate)}/s B_sio`, ratio: o.rate / b.rate });
    add({ scenario: 'S3', figure: 'ack p50 / p99', ours: `${fmt.ms(o.ackP50)} / ${fmt.ms(o.ackP99)}`, base: `${fmt.ms(b.ackP50)} / ${fmt.ms(b.ackP99)} B_sio`, ratio: o.ackP99 / b.ackP99 });
    add({ scenario: 'S3', figure: 'delivery p50 / p99', ours: `${fmt.ms(o.delP50)} / ${fmt.ms(o.delP99)}`, base: `${fmt.ms(b.delP50)} / ${fmt.ms(b.delP99)} B_sio`, ratio: o.delP99 / b.delP99, target: 'delivery p99 ≤ 10 ms', status: o.delP99 <= 10 && !o.lost && !o.failed ? 'met' : 'not met' });
    add({ scenario: 'S3', figure: 'server CPU per DM', ours: fmt.ms(o.cpuMsPerDm), base: `${fmt.ms(b.cpuMsPerDm)} B_sio`, ratio: o.cpuMsPerDm / b.cpuMsPerDm });
    if (o.lost || o.failed || b.lost || b.failed) add({ scenario: 'S3', figure: 'lost / failed DMs (median)', ours: `${fmt.int(o.lost)} / ${fmt.int(o.failed)}`, base: `${fmt.int(b.lost)} / ${fmt.int(b.failed)} B_sio` });
  }
  if (S4) {
    const o = S4.median.ours;
    const p = S4.median.bpg;
    const ratio = o.rps / p.rps;
    const bg = `S2 at ${fmt.int(S4.backgroundDeliveries)} deliveries/s in the background`;
    add({ scenario: 'S4', figure: `history page req/s (keyset, 50/page, ${S4.connections} conns, ${bg})`, ours: fmt.int(o.rps), base: `${fmt.int(p.rps)} B_pg`, ratio, target: '≥ 0.30× B_pg', status: ratio >= 0.3 && !o.errors ? 'met' : 'not met' });
    add({ scenario: 'S4', figure: 'history page p99', ours: fmt.ms(o.p99), base: `${fmt.ms(p.p99)} B_pg`, ratio: o.p99 / p.p99 });
    add({ scenario: 'S4', figure: 'server CPU per request (incl. background share)', ours: fmt.ms(o.cpuMsPerRequest), base: '' });
    add({ scenario: 'S4', figure: 'vs bare Fastify JSON route', ours: fmt.int(o.rps), base: `${fmt.int(S4.median.fastify.rps)} B_fastify`, ratio: o.rps / S4.median.fastify.rps });
    add({ scenario: 'S4', figure: 'vs all 5 statements of the request via pg', ours: fmt.int(o.rps), base: `${fmt.int(S4.median.bpgFull.rps)} B_pg(5)`, ratio: o.rps / S4.median.bpgFull.rps });
    if (o.errors) add({ scenario: 'S4', figure: 'non-2xx / socket errors (median)', ours: fmt.int(o.errors), base: '' });
  }
  if (result.scenarios.S6) for (const row of s6Rows(result.scenarios.S6, knobs)) add(row);
  if (result.scenarios.S5) for (const row of s5Rows(result.scenarios.S5)) add(row);
  const { S7 } = result.scenarios;
  if (S7) {
    const o = S7.median.ours;
    const p = S7.median.bpg;
    const history = `${fmt.int(S7.workouts)} workouts, ${fmt.int(S7.sets)} sets`;
    const row = (figure, key, limit) => add({ scenario: 'S7', figure: `${figure} p95 (${history})`, ours: fmt.ms(o[key]), base: `${fmt.ms(p[key])} B_pg`, ratio: o[key] / p[key], target: `p95 ≤ ${limit} ms`, status: o[key] <= limit ? 'met' : 'not met' });
    row('weekly stats (52 weeks: volume per muscle, workouts, streak)', 'weekly', 50);
    row('exercise chart (best e1RM and top weight per workout)', 'exercise', 50);
    row('standing PRs (all exercises)', 'records', 50);
    row('finish a 30-set workout (records included)', 'finish', 30);
  }
  const { S8, S9 } = result.scenarios;
  if (S8) {
    const o = S8.median;
    const size = `${fmt.int(S8.count)} × ${(S8.photoBytes / 1024 / 1024).toFixed(1)} MB`;
    add({ scenario: 'S8', figure: `upload storm photos/s end to end (${size}: ticket, PUT, complete, processed, on the wall)`, ours: fmtNum(o.photosPerSecond, 1), base: `${fmtNum(o.baselinePhotosPerSecond, 1)} PUTs alone`, ratio: o.photosPerSecond / o.baselinePhotosPerSecond });
    const s3 = result.mode === 'cluster';
    add({ scenario: 'S8', figure: `bytes through the app (${s3 ? 'S3' : 'disk storage: the app is the upload endpoint'})`, ours: `${fmtNum(o.appBytesReceived / 1024 / 1024, 1)} MB`, base: `${fmtNum((S8.count * S8.photoBytes) / 1024 / 1024, 0)} MB photos`, ratio: o.throughAppShare, target: s3 ? '≈ 0 (< 0.01×)' : '', status: s3 ? (o.throughAppShare < 0.01 ? 'met' : 'not met') : 'info' });
    add({ scenario: 'S8', figure: 'server CPU per photo (all instances)', ours: fmt.ms(o.serverCpuMsPerPhoto), base: '' });
  }
  if (S9) {
    const o = S9.median;
    add({ scenario: 'S9', figure: `thumbnails per CPU-second (${fmt.int(S9.count)} photos: read, preview, thumbnail, placeholder, write, approve)`, ours: fmtNum(o.perCpuSecond, 2), base: `${fmtNum(o.baselinePerCpuSecond, 2)} B_sharp`, ratio: o.ratio, target: '≥ 0.80× B_sharp', status: o.ratio >= 0.8 ? 'met' : 'not met' });
    add({ scenario: 'S9', figure: 'thumbnails per second (wall clock)', ours: fmtNum(o.photosPerSecond, 1), base: `${fmtNum(o.baselinePhotosPerSecond, 1)} B_sharp`, ratio: o.photosPerSecond / o.baselinePhotosPerSecond });
  }
  if (result.scenarios.CAP) for (const row of capRows(result.scenarios.CAP)) add(row);
  return rows;
}

const COLUMNS = [
  ['scenario', 'Scn'],
  ['figure', 'Figure'],
  ['ours', 'DiscordGym'],
  ['base', 'Baseline'],
  ['ratioText', 'Ratio'],
  ['target', 'Target'],
  ['status', 'Status'],
];

const withRatio = (rows) => rows.map((r) => ({ ...r, ratioText: fmt.ratio(r.ratio) }));

export function textTable(rows) {
  const data = withRatio(rows);
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...data.map((r) => String(r[key] ?? '').length)));
  const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' │ ');
  const out = [line(COLUMNS.map(([, t]) => t)), widths.map((w) => '─'.repeat(w)).join('─┼─')];
  for (const r of data) out.push(line(COLUMNS.map(([k]) => r[k])));
  return out.join('\n');
}

export function markdownTable(rows) {
  const data = withRatio(rows);
  const esc = (v) => String(v ?? '').replace(/\|/g, '\\|');
  const out = [`| ${COLUMNS.map(([, t]) => t).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const r of data) out.push(`| ${COLUMNS.map(([k]) => esc(k === 'status' && r[k] !== 'info' ? `**${r[k]}**` : r[k])).join(' | ')} |`);
  return out.join('\n');
}

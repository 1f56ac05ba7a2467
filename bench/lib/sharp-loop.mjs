// B_sharp for S9: the same three sharp steps the app's processing job runs (1600 px WebP
// preview with rotation, 400 px WebP thumbnail from it, a raw 100 px tile for the
// placeholder), on the same file, `count` times with `concurrency` at once — no storage,
// no database, no queue. Prints {count, cpuMs, wallMs} as JSON.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const [file, countArg, concurrencyArg] = process.argv.slice(2);
const original = readFileSync(file);
const count = Number(countArg);
const concurrency = Number(concurrencyArg);

async function derive() {
  const source = sharp(original, { limitInputPixels: 100_000_000, failOn: 'error' });
  await source.metadata();
  const preview = await source.clone().rotate().resize(1600, 1600, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
  const thumb = await sharp(preview).resize(400, 400, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  await sharp(thumb).resize(100, 100, { fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}

const cpu0 = process.cpuUsage();
const wall0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      next += 1;
      await derive();
    }
  }),
);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ count, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - wall0 })}\n`);

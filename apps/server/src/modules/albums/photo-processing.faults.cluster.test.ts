import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UploadTicket } from '@discordgym/contracts';
import { Client } from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AlbumParty, albumUser, call, expectStatus, hostAlbum, joinAsGuest, jpegWithGps, putTo, requestUploads } from '../../../test/album-upload-fixtures';
import { eventually } from '../../../test/sockets';
import { buildServer, FAULT_TEST_ENV, type ServerProcess, serverFleet } from '../../../test/server-processes';

/**
 * Issue 9 acceptance: kill -9 of the instance processing a photo. Two instances of one
 * deployment (PostgreSQL, Redis/BullMQ, one shared storage); the photo's processing job
 * pauses after making the derivatives and before committing (the test-only hook
 * ALBUM_PROCESSING_TEST_DELAY_MS, honoured with NODE_ENV=test only, at most 120 s), the
 * instance that logs the pause is killed with SIGKILL, and the other instance's worker
 * takes the job over (BullMQ's stalled-job check) and processes the photo, once.
 *
 * Storage: the run's S3 server (s3rver, SigV4 checked), shared by both instances as a
 * deployment shares its bucket.
 */

const DELAY_MS = 6_000;
const fleet = serverFleet({
  ...FAULT_TEST_ENV,
  ALBUM_PROCESSING_TEST_DELAY_MS: String(DELAY_MS),
});
const startInstance = fleet.start;
const killAll = fleet.killAll;
const instances = fleet.running;
type Instance = ServerProcess;

async function query<T extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const paused = (instance: Instance) => instance.output.filter((line) => line.includes('processing paused')).length;

describe('photo processing under faults (real processes)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dg-album-kill9-'));

  beforeAll(async () => {
    await buildServer();
  }, 240_000);
  afterEach(async () => {
    killAll();
    await Promise.all([...instances].map((i) => i.exited));
  });
  afterAll(() => {
    killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('kill -9 of the instance processing a photo: the other instance processes it, once', { timeout: 240_000 }, async () => {
    const shared = {
      DATABASE_URL: inject('databaseUrl'),
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('redisPrefix')}album-kill9:${randomBytes(4).toString('hex')}:`,
      DATA_DIR: dataDir,
      ...inject('s3Env'),
    };
    const [first, second] = await Promise.all(['album-a', 'album-b'].map((name) => startInstance(name, shared)));
    const api = first!.api;
    const host: AlbumParty = await albumUser(api);
    const album = await hostAlbum(api, host);
    const guest = await joinAsGuest(api, host, album.id, 'Eve');
    const bytes = await jpegWithGps(1600, 1200);
    const tickets = await requestUploads(api, guest, album.id, [{ bytes, type: 'image/jpeg', name: 'kill.jpg' }]);
    expectStatus(tickets, 200);
    const ticket = tickets.body.items[0] as UploadTicket;
    expect((await putTo(api, ticket.put!.url, ticket.put!.headers, bytes)).status).toBeLessThan(300);
    expectStatus(await call.post(api, guest, `/api/albums/${album.id}/uploads/${ticket.upload_id}/complete`), 200);

    let victim: Instance | undefined;
    await eventually(() => {
      victim = [first!, second!].find((i) => paused(i) > 0);
      expect(victim, 'an instance took the processing job').toBeDefined();
    }, 30_000);
    victim!.child.kill('SIGKILL');
    await victim!.exited;
    const survivor = [first!, second!].find((i) => i !== victim)!;
    expect((await query<{ status: string }>('select status from album_photos where id = $1', [ticket.photo_id]))[0]!.status).toBe('processing');

    // BullMQ hands the job to the survivor once its lock runs out (30 s) and a stalled check sees it.
    await eventually(async () => {
      const [row] = await query<{ status: string; thumb_key: string | null }>('select status, thumb_key from album_photos where id = $1', [ticket.photo_id]);
      expect(row).toMatchObject({ status: 'approved' });
      expect(row!.thumb_key).not.toBeNull();
    }, 150_000);
    expect(paused(survivor)).toBeGreaterThanOrEqual(1);
    const approvedEvents = await query<{ n: string }>(`select count(*) as n from domain_events where name = 'album.photo.approved' and payload->>'photo_id' = $1`, [ticket.photo_id]);
    expect(Number(approvedEvents[0]!.n)).toBe(1);
    const markers = await query<{ n: string }>(
      `select count(*) as n from consumed_events c join domain_events e on e.id = c.event_id
       where c.consumer = 'albums.photo-processing' and e.payload->>'photo_id' = $1`,
      [ticket.photo_id],
    );
    expect(Number(markers[0]!.n)).toBe(1);
    const page = await call.get(survivor.api, guest, `/api/albums/${album.id}/photos`);
    expectStatus(page, 200);
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual([ticket.photo_id]);
    const thumb = await fetch(new URL(page.body.items[0].urls.thumb, survivor.url));
    expect(thumb.status).toBe(200);
    console.info(`[kill -9] ${victim!.name} killed while processing; ${survivor.name} processed the photo once`);
  });
});

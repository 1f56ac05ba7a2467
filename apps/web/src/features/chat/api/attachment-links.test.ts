import type { ChatAttachmentLink } from '@discordgym/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  requests: [] as Array<{ roomId: string; ids: string[] }>,
  /** Seconds until the links the stand-in server signs expire. */
  ttlSeconds: 300,
  /** Ids it leaves out (not ready, not mine to see). */
  hidden: new Set<string>(),
}));

vi.mock('./attachments.api', () => ({
  fetchAttachmentLinks: async (roomId: string, ids: string[]): Promise<ChatAttachmentLink[]> => {
    calls.requests.push({ roomId, ids });
    const expires_at = new Date(Date.now() + calls.ttlSeconds * 1_000).toISOString();
    return ids.filter((id) => !calls.hidden.has(id)).map((id) => ({ id, thumb_url: `t/${id}`, preview_url: `p/${id}`, url: `u/${id}`, expires_at }));
  },
}));

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function freshCache() {
  vi.resetModules();
  return (await import('./attachment-links')).attachmentLinks;
}

beforeEach(() => {
  calls.requests.length = 0;
  calls.ttlSeconds = 300;
  calls.hidden.clear();
});

describe('attachment links', () => {
  it('asks for the links of one render together: one request per room', async () => {
    const links = await freshCache();
    links.want('room-a', ['1', '2']);
    links.want('room-a', ['2', '3']);
    links.want('room-b', ['9']);
    await settle();
    expect(calls.requests).toEqual([
      { roomId: 'room-a', ids: ['1', '2', '3'] },
      { roomId: 'room-b', ids: ['9'] },
    ]);
    expect(links.get('3')?.thumb_url).toBe('t/3');
  });

  it('splits a long page into requests of at most 100 ids', async () => {
    const links = await freshCache();
    links.want(
      'room',
      Array.from({ length: 150 }, (_, i) => `id${i}`),
    );
    await settle();
    expect(calls.requests.map((r) => r.ids.length)).toEqual([100, 50]);
  });

  it('reuses a fresh link, and asks again once it is about to expire (while still showing the old one)', async () => {
    const links = await freshCache();
    links.want('room', ['1']);
    await settle();
    links.want('room', ['1']);
    await settle();
    expect(calls.requests).toHaveLength(1);

    calls.ttlSeconds = 10; // inside the renewal margin
    links.want('room', ['2']);
    await settle();
    expect(links.get('2')).toBeDefined();
    expect(links.nextCheckAt(['2'])! <= Date.now()).toBe(true);
    links.want('room', ['2']);
    await settle();
    expect(calls.requests.map((r) => r.ids)).toEqual([['1'], ['2'], ['2']]);
  });

  it('does not hammer the server for an id it leaves out, but asks again later', async () => {
    const links = await freshCache();
    calls.hidden.add('x');
    links.want('room', ['x']);
    await settle();
    links.want('room', ['x']);
    await settle();
    expect(calls.requests).toHaveLength(1);
    expect(links.get('x')).toBeUndefined();
    expect(links.nextCheckAt(['x'])! > Date.now()).toBe(true);
  });

  it('tells subscribers when links arrive', async () => {
    const links = await freshCache();
    const before = links.getVersion();
    const heard = vi.fn();
    links.subscribe(heard);
    links.want('room', ['1']);
    await settle();
    expect(heard).toHaveBeenCalled();
    expect(links.getVersion()).toBeGreaterThan(before);
  });
});

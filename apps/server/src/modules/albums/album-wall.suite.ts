import { type AlbumPhotoAdded, type AlbumPhotoRemoved, AlbumSyncResult, WALL_SOCKET_AUTH_FIELD } from '@discordgym/contracts';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { addMember, createAlbum, createWallLink, joinAsGuest, removePhoto, seedPhoto } from '../../../test/album-live-fixtures';
import { chatUsers, clientId, expectAckError, expectOk, type StartChatServer, useChatServer } from '../../../test/chat-fixtures';
import { collect, emitAck, eventually, type TestSocket } from '../../../test/sockets';

/** The promise: a newly approved photo is on the wall within 2 s. */
const WALL_DEADLINE_MS = 2_000;

/** A socket without an account: a wall token in `auth`, or a guest cookie in the headers. */
export async function connectScoped(url: string, options: { wallToken?: string; headers?: Record<string, string> }): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    auth: options.wallToken === undefined ? {} : { [WALL_SOCKET_AUTH_FIELD]: options.wallToken },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: options.headers,
    timeout: 5_000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/**
 * The live wall: members, guests and a wall link (no login) follow an album over the one
 * realtime layer; approved photos and removals arrive live, a cursor catches up after a
 * reconnect, and the account-less sockets reach their one album and nothing else. Run
 * embedded (album-wall.test.ts) and on PostgreSQL + Redis (album-wall.cluster.test.ts).
 */
export function describeAlbumWall(mode: string, start: StartChatServer): void {
  describe(`album wall (${mode})`, () => {
    const chat = useChatServer(start);
    const wall = async (token: string) => chat.track(await connectScoped(chat.sut.url, { wallToken: token }));

    it('shows an approved photo on a wall within 2 s, then its removal; photos waiting for approval stay off it', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const link = await createWallLink(chat.api, host.token, albumId);
      const socket = await wall(link.token);
      const added = collect(socket, 'album-photo-added');
      const removed = collect(socket, 'album-photo-removed');
      const joined = expectOk(await emitAck(socket, 'join-album', { album_id: albumId }));
      expect(joined).toEqual({ album_id: albumId, last_seq: 0 });

      await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval' });
      const photo = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
      await eventually(() => expect(added.map((e) => e.photo.id)).toEqual([photo.id]), WALL_DEADLINE_MS);
      const event: AlbumPhotoAdded = added[0]!;
      expect(event).toMatchObject({ album_id: albumId, seq: photo.seq, photo: { id: photo.id, album_id: albumId, width: 800, height: 600, heart_count: 0 } });
      // Derivatives only: the original (with its EXIF) never reaches a wall.
      expect(JSON.stringify(event)).not.toContain('/original');

      const seq = await removePhoto(chat.sut, albumId, photo.id);
      await eventually(() => expect(removed).toEqual<AlbumPhotoRemoved[]>([{ album_id: albumId, seq, photo_id: photo.id }]), WALL_DEADLINE_MS);
      expect(added).toHaveLength(1);
    });

    it('catches a reconnecting wall up from its cursor: each photo once, in its latest state, in pages', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const link = await createWallLink(chat.api, host.token, albumId);
      const first = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
      const before = await wall(link.token);
      const { last_seq: cursor } = expectOk(await emitAck(before, 'join-album', { album_id: albumId }));
      expect(cursor).toBe(first.seq);
      before.close();

      // While the wall is away: two photos arrive, one of them and the older one go again.
      const kept = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
      const gone = await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id });
      await seedPhoto(chat.sut, albumId, { uploaderUserId: host.id, status: 'awaiting_approval' });
      await removePhoto(chat.sut, albumId, gone.id);
      await removePhoto(chat.sut, albumId, first.id);

      const after = await wall(link.token);
      expectOk(await emitAck(after, 'join-album', { album_id: albumId }));
      const synced = AlbumSyncResult.parse(expectOk(await emitAck(after, 'album-sync', { album_id: albumId, after: cursor })));
      expect(synced.has_more).toBe(false);
      const summary = synced.changes.map((c) => (c.type === 'added' ? `+${c.photo.id}` : `-${c.photo_id}`));
      expect(summary.sort()).toEqual([`+${kept.id}`, `-${gone.id}`, `-${first.id}`, expect.stringMatching(/^-/)].sort());
      // In seq order, and the cursor is the last change's seq.
      const seqs = synced.changes.map((c) => c.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(synced.cursor).toBe(seqs.at(-1));

      // Paged: one change at a time, every change once.
      const paged: number[] = [];
      let at = cursor;
      for (let page = 0; page < 10; page++) {
        const result = expectOk(await emitAck(after, 'album-sync', { album_id: albumId, after: at, limit: 1 }));
        paged.push(...result.changes.map((c) => c.seq));
        at = result.cursor;
        if (!result.has_more) break;
      }
      expect(paged).toEqual(seqs);
      // Nothing after the newest cursor.
      expect(expectOk(await emitAck(after, 'album-sync', { album_id: albumId, after: at })).changes).toEqual([]);
    });

    it('members and the album’s guests follow it; strangers, other albums and chat events are refused to scoped sockets', async () => {
      const [host, member, stranger] = await chatUsers(chat.api, 3);
      const albumId = await createAlbum(chat.api, host.token);
      const otherAlbum = await createAlbum(chat.api, stranger.token);
      await addMember(chat.api, host.token, albumId, member.id);
      const guest = await joinAsGuest(chat.api, host.token, albumId, 'Tante Erna');
      const link = await createWallLink(chat.api, host.token, albumId);

      const memberSocket = await chat.connect(member);
      expectOk(await emitAck(memberSocket, 'join-album', { album_id: albumId }));
      const strangerSocket = await chat.connect(stranger);
      expectAckError(await emitAck(strangerSocket, 'join-album', { album_id: albumId }), 'NOT_FOUND');
      expectAckError(await emitAck(strangerSocket, 'album-sync', { album_id: albumId, after: 0 }), 'NOT_FOUND');

      const guestSocket = chat.track(await connectScoped(chat.sut.url, { headers: { cookie: guest.cookie } }));
      const wallSocket = await wall(link.token);
      const memberAdded = collect(memberSocket, 'album-photo-added');
      const guestAdded = collect(guestSocket, 'album-photo-added');
      const strangerAdded = collect(strangerSocket, 'album-photo-added');
      for (const socket of [guestSocket, wallSocket]) {
        expectOk(await emitAck(socket, 'join-album', { album_id: albumId }));
        expectAckError(await emitAck(socket, 'join-album', { album_id: otherAlbum }), 'NOT_FOUND');
        expectAckError(await emitAck(socket, 'album-sync', { album_id: otherAlbum, after: 0 }), 'NOT_FOUND');
        // No account: every chat, presence and auth event is refused.
        expectAckError(await emitAck(socket, 'join-room', { chatroom_id: albumId }), 'UNAUTHENTICATED');
        expectAckError(await emitAck(socket, 'send-message', { chatroom_id: albumId, content: 'hi', client_id: clientId() }), 'UNAUTHENTICATED');
        expectAckError(await emitAck(socket, 'presence', { status: 'away' }), 'UNAUTHENTICATED');
        expectAckError(await emitAck(socket, 'sync', { rooms: [] }), 'UNAUTHENTICATED');
      }
      const photo = await seedPhoto(chat.sut, albumId, { uploaderGuestId: guest.guestId });
      await eventually(() => {
        expect(memberAdded.map((e) => e.photo.id)).toEqual([photo.id]);
        expect(guestAdded.map((e) => e.photo.id)).toEqual([photo.id]);
      }, WALL_DEADLINE_MS);
      expect(memberAdded[0]!.photo.uploader_name).toBe('Tante Erna');
      expect(strangerAdded).toEqual([]);
    });

    it('refuses bad wall tokens, forged guest cookies, and pages of another origin', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const guest = await joinAsGuest(chat.api, host.token, albumId);
      await expect(connectScoped(chat.sut.url, { wallToken: 'A'.repeat(43) })).rejects.toMatchObject({ data: { code: 'INVITE_INVALID' } });
      await expect(connectScoped(chat.sut.url, { wallToken: '' })).rejects.toMatchObject({ data: { code: 'INVITE_INVALID' } });
      await expect(connectScoped(chat.sut.url, { headers: { cookie: 'dg_guest=forged' } })).rejects.toMatchObject({ data: { code: 'GUEST_SESSION_ENDED' } });
      // A page of a foreign origin is refused before any credential is read (cross-site WebSocket hijacking).
      await expect(connectScoped(chat.sut.url, { headers: { cookie: guest.cookie, origin: 'https://evil.example' } })).rejects.toMatchObject({ type: 'TransportError' });
      chat.track(await connectScoped(chat.sut.url, { headers: { cookie: guest.cookie } }));
      await expect(connectScoped(chat.sut.url, {})).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    });

    it('closes a wall socket when its link is revoked, and a guest socket when the guest is removed', async () => {
      const [host] = await chatUsers(chat.api, 1);
      const albumId = await createAlbum(chat.api, host.token);
      const guest = await joinAsGuest(chat.api, host.token, albumId);
      const link = await createWallLink(chat.api, host.token, albumId);
      const wallSocket = await wall(link.token);
      const guestSocket = chat.track(await connectScoped(chat.sut.url, { headers: { cookie: guest.cookie } }));
      const wallEnded = collect(wallSocket, 'session-ended');
      const guestEnded = collect(guestSocket, 'session-ended');
      expectOk(await emitAck(wallSocket, 'join-album', { album_id: albumId }));

      expect((await chat.api.delete(`/api/albums/${albumId}/wall-link`, { token: host.token })).status).toBe(204);
      await eventually(() => expect(wallSocket.connected).toBe(false));
      expect(wallEnded).toEqual([expect.objectContaining({ reason: 'revoked' })]);
      expect(guestSocket.connected).toBe(true);

      expect((await chat.api.delete(`/api/albums/${albumId}/guests/${guest.guestId}`, { token: host.token })).status).toBe(204);
      await eventually(() => expect(guestSocket.connected).toBe(false));
      expect(guestEnded).toEqual([expect.objectContaining({ reason: 'revoked' })]);
      await expect(connectScoped(chat.sut.url, { wallToken: link.token })).rejects.toMatchObject({ data: { code: 'INVITE_INVALID' } });
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/api-client';
import { chatUsers, createGroup, expectOk, flushSocket, openDm, recordAll, startEmbeddedChat } from '../../../test/chat-fixtures';
import type { TestServer } from '../../../test/harness';
import { collect, connectSocket, emitAck, eventually } from '../../../test/sockets';

/**
 * Statuses go out on connect for the room mates of that moment. Someone who becomes a
 * room mate later (a new DM, being added to a group) is told who is online when their
 * socket joins the room, instead of seeing everyone "offline" until the next change.
 */
describe('presence when a room is joined', () => {
  let sut: TestServer;
  let api: ApiClient;

  beforeAll(async () => {
    sut = await startEmbeddedChat();
    api = new ApiClient(sut.url);
  });

  afterAll(async () => {
    await sut?.close();
  });

  it('tells a new room mate who in the room is online, and nobody outside it', async () => {
    const [ada, bob, cy] = await chatUsers(api, 3);
    const adaSocket = await connectSocket(sut.url, ada.token);
    const cySocket = await connectSocket(sut.url, cy.token);
    const bobSocket = await connectSocket(sut.url, bob.token);
    const bobHears = collect(bobSocket, 'user-status-changed');
    try {
      // Connected before they shared any room: nothing about each other yet.
      const dm = await openDm(api, ada, bob);
      expect(bobHears.filter((s) => s.user_id === ada.id)).toEqual([]);

      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }));
      await eventually(() => expect(bobHears.filter((s) => s.user_id === ada.id)).toEqual([{ user_id: ada.id, status: 'online', is_online: true, last_seen: null }]));

      // Cy is online too, but shares nothing with Bob until a group does.
      expect(bobHears.filter((s) => s.user_id === cy.id)).toEqual([]);
      const group = await createGroup(api, cy, [bob]);
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: group.id }));
      await eventually(() => expect(bobHears.filter((s) => s.user_id === cy.id)).toEqual([{ user_id: cy.id, status: 'online', is_online: true, last_seen: null }]));
    } finally {
      for (const socket of [adaSocket, bobSocket, cySocket]) socket.close();
    }
  });

  it('does not repeat, on join, the status of a room mate the socket already follows', async () => {
    const [ada, bob] = await chatUsers(api, 2);
    const dm = await openDm(api, ada, bob);
    const bobSocket = await connectSocket(sut.url, bob.token);
    const bobHears = recordAll(bobSocket);
    // Ada comes online after Bob connected: Bob, her room mate, hears it once.
    const adaSocket = await connectSocket(sut.url, ada.token);
    try {
      const aboutAda = () => bobHears.filter((r) => r.event === 'user-status-changed' && r.payload.user_id === ada.id);
      await eventually(() => expect(aboutAda()).toHaveLength(1));
      expectOk(await emitAck(bobSocket, 'join-room', { chatroom_id: dm.id }));
      await flushSocket(api, ada, dm.id, bobHears);
      expect(aboutAda()).toHaveLength(1);
    } finally {
      for (const socket of [adaSocket, bobSocket]) socket.close();
    }
  });
});

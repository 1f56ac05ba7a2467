import { describe, expect, it, vi } from 'vitest';
import type { AuthContext } from '../../common/request-context';
import type { AuthedSocket, SocketEvents } from '../../realtime/socket-events';
import { ChatGateway } from './chat.gateway';
import type { ChatService } from './chat.service';
import type { RoomJoinLoader } from './room-join-loader';

const ME = '01900000-0000-7000-8000-000000000001';
const MATE = '01900000-0000-7000-8000-000000000002';
const ROOM = '01900000-0000-7000-8000-0000000000aa';

/** The join handler on its own: the wrapper runs the handler straight away. */
function setup() {
  const events = { handle: (_socket: unknown, _event: string, _schema: unknown, payload: unknown, run: (auth: AuthContext, body: unknown) => Promise<unknown>) => run({ userId: ME, sessionId: 's', role: 'member' } as AuthContext, payload) };
  const chat = { checkJoinRate: vi.fn(async () => undefined) };
  const joins = { membership: vi.fn(async () => ({ room: { lastSeq: 7 }, membership: {} })), participantIds: vi.fn(async () => [ME, MATE]) };
  const presence = { statusesVisibleTo: vi.fn(async () => []) };
  const gateway = new ChatGateway(chat as unknown as ChatService, events as unknown as SocketEvents, presence as never, {} as never, {} as never, {} as never, {} as never, joins as unknown as RoomJoinLoader);
  return { gateway, presence };
}

describe('join-room right after connecting', () => {
  it('waits for the connect\'s statuses before sending any on join, so none goes out twice', async () => {
    const { gateway, presence } = setup();
    let connectDone!: () => void;
    const known = new Set<string>();
    const socket = {
      id: 'sock',
      data: { presenceKnown: known, presenceReady: new Promise<void>((resolve) => (connectDone = resolve)) },
      join: vi.fn(),
      emit: vi.fn(),
    } as unknown as AuthedSocket;

    const answer = gateway.joinRoom(socket, { chatroom_id: ROOM });
    await new Promise((resolve) => setImmediate(resolve));
    // The connect is still reading: the join has not sent anything yet.
    expect(presence.statusesVisibleTo).not.toHaveBeenCalled();
    known.add(MATE);
    connectDone();
    expect(await answer).toEqual({ chatroom_id: ROOM, last_seq: 7 });
    expect(presence.statusesVisibleTo).not.toHaveBeenCalled();
  });
});

import type { Chatroom } from '@discordgym/contracts';
import { displayName } from '../hooks/room-view';

/** `@name#1234` in a message: the person's name, highlighted (more strongly when it is me). */
export function Mention({ handle, room, meHandle }: { handle: string; room: Chatroom; meHandle: string | null }) {
  const user = room.participants.find((p) => p.user.handle.toLowerCase() === handle.toLowerCase())?.user;
  const mine = meHandle !== null && handle.toLowerCase() === meHandle.toLowerCase();
  return (
    <span
      data-testid="mention"
      title={handle}
      className={`rounded-[3px] px-0.5 font-medium ${mine ? 'bg-warning/25 text-[#f9d27c]' : 'bg-brand-soft text-[#c9cdfb]'}`}
    >
      @{user ? displayName(user) : handle}
    </span>
  );
}

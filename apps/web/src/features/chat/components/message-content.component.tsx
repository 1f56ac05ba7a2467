import type { Chatroom } from '@discordgym/contracts';
import { Fragment } from 'react';
import { displayName } from '../hooks/room-view';
import { splitMentions } from '../hooks/mentions';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} target="_blank" rel="noopener noreferrer" className="text-link hover:underline">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** Message text as written: line breaks kept, links clickable, mentions as highlighted names. */
export function MessageContent({ content, room, meHandle }: { content: string; room: Chatroom; meHandle: string | null }) {
  return (
    <p className="text-[15px] leading-[1.375rem] break-words whitespace-pre-wrap text-fg">
      {splitMentions(content).map((part, i) => {
        if (part.kind === 'text') return <Linkified key={i} text={part.text} />;
        const user = room.participants.find((p) => p.user.handle.toLowerCase() === part.handle.toLowerCase())?.user;
        const mine = meHandle !== null && part.handle.toLowerCase() === meHandle.toLowerCase();
        return (
          <span
            key={i}
            data-testid="mention"
            title={part.handle}
            className={`rounded-[3px] px-0.5 font-medium ${mine ? 'bg-warning/25 text-[#f9d27c]' : 'bg-brand-soft text-[#c9cdfb]'}`}
          >
            @{user ? displayName(user) : part.handle}
          </span>
        );
      })}
    </p>
  );
}

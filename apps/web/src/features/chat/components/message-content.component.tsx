import type { Chatroom } from '@discordgym/contracts';
import { Fragment, lazy, type ReactNode, Suspense } from 'react';
import { splitMentions } from '../hooks/mentions';
import { Mention } from './mention.component';

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

const MarkdownText = lazy(() => import('../../rich-text/markdown-text.component').then((m) => ({ default: m.MarkdownText })));

/** Message text as written, before the markdown renderer has loaded: line breaks kept, links clickable, mentions highlighted. */
function PlainText({ content, mention }: { content: string; mention(handle: string): ReactNode }) {
  return (
    <p className="whitespace-pre-wrap">
      {splitMentions(content).map((part, i) => (part.kind === 'text' ? <Linkified key={i} text={part.text} /> : <Fragment key={i}>{mention(part.handle)}</Fragment>))}
    </p>
  );
}

/**
 * Message text in Discord's markdown subset (bold, italics, strike, code, quotes, lists,
 * links) with mentions as highlighted names. The renderer is loaded on first use; until
 * then the text shows as written.
 */
export function MessageContent({ content, room, meHandle }: { content: string; room: Chatroom; meHandle: string | null }) {
  const mention = (handle: string): ReactNode => <Mention handle={handle} room={room} meHandle={meHandle} />;
  return (
    <div className="text-[15px] leading-[1.375rem] break-words text-fg" data-testid="message-text">
      <Suspense fallback={<PlainText content={content} mention={mention} />}>
        <MarkdownText source={content} splitMentions={splitMentions} renderMention={mention} />
      </Suspense>
    </div>
  );
}

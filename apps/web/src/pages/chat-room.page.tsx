import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '../components/alert.component';
import { Button } from '../components/button.component';
import { Icon } from '../components/icon.component';
import { ChatRoom } from '../features/chat/components/chat-room.component';
import type { JumpTarget } from '../features/chat/hooks/use-chat-room.hook';
import { useRoom } from '../features/chat/hooks/use-rooms.hook';
import { useChatI18n } from '../features/chat/hooks/use-chat-i18n.hook';

const jumpFrom = (state: unknown): JumpTarget | null => {
  const jump = (state as { jumpTo?: JumpTarget } | null)?.jumpTo;
  return jump && typeof jump.id === 'string' ? jump : null;
};

/** `?message=<id>&seq=<n>`: a link that survives outside the app (a push notification's click). */
const jumpFromSearch = (search: string): JumpTarget | null => {
  const params = new URLSearchParams(search);
  const id = params.get('message');
  if (!id) return null;
  const seq = Number(params.get('seq'));
  return Number.isSafeInteger(seq) && seq > 0 ? { id, seq } : { id };
};

export function ChatRoomPage() {
  const { t, describeError } = useChatI18n();
  const { roomId = '' } = useParams();
  const location = useLocation();
  const room = useRoom(roomId);
  const missing = room.isSuccess && room.data === null;
  const { refetch } = room;

  // Just added to it elsewhere? The list may not know yet: ask once.
  useEffect(() => {
    if (missing) void refetch();
  }, [missing, refetch]);

  if (room.isPending) {
    return (
      <p className="p-6 text-fg-subtle" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (room.isError) {
    return (
      <div className="flex flex-col items-start gap-3 p-6">
        <Alert tone="error">{describeError(room.error)}</Alert>
        <Button variant="secondary" onClick={() => void refetch()}>
          {t('error.retry')}
        </Button>
      </div>
    );
  }
  if (!room.data) {
    return (
      <div className="flex h-full flex-col items-center justify-center gap-3 px-6 text-center">
        <span className="flex size-20 items-center justify-center rounded-full bg-surface-800 text-fg-subtle">
          <Icon name="chat" className="size-10" />
        </span>
        <h1 className="text-2xl font-bold text-fg">{t('chat.notMemberTitle')}</h1>
        <p className="max-w-md text-fg-muted">{t('chat.notMember')}</p>
        <Link to="/chat" className="mt-2 inline-flex min-h-10 items-center rounded-[4px] bg-brand px-4 text-sm font-medium text-white hover:bg-brand-hover">
          {t('chat.back')}
        </Link>
      </div>
    );
  }
  const linked = jumpFromSearch(location.search);
  // A second link into the same room (another notification) opens it afresh at that message.
  return <ChatRoom key={`${roomId}:${linked?.id ?? ''}`} room={room.data} initialJump={jumpFrom(location.state) ?? linked} />;
}

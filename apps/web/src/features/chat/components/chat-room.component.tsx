import type { Chatroom, Message } from '@discordgym/contracts';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { IconButton } from '../../../components/icon-button.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { type JumpTarget, useChatRoom } from '../hooks/use-chat-room.hook';
import { useTypeToCompose } from '../hooks/use-type-to-compose.hook';
import { useFileDrop } from '../hooks/use-file-drop.hook';
import { usePendingFiles } from '../hooks/use-pending-files.hook';
import { DropOverlay } from './drop-overlay.component';
import { Composer } from './composer.component';
import { MembersPanel } from './members-panel.component';
import { MessageContent } from './message-content.component';
import { MessageList } from './message-list.component';
import { RemovedNotice } from './removed-notice.component';
import { RoomHeader } from './room-header.component';
import { SearchPanel } from './search-panel.component';

/** One open conversation: header, history, composer, and members or search beside them. */
export function ChatRoom({ room, initialJump }: { room: Chatroom; initialJump: JumpTarget | null }) {
  const { t, describeError } = useChatI18n();
  const navigate = useNavigate();
  const state = useChatRoom(room, initialJump);
  useTypeToCompose(state.composer);
  const pending = usePendingFiles(room.id);
  // Files dropped anywhere on the conversation go onto the next message.
  const drop = useFileDrop((files) => {
    pending.add(files);
    state.composer.current?.focus();
  }, !room.removed);

  const pickResult = (message: Message): void => {
    if (message.chatroom_id === room.id) state.jumpTo({ id: message.id, seq: message.seq });
    else void navigate(`/chat/${message.chatroom_id}`, { state: { jumpTo: { id: message.id, seq: message.seq } } });
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="chat-room" data-room-id={room.id}>
      <RoomHeader room={room} panel={state.panel} onPanel={state.setPanel} />
      <div className="relative flex min-h-0 flex-1">
        <div className="relative flex min-w-0 flex-1 flex-col" data-testid="room-drop-zone" {...drop.handlers}>
          {drop.dragging && <DropOverlay />}
          {state.actionError != null && (
            <div className="flex items-start gap-2 px-4 pt-2">
              <Alert tone="error" className="flex-1">
                {describeError(state.actionError)}
              </Alert>
              <IconButton icon="close" size="sm" label={t('chat.dialogClose')} onClick={state.resetActionError} />
            </div>
          )}
          <MessageList room={room} state={state} />
          {room.removed ? (
            <RemovedNotice room={room} />
          ) : (
            <Composer
              key={room.id}
              room={room}
              replyTo={state.replyTo}
              textarea={state.composer}
              onCancelReply={() => state.setReplyTo(null)}
              onSent={() => {
                state.setReplyTo(null);
                state.scroller.scrollToBottom();
              }}
              onEditLast={state.editLast}
            />
          )}
        </div>
        {state.panel && !room.removed && (
          <aside
            aria-label={state.panel === 'members' ? t('chat.membersTitle') : t('chat.searchTitle')}
            className="absolute inset-0 z-20 flex flex-col bg-surface-850 lg:static lg:w-72 lg:shrink-0"
          >
            <div className="flex justify-end px-2 pt-2 lg:hidden">
              <IconButton icon="close" label={t('chat.closePanel')} onClick={() => state.setPanel(null)} />
            </div>
            <div className="min-h-0 flex-1">
              {state.panel === 'members' ? <MembersPanel room={room} /> : <SearchPanel roomId={room.id} onPick={pickResult} />}
            </div>
          </aside>
        )}
      </div>
      <Dialog
        open={state.deleting !== null}
        size="sm"
        title={t('chat.deleteTitle')}
        closeLabel={t('chat.dialogClose')}
        onClose={() => state.setDeleting(null)}
        footer={
          <>
            <Button variant="ghost" onClick={() => state.setDeleting(null)}>
              {t('chat.cancel')}
            </Button>
            <Button variant="danger" onClick={state.confirmDelete}>
              {t('chat.delete')}
            </Button>
          </>
        }
      >
        <p className="mb-3">{t('chat.deleteBody')}</p>
        {state.deleting && (
          <div className="rounded-md bg-surface-800 p-3 shadow-inner">
            <MessageContent content={state.deleting.content} room={room} meHandle={state.me?.handle ?? null} />
          </div>
        )}
      </Dialog>
    </div>
  );
}

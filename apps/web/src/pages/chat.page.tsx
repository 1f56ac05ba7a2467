import { useState } from 'react';
import { Button } from '../components/button.component';
import { Icon } from '../components/icon.component';
import { CreateGroupDialog } from '../features/chat/components/create-group-dialog.component';
import { NewDmDialog } from '../features/chat/components/new-dm-dialog.component';
import { RoomList } from '../features/chat/components/room-list.component';
import { useChatI18n } from '../features/chat/hooks/use-chat-i18n.hook';
import { useDocumentTitle } from '../lib/use-document-title.hook';
import { DESKTOP, useMediaQuery } from '../lib/use-media-query.hook';

/** On a phone the conversation list itself; on a desktop (where the sidebar lists them) a starting point. */
export function ChatPage() {
  const { t } = useChatI18n();
  useDocumentTitle(t('nav.chats'));
  const [dialog, setDialog] = useState<'dm' | 'group' | null>(null);
  const desktop = useMediaQuery(DESKTOP);
  if (!desktop) {
    return (
      <div className="px-2 py-4">
        <h1 className="sr-only">{t('nav.chats')}</h1>
        <RoomList />
      </div>
    );
  }
  return (
    <>
      <div className="flex h-full flex-col items-center justify-center gap-4 px-8 text-center">
        <span className="flex size-20 items-center justify-center rounded-full bg-surface-800 text-fg-subtle">
          <Icon name="chat" className="size-10" />
        </span>
        <h1 className="text-2xl font-bold text-fg">{t('chat.pickTitle')}</h1>
        <p className="max-w-md text-fg-muted">{t('chat.pickBody')}</p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button onClick={() => setDialog('dm')}>{t('chat.newDm')}</Button>
          <Button variant="secondary" onClick={() => setDialog('group')}>
            {t('chat.newGroup')}
          </Button>
        </div>
        <NewDmDialog open={dialog === 'dm'} onClose={() => setDialog(null)} />
        <CreateGroupDialog open={dialog === 'group'} onClose={() => setDialog(null)} />
      </div>
    </>
  );
}

import type { PublicUser } from '@discordgym/contracts';
import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useBlockUser, useRemoveFriend } from '../hooks/use-friend-actions.hook';
import { AddFriendForm } from './add-friend-form.component';
import { BlockedList } from './blocked-list.component';
import { FriendRequests } from './friend-requests.component';
import { FriendsList } from './friends-list.component';
import { nameOf } from './person.component';

type Confirm = { action: 'remove' | 'block'; user: PublicUser } | null;

/** The friends page's content: add, requests, friends, blocked; removing and blocking ask first. */
export function FriendsPanel() {
  const { t, describeError } = useI18n();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const remove = useRemoveFriend();
  const block = useBlockUser();
  const running = confirm?.action === 'block' ? block : remove;
  const close = (): void => {
    remove.reset();
    block.reset();
    setConfirm(null);
  };
  const name = confirm ? nameOf(confirm.user) : '';

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <div className="flex flex-col gap-6">
        <AddFriendForm />
        <FriendRequests onBlock={(r) => setConfirm({ action: 'block', user: r.from })} />
        <FriendsList onRemove={(f) => setConfirm({ action: 'remove', user: f.user })} onBlock={(f) => setConfirm({ action: 'block', user: f.user })} />
      </div>
      <div className="flex flex-col gap-6">
        <BlockedList />
      </div>
      <Dialog
        open={confirm !== null}
        size="sm"
        title={confirm?.action === 'block' ? t('friends.blockTitle', { name }) : t('friends.removeTitle', { name })}
        closeLabel={t('chat.dialogClose')}
        onClose={close}
        footer={
          <>
            <Button variant="ghost" onClick={close}>
              {t('chat.cancel')}
            </Button>
            <Button
              variant="danger"
              pending={running.isPending}
              onClick={() => {
                if (confirm?.action === 'block') block.mutate(confirm.user.id, { onSuccess: close });
                else if (confirm) remove.mutate(confirm.user.id, { onSuccess: close });
              }}
            >
              {confirm?.action === 'block' ? t('friends.blockConfirm') : t('friends.removeConfirm')}
            </Button>
          </>
        }
      >
        {running.error && <Alert tone="error" className="mb-3">{describeError(running.error)}</Alert>}
        <p className="text-sm text-fg-muted">{confirm?.action === 'block' ? t('friends.blockBody', { name }) : t('friends.removeBody', { name })}</p>
      </Dialog>
    </div>
  );
}

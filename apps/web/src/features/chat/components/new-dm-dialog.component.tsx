import { Alert } from '../../../components/alert.component';
import { Dialog } from '../../../components/dialog.component';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { useDmRefusal } from '../../friends/hooks/use-dm-refusal.hook';
import { useOpenDm } from '../hooks/use-room-admin.hook';
import { PeoplePicker } from './people-picker.component';

export function NewDmDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, describeError } = useChatI18n();
  const openDm = useOpenDm();
  // A block or their "friends only" setting: said in words, without telling which.
  const refusal = useDmRefusal(openDm.error);
  const close = (): void => {
    openDm.reset();
    onClose();
  };
  return (
    <Dialog open={open} title={t('chat.newDmTitle')} closeLabel={t('chat.dialogClose')} onClose={close} size="sm">
      <div className="flex flex-col gap-3">
        {openDm.error && <Alert tone="error">{refusal ?? describeError(openDm.error)}</Alert>}
        <PeoplePicker
          autoFocus
          busy={openDm.isPending}
          actionLabel={(name) => t('chat.sendMessage', { name })}
          onPick={(user) => openDm.mutate(user.id, { onSuccess: close })}
        />
      </div>
    </Dialog>
  );
}

import { useState } from 'react';
import { Alert } from '../../../components/alert.component';
import { Dialog } from '../../../components/dialog.component';
import { newClientId } from '../../../lib/storage/client-id';
import { useOutbox } from '../../chat/hooks/use-outbox.hook';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { useRooms } from '../../chat/hooks/use-rooms.hook';
import { roomTitle } from '../../chat/hooks/room-view';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

/**
 * Shares a workout into a conversation as a card. It goes through the chat's outbox like
 * any message (offline too); the server snapshots what the card shows at send time.
 */
export function ShareWorkoutDialog({ open, workoutId, title, onClose }: { open: boolean; workoutId: string; title: string; onClose(): void }) {
  const { tw, t } = useWorkoutsI18n();
  const rooms = useRooms();
  const outbox = useOutbox();
  const meId = useMeId();
  const [sent, setSent] = useState<string | null>(null);
  const items = rooms.data?.items ?? [];
  return (
    <Dialog open={open} title={tw('w.share.title')} closeLabel={tw('w.close')} onClose={onClose}>
      <p className="mb-2 text-sm text-fg-muted">
        {tw('w.share.pick')} — <span className="font-medium text-fg">{title}</span>
      </p>
      {sent && (
        <Alert tone="success" className="mb-2">
          {tw('w.share.sent', { name: sent })}
        </Alert>
      )}
      {rooms.isSuccess && items.length === 0 && <p className="text-fg-subtle">{tw('w.share.none')}</p>}
      <ul className="flex flex-col gap-1">
        {items.map((room) => {
          const name = roomTitle(room, meId, t('chat.unnamedGroup'));
          return (
            <li key={room.id}>
              <button
                type="button"
                aria-label={tw('w.share.to', { name })}
                className="flex min-h-11 w-full items-center rounded-[4px] px-3 text-left text-fg hover:bg-surface-500/40"
                onClick={() => {
                  outbox.add({ client_id: newClientId(), chatroom_id: room.id, content: '', reply_to_id: null, card: { kind: 'workout', id: workoutId } });
                  setSent(name);
                }}
              >
                {room.is_group ? '# ' : '@ '}
                {name}
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}

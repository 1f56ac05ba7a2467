import { Link } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Button } from '../../../components/button.component';
import { Dialog } from '../../../components/dialog.component';
import { PresenceDot } from '../../../components/presence-dot.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { useChatI18n } from '../../chat/hooks/use-chat-i18n.hook';
import type { PersonSummary } from '../api/people.api';
import { displayName } from '../../chat/hooks/room-view';
import { useMeId } from '../../chat/hooks/use-me-id.hook';
import { usePresence } from '../../chat/hooks/use-presence.hook';
import { useOpenDm } from '../../chat/hooks/use-room-admin.hook';
import { usePersonCard } from '../hooks/use-person-card.hook';

/**
 * A person's card (a modal dialog: Escape closes it, focus goes back to the name that
 * opened it): avatar, name, handle, custom status, presence, bio, the groups we share
 * and a button to the DM with them.
 */
export function ProfileCard({ user: known, open, onClose }: { user: PersonSummary; open: boolean; onClose(): void }) {
  const { t, describeError } = useChatI18n();
  const meId = useMeId();
  const card = usePersonCard(known, open);
  const openDm = useOpenDm();
  const status = usePresence(card.user.id);
  const name = displayName(card.user);
  const self = card.user.id === meId;
  return (
    <Dialog
      open={open}
      size="sm"
      title={t('people.cardTitle', { name })}
      closeLabel={t('people.close')}
      onClose={onClose}
      returnFocus={!openDm.isSuccess}
      footer={
        self ? undefined : (
          <Button data-autofocus pending={openDm.isPending} onClick={() => openDm.mutate(card.user.id, { onSuccess: onClose })} data-testid="profile-card-message">
            {t('people.message')}
          </Button>
        )
      }
    >
      <div data-testid="profile-card" className="flex flex-col gap-4">
        <div className="flex items-center gap-4">
          <span className="relative">
            <UserAvatar name={name} avatar={card.user.avatar} size="lg" />
            {!self && <PresenceDot status={status} ring="700" label={t(`presence.${status}`)} className="absolute right-0.5 bottom-0.5 size-4!" />}
          </span>
          <div className="min-w-0">
            <p className="truncate text-lg font-semibold text-fg">{name}</p>
            <p className="truncate text-sm text-fg-subtle" data-testid="profile-card-handle">
              {card.user.handle}
            </p>
            {!self && (
              <p className="text-sm text-fg-muted" data-testid="profile-card-presence">
                {t(`presence.${status}`)}
              </p>
            )}
          </div>
        </div>
        {card.user.custom_status && (
          <p className="rounded-[4px] bg-surface-900 px-3 py-2 text-sm text-fg" data-testid="profile-card-status">
            {card.user.custom_status.text}
          </p>
        )}
        {card.user.bio && (
          <section>
            <h3 className="mb-1 text-xs font-bold tracking-wide text-fg-muted uppercase">{t('people.bio')}</h3>
            <p className="text-sm whitespace-pre-wrap text-fg" data-testid="profile-card-bio">
              {card.user.bio}
            </p>
          </section>
        )}
        {self ? (
          <p className="text-sm text-fg-subtle">{t('people.you')}</p>
        ) : (
          <section aria-labelledby="mutual-rooms-heading">
            <h3 id="mutual-rooms-heading" className="mb-1 text-xs font-bold tracking-wide text-fg-muted uppercase">
              {t('people.mutualRooms')}
            </h3>
            {card.roomsPending ? (
              <p role="status">{t('app.loading')}</p>
            ) : card.rooms.length === 0 ? (
              <p className="text-sm text-fg-subtle">{t('people.noMutualRooms')}</p>
            ) : (
              <ul className="flex flex-col gap-1" data-testid="profile-card-rooms">
                {card.rooms.map((room) => (
                  <li key={room.id}>
                    <Link to={`/chat/${room.id}`} onClick={onClose} className="text-sm text-link hover:underline">
                      # {room.name ?? t('chat.unnamedGroup')}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {card.hasMoreRooms && (
              <button type="button" className="mt-1 text-sm text-link hover:underline" onClick={card.moreRooms}>
                {t('people.moreRooms')}
              </button>
            )}
          </section>
        )}
        {(card.error || openDm.error) && <Alert tone="error">{describeError(card.error ?? openDm.error)}</Alert>}
      </div>
    </Dialog>
  );
}

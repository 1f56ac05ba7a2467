import type { Friend } from '@discordgym/contracts';
import { Alert } from '../../../components/alert.component';
import { IconButton } from '../../../components/icon-button.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useOpenDm } from '../../chat/hooks/use-room-admin.hook';
import { useFriends } from '../hooks/use-friends.hook';
import { useDmRefusal } from '../hooks/use-dm-refusal.hook';
import { nameOf, Person } from './person.component';
import { Section } from './section.component';

/** Every friend with their live status (online first); message, remove or block each. */
export function FriendsList({ onRemove, onBlock }: { onRemove(friend: Friend): void; onBlock(friend: Friend): void }) {
  const { t, describeError } = useI18n();
  const friends = useFriends();
  const openDm = useOpenDm();
  const refusal = useDmRefusal(openDm.error);
  const items = friends.data ?? [];
  const online = items.filter((f) => f.status !== 'offline').length;

  return (
    <Section id="friends-heading" title={`${t('friends.listHeading', { count: items.length })} · ${t('friends.onlineCount', { count: online })}`} testId="friends-list">
      {openDm.error && <Alert tone="error" className="mb-2">{refusal ?? describeError(openDm.error)}</Alert>}
      {friends.isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : friends.error ? (
        <Alert tone="error">{describeError(friends.error)}</Alert>
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('friends.none')}</p>
      ) : (
        <ul className="flex flex-col gap-0.5">
          {items.map((friend) => {
            const name = nameOf(friend.user);
            return (
              <Person
                key={friend.user.id}
                testId="friend"
                user={friend.user}
                status={friend.status}
                detail={`${t(`presence.${friend.status}`)} · ${friend.user.handle}`}
                actions={
                  <>
                    <IconButton icon="chat" size="sm" label={t('friends.message', { name })} disabled={openDm.isPending} onClick={() => openDm.mutate(friend.user.id)} />
                    <IconButton icon="trash" size="sm" label={t('friends.remove', { name })} onClick={() => onRemove(friend)} />
                    <IconButton icon="alert" size="sm" tone="danger" label={t('friends.block', { name })} onClick={() => onBlock(friend)} />
                  </>
                }
              />
            );
          })}
        </ul>
      )}
    </Section>
  );
}

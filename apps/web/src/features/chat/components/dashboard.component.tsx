import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert.component';
import { Icon } from '../../../components/icon.component';
import { PresenceDot } from '../../../components/presence-dot.component';
import { UnreadBadge } from '../../../components/unread-badge.component';
import { UserAvatar } from '../../../components/user-avatar.component';
import { formatRelative } from '../../../lib/format/date.format';
import { useChatI18n } from '../hooks/use-chat-i18n.hook';
import { authorOf, displayName, roomTitle } from '../hooks/room-view';
import { useOnlineContacts, useRecentActivity } from '../hooks/use-contacts.hook';
import { useMeId } from '../hooks/use-me-id.hook';
import { useMessagePreview } from '../hooks/use-message-preview.hook';
import { useOpenDm } from '../hooks/use-room-admin.hook';
import { useRooms } from '../hooks/use-rooms.hook';
import { RoomAvatar } from './room-avatar.component';

function Card({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg bg-surface-800 px-4 py-4 sm:px-5">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 id={id} className="text-xs font-bold tracking-wide text-fg-subtle uppercase">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

/** Room mates who are online or away; a click opens the DM with them. */
export function OnlineContacts() {
  const { t, describeError } = useChatI18n();
  const { contacts, isPending } = useOnlineContacts();
  const openDm = useOpenDm();
  return (
    <Card id="online-heading" title={`${t('dashboard.onlineTitle')} — ${contacts.length}`}>
      {openDm.error && <Alert tone="error" className="mb-2">{describeError(openDm.error)}</Alert>}
      {isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : contacts.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('dashboard.onlineNone')}</p>
      ) : (
        <ul className="flex flex-col gap-0.5" data-testid="online-contacts">
          {contacts.map(({ user, status }) => (
            <li key={user.id}>
              <button
                type="button"
                onClick={() => openDm.mutate(user.id)}
                disabled={openDm.isPending}
                aria-label={`${t('chat.sendMessage', { name: displayName(user) })} (${t(`presence.${status}`)})`}
                className="flex w-full items-center gap-3 rounded-[4px] px-2 py-1.5 text-left hover:bg-surface-500/40"
              >
                <span className="relative">
                  <UserAvatar name={displayName(user)} avatar={user.avatar} size="sm" />
                  <PresenceDot status={status} className="absolute -right-0.5 -bottom-0.5 size-2.5!" />
                </span>
                <span className="min-w-0 flex-1 leading-tight">
                  <span className="block truncate font-medium text-fg">{displayName(user)}</span>
                  <span className="block truncate text-xs text-fg-subtle">{user.bio || t(`presence.${status}`)}</span>
                </span>
                <Icon name="chat" className="size-4 text-fg-subtle" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** My rooms with unread ones first. */
export function RoomOverview() {
  const { t, describeError } = useChatI18n();
  const meId = useMeId();
  const rooms = useRooms();
  const preview = useMessagePreview();
  const items = [...(rooms.data?.items ?? [])].sort((a, b) => Number(b.unread_count > 0) - Number(a.unread_count > 0)).slice(0, 8);
  return (
    <Card
      id="rooms-heading"
      title={t('dashboard.roomsTitle')}
      action={
        <Link to="/chat" className="text-xs font-medium text-link hover:underline">
          {t('dashboard.allChats')}
        </Link>
      }
    >
      {rooms.isError && <Alert tone="error">{describeError(rooms.error)}</Alert>}
      {rooms.isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('dashboard.roomsNone')}</p>
      ) : (
        <ul className="flex flex-col gap-0.5" data-testid="dashboard-rooms">
          {items.map((room) => {
            const title = roomTitle(room, meId, t('chat.unnamedGroup'));
            const unreadLabel = t(room.unread_count === 1 ? 'chat.unread.one' : 'chat.unread.other', { count: room.unread_count });
            return (
              <li key={room.id}>
                <Link
                  to={`/chat/${room.id}`}
                  aria-label={room.unread_count > 0 ? `${title}, ${unreadLabel}` : title}
                  className="flex items-center gap-3 rounded-[4px] px-2 py-1.5 hover:bg-surface-500/40"
                >
                  <RoomAvatar room={room} />
                  <span className="min-w-0 flex-1 leading-tight">
                    <span className={`block truncate ${room.unread_count > 0 ? 'font-semibold text-fg' : 'font-medium text-fg-muted'}`}>{title}</span>
                    <span className="block truncate text-xs text-fg-subtle">{preview(room, room.last_message, meId)}</span>
                  </span>
                  <UnreadBadge count={room.unread_count} label={unreadLabel} />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

/** The newest message of each room, newest first. */
export function RecentActivity() {
  const { t, locale } = useChatI18n();
  const meId = useMeId();
  const { items, isPending } = useRecentActivity();
  const preview = useMessagePreview();
  return (
    <Card id="activity-heading" title={t('dashboard.activityTitle')}>
      {isPending ? (
        <p className="text-sm text-fg-subtle" role="status">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-fg-subtle">{t('dashboard.activityNone')}</p>
      ) : (
        <ol className="flex flex-col gap-2" data-testid="recent-activity">
          {items.map((room) => {
            const message = room.last_message;
            const sender = message.sender_id === meId ? null : authorOf(room, message);
            const who = message.sender_id === meId ? t('chat.you') : sender ? displayName(sender) : t('chat.unknownUser');
            return (
              <li key={room.id}>
                <Link to={`/chat/${room.id}`} state={{ jumpTo: { id: message.id, seq: message.seq } }} className="flex gap-3 rounded-[4px] px-2 py-1.5 hover:bg-surface-500/40">
                  <UserAvatar name={who} avatar={message.sender_id === meId ? null : (sender?.avatar ?? null)} size="sm" />
                  <span className="min-w-0 flex-1 leading-tight">
                    <span className="flex flex-wrap items-baseline gap-x-2 text-sm">
                      <span className="font-medium text-fg">
                        {room.is_group ? t('dashboard.activityIn', { name: who, room: roomTitle(room, meId, t('chat.unnamedGroup')) }) : who}
                      </span>
                      <time dateTime={message.created_at} className="text-xs text-fg-subtle">
                        {formatRelative(message.created_at, locale)}
                      </time>
                    </span>
                    <span className="block truncate text-sm text-fg-subtle">{message.deleted_at ? t('chat.previewDeleted') : preview({ ...room, is_group: false }, message, '')}</span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

import { roleRank } from '@discordgym/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, matchPath, NavLink, Outlet, useLocation, useMatch } from 'react-router';
import { Alert } from '../components/alert.component';
import { AppLogo } from '../components/app-logo.component';
import { ConfirmDialog } from '../components/confirm-dialog.component';
import { ConnectionBanner } from '../components/connection-banner.component';
import { Icon, type IconName } from '../components/icon.component';
import { LanguageSwitch } from '../components/language-switch.component';
import { PresenceDot } from '../components/presence-dot.component';
import { UnreadBadge } from '../components/unread-badge.component';
import { UserAvatar } from '../components/user-avatar.component';
import { useSignedInUser } from '../features/auth/hooks/use-me.hook';
import { useLogout } from '../features/auth/hooks/use-session-mutations.hook';
import { CreateGroupDialog } from '../features/chat/components/create-group-dialog.component';
import { QuickSwitcher } from '../features/chat/components/quick-switcher.component';
import { RoomList } from '../features/chat/components/room-list.component';
import { useChatEngine } from '../features/chat/hooks/use-chat-engine.hook';
import { useChatSnapshot } from '../features/chat/hooks/use-chat-snapshot.hook';
import { useOutboxEntries } from '../features/chat/hooks/use-outbox.hook';
import { useRoomHotkeys } from '../features/chat/hooks/use-room-hotkeys.hook';
import { useFriendsLive } from '../features/friends/hooks/use-friends-live.hook';
import { NotificationBell } from '../features/notifications/components/notification-bell.component';
import { useNotificationsLive } from '../features/notifications/hooks/use-notifications-live.hook';
import { useProfileLive } from '../features/profile/hooks/use-profile-live.hook';
import { useWorkoutSync } from '../features/workouts/hooks/use-workout-sync.hook';
import { totalUnread, useRooms } from '../features/chat/hooks/use-rooms.hook';
import type { MessageKey } from '../lib/i18n/en.messages';
import { useChatI18n } from '../features/chat/hooks/use-chat-i18n.hook';
import { useConnectionStatus } from '../lib/realtime/realtime';
import { useTitleBadge } from '../lib/use-document-title.hook';
import { DESKTOP, useMediaQuery } from '../lib/use-media-query.hook';
import { useMyPresence } from '../features/people/hooks/use-my-presence.hook';
import { preloadSignedInPages } from './app.router';

interface NavItem {
  to: string;
  label: MessageKey;
  icon: IconName;
  end?: boolean;
  phoneOnly?: boolean;
  staffOnly?: boolean;
  /** On a phone the bar holds four entries and "More"; the rest open from "More", so no label is cut off at 360 px. */
  phoneMore?: boolean;
}

const NAV: ReadonlyArray<NavItem> = [
  { to: '/', label: 'nav.home', icon: 'home', end: true },
  { to: '/chat', label: 'nav.chats', icon: 'chat', end: true, phoneOnly: true },
  { to: '/friends', label: 'nav.friends', icon: 'members', phoneMore: true },
  { to: '/workouts', label: 'nav.workouts', icon: 'dumbbell' },
  { to: '/albums', label: 'nav.albums', icon: 'camera' },
  { to: '/profile', label: 'nav.profile', icon: 'user', phoneMore: true },
  { to: '/settings/sessions', label: 'nav.sessions', icon: 'devices', phoneMore: true },
  { to: '/admin', label: 'nav.admin', icon: 'crown', staffOnly: true, phoneMore: true },
];

/**
 * The signed-in frame, Discord's shape: a rail, a sidebar with navigation, the
 * conversations and the user panel, and the content. Below `md` the rail goes, the
 * sidebar folds into a header and the conversation list becomes its own page; an open
 * conversation then takes the whole screen.
 */
export function AppShell() {
  const { t, describeError } = useChatI18n();
  const logout = useLogout();
  const unread = useRooms(totalUnread).data ?? 0;
  useTitleBadge(unread);
  const pending = useOutboxEntries().filter((e) => e.status === 'pending').length;
  const inRoom = useMatch('/chat/:roomId') !== null;
  const inChat = useMatch({ path: '/chat', end: false }) !== null;
  const [creating, setCreating] = useState(false);
  const [confirmingLogout, setConfirmingLogout] = useState(false);
  const desktop = useMediaQuery(DESKTOP);
  const role = useSignedInUser()?.role;
  // Moderators and admins see the admin area's entry; for everyone else it does not exist.
  const staff = role !== undefined && roleRank[role] >= roleRank.moderator;
  const navItems = NAV.filter((item) => !item.staffOnly || staff);
  useChatEngine();
  useChatSnapshot();
  useFriendsLive();
  useNotificationsLive();
  useProfileLive();
  // A workout logged offline goes out from any page, not only the logger.
  useWorkoutSync();
  useRoomHotkeys();
  useEffect(() => preloadSignedInPages(), []);

  return (
    <div className="flex h-dvh flex-col overflow-hidden md:flex-row">
      <a
        href="#main"
        className="sr-only rounded bg-brand px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        {t('app.skipToContent')}
      </a>

      <div className="hidden w-[72px] shrink-0 flex-col items-center gap-2 bg-surface-900 py-3 md:flex">
        <Link to="/" aria-label={t('nav.home')} title={t('nav.home')} className="rounded-2xl transition-[border-radius] hover:rounded-xl">
          <AppLogo className="size-12" />
        </Link>
        <div aria-hidden="true" className="h-0.5 w-8 rounded bg-surface-600" />
        <NavLink
          to="/chat"
          aria-label={unread > 0 ? `${t('nav.chats')}, ${t(unread === 1 ? 'chat.unread.one' : 'chat.unread.other', { count: unread })}` : t('nav.chats')}
          title={t('nav.chats')}
          className={({ isActive }) =>
            `relative flex size-12 items-center justify-center transition-[border-radius,background-color] ${isActive ? 'rounded-xl bg-brand text-white' : 'rounded-3xl bg-surface-700 text-success hover:rounded-xl hover:bg-success hover:text-white'}`
          }
        >
          <Icon name="chat" className="size-6" />
          {unread > 0 && <span aria-hidden="true" className="absolute -right-1 -bottom-1 rounded-full bg-danger px-1.5 text-xs font-bold text-white ring-4 ring-surface-900">{unread > 99 ? '99+' : unread}</span>}
        </NavLink>
        <button
          type="button"
          onClick={() => setCreating(true)}
          aria-label={t('chat.newGroup')}
          title={t('chat.newGroup')}
          className="flex size-12 items-center justify-center rounded-3xl bg-surface-700 text-success transition-[border-radius,background-color] hover:rounded-xl hover:bg-success hover:text-white"
        >
          <Icon name="plus" className="size-6" />
        </button>
      </div>

      <aside
        className={`${inRoom ? 'hidden md:flex' : 'grid'} shrink-0 grid-cols-[minmax(0,1fr)_auto_auto] items-center bg-surface-800 md:flex md:w-60 md:flex-col md:items-stretch`}
      >
        <div className="flex h-12 items-center gap-2 px-4 font-semibold text-fg md:border-b md:border-surface-950/60">
          <AppLogo className="size-7 md:hidden" />
          {/* Below 400 px the logo alone names the app, so the bell, language and account fit beside it. */}
          <span className="min-w-0 truncate max-[399px]:sr-only">{t('app.name')}</span>
          <NotificationBell className="ml-auto" />
        </div>
        <LanguageSwitch compact className="px-1 md:order-last md:bg-surface-850 md:px-2 md:pt-2" />
        <UserPanel onLogout={() => setConfirmingLogout(true)} loggingOut={logout.isPending} />
        <nav aria-label={t('nav.label')} className="relative col-span-3 md:pt-2">
          <ul className="flex gap-1 px-2 pb-2 md:flex-col md:pb-0">
            {navItems.map((item) => (
              <li key={item.to} className={`min-w-0 flex-1 md:flex-none ${item.phoneOnly ? 'md:hidden' : ''} ${item.phoneMore ? 'hidden md:block' : ''}`}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  className={({ isActive }) =>
                    `relative flex min-h-11 flex-col items-center justify-center gap-0.5 rounded-[4px] px-1 text-xs font-medium md:min-h-9 md:flex-row md:justify-start md:gap-2 md:px-2 md:text-[15px] ${isActive ? 'bg-surface-500/60 text-fg' : 'text-fg-subtle hover:bg-surface-500/30 hover:text-fg-muted'}`
                  }
                >
                  <Icon name={item.icon} />
                  <span className="max-w-full truncate">{t(item.label)}</span>
                  {item.phoneOnly && <UnreadBadge count={unread} label={t(unread === 1 ? 'chat.unread.one' : 'chat.unread.other', { count: unread })} className="absolute top-0.5 right-[calc(50%-1.25rem)]" />}
                </NavLink>
              </li>
            ))}
            <PhoneMoreMenu items={navItems.filter((item) => item.phoneMore)} />
          </ul>
        </nav>
        {desktop && (
          <div className="min-h-0 flex-1 overflow-y-auto px-2 pt-4 pb-3">
            <RoomList />
          </div>
        )}
      </aside>

      <div className="flex min-h-0 min-w-0 flex-1 flex-col bg-surface-700">
        <ConnectionBanner pending={pending} />
        <main
          id="main"
          tabIndex={-1}
          className={`min-h-0 flex-1 focus:outline-none ${inRoom ? 'overflow-hidden' : inChat ? 'overflow-y-auto' : 'overflow-y-auto px-4 py-6 sm:px-8'}`}
        >
          {logout.isError && <Alert tone="error" className="mx-auto mb-4 max-w-3xl">{describeError(logout.error)}</Alert>}
          <Outlet />
        </main>
      </div>
      <CreateGroupDialog open={creating} onClose={() => setCreating(false)} />
      <QuickSwitcher />
      <ConfirmDialog
        open={confirmingLogout}
        title={t('logout.confirmTitle')}
        confirmLabel={t('nav.logout')}
        cancelLabel={t('chat.cancel')}
        closeLabel={t('chat.dialogClose')}
        onCancel={() => setConfirmingLogout(false)}
        onConfirm={() => {
          setConfirmingLogout(false);
          logout.mutate();
        }}
      >
        <p>{t('logout.confirmBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * The phone bar's "More": a disclosure that opens a sheet with the remaining entries under the bar (the links come
 * right after the button, so Tab reaches them). Esc or a tap outside closes it; Esc puts the focus back on the button.
 * Desktop shows every entry in the sidebar and never this.
 */
function PhoneMoreMenu({ items }: { items: ReadonlyArray<NavItem> }) {
  const { t } = useChatI18n();
  const [open, setOpen] = useState(false);
  const sheetId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const sheet = useRef<HTMLDivElement>(null);
  const { pathname } = useLocation();
  const current = items.some((item) => matchPath({ path: item.to, end: item.end ?? false }, pathname) !== null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!sheet.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <li className="min-w-0 flex-1 md:hidden">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={sheetId}
        onClick={() => setOpen((was) => !was)}
        className={`flex min-h-11 w-full flex-col items-center justify-center gap-0.5 rounded-[4px] px-1 text-xs font-medium ${open || current ? 'bg-surface-500/60 text-fg' : 'text-fg-subtle hover:bg-surface-500/30 hover:text-fg-muted'}`}
      >
        <Icon name="more" />
        <span className="max-w-full truncate">{t('nav.more')}</span>
      </button>
      {open && (
        <div id={sheetId} ref={sheet} className="absolute inset-x-2 top-full z-40 rounded-lg bg-surface-900 p-1.5 shadow-xl ring-1 ring-surface-950">
          <ul className="flex flex-col gap-0.5">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  end={item.end}
                  onClick={() => setOpen(false)}
                  className={({ isActive }) =>
                    `flex min-h-11 items-center gap-3 rounded-[4px] px-3 text-[15px] font-medium ${isActive ? 'bg-surface-500/60 text-fg' : 'text-fg-muted hover:bg-surface-500/30 hover:text-fg'}`
                  }
                >
                  <Icon name={item.icon} />
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

function UserPanel({ onLogout, loggingOut }: { onLogout: () => void; loggingOut: boolean }) {
  const { t } = useChatI18n();
  const me = useSignedInUser();
  const connection = useConnectionStatus();
  const name = me ? (me.display_name ?? me.username) : '';
  const chosen = useMyPresence();
  const status = connection === 'connected' ? chosen : 'offline';
  return (
    <div className="flex items-center gap-1 px-2 md:order-last md:h-[52px] md:bg-surface-850">
      {me && (
        <Link
          to="/profile"
          className="flex min-w-0 flex-1 items-center gap-2 rounded-[4px] p-1 hover:bg-surface-500/40"
          title={t('nav.account', { name: me.handle })}
          aria-label={`${t('nav.profile')}: ${name}, ${t(`presence.${status}`)}`}
        >
          <span className="relative shrink-0">
            <UserAvatar name={name} avatar={me.avatar} size="sm" />
            <PresenceDot status={status} ring="850" className="absolute -right-0.5 -bottom-0.5 size-2.5!" />
          </span>
          <span className="hidden min-w-0 leading-tight md:block">
            <span className="block truncate text-sm font-semibold text-fg">{name}</span>
            <span className="block truncate text-xs text-fg-subtle">{me.handle}</span>
          </span>
        </Link>
      )}
      <button
        type="button"
        onClick={onLogout}
        disabled={loggingOut}
        aria-label={loggingOut ? t('nav.loggingOut') : t('nav.logout')}
        title={t('nav.logout')}
        className="ml-auto flex size-9 shrink-0 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 hover:text-danger disabled:opacity-60"
      >
        <Icon name="logout" />
      </button>
    </div>
  );
}

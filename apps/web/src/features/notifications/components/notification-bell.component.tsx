import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../../components/icon.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useUnreadNotifications } from '../hooks/use-notifications.hook';
import { NotificationInbox } from './notification-inbox.component';

/** The bell with my unread count; it opens the inbox beside it (Escape or a click outside closes it). */
export function NotificationBell({ className = '' }: { className?: string }) {
  const { t } = useI18n();
  const unread = useUnreadNotifications();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const label = unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bell');
  return (
    <div ref={root} className={`relative ${className}`}>
      <button
        ref={button}
        type="button"
        onClick={() => setOpen((v) => !v)}
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="notification-bell"
        className="relative flex size-9 items-center justify-center rounded-[4px] text-fg-muted hover:bg-surface-500/60 hover:text-fg aria-expanded:bg-surface-500/60 aria-expanded:text-fg"
      >
        <Icon name="bell" />
        {unread > 0 && (
          <span
            aria-hidden="true"
            data-testid="notification-count"
            className="absolute -top-0.5 -right-0.5 inline-flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[11px] leading-none font-bold text-white tabular-nums ring-2 ring-surface-800"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-labelledby="inbox-heading"
          className="fixed inset-x-2 top-14 z-50 rounded-lg bg-surface-850 font-normal shadow-2xl ring-1 ring-surface-950/80 md:absolute md:inset-x-auto md:top-full md:left-0 md:mt-1 md:w-[24rem]"
        >
          <NotificationInbox unread={unread} onClose={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}

import type { Session } from '@discordgym/contracts';
import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../../../lib/format/date.format';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { useDeviceLabel } from '../hooks/use-device-label.hook';
import { DeviceIcon } from './device-icon.component';

export function SessionRow({ session, action }: { session: Session; action?: (deviceLabel: string) => ReactNode }) {
  const { t, locale } = useI18n();
  const device = useDeviceLabel()(session.user_agent);
  return (
    <li
      aria-current={session.current ? 'true' : undefined}
      className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-lg bg-surface-800 px-4 py-3"
      data-testid={session.current ? 'session-current' : 'session-other'}
    >
      <span className={`flex size-10 shrink-0 items-center justify-center rounded-full ${session.current ? 'bg-success-soft text-success' : 'bg-surface-600 text-fg-muted'}`}>
        <DeviceIcon kind={device.kind} className="size-5" />
      </span>
      <div className="min-w-0 flex-1 basis-48">
        <p className="flex flex-wrap items-center gap-2 font-semibold text-fg">
          <span className="truncate">{device.label}</span>
          {session.current && (
            <span className="rounded-sm bg-success px-1.5 py-0.5 text-[11px] font-bold tracking-wide text-white uppercase">{t('sessions.currentBadge')}</span>
          )}
        </p>
        <p className="mt-0.5 text-sm text-fg-subtle">
          {session.ip ? t('sessions.ip', { ip: session.ip }) : t('sessions.unknownIp')}
          {' · '}
          <time dateTime={session.last_used_at} title={formatDateTime(session.last_used_at, locale)}>
            {t('sessions.lastActive', { time: formatRelative(session.last_used_at, locale) })}
          </time>
        </p>
        <p className="text-xs text-fg-subtle">
          <time dateTime={session.created_at}>{t('sessions.signedInAt', { time: formatDateTime(session.created_at, locale) })}</time>
        </p>
      </div>
      {action && <div className="ml-auto">{action(device.label)}</div>}
    </li>
  );
}

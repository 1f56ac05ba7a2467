import { useEffect, useState } from 'react';
import { useI18n } from '../lib/i18n/use-i18n.hook';
import { useConnectionStatus } from '../lib/realtime/realtime';
import { Icon } from './icon.component';

/** A blip shorter than this is not worth a banner. */
const GRACE_MS = 1_500;

/**
 * Says when live updates are not flowing: offline at once, reconnecting after a short
 * grace, and how many written messages are waiting to go out.
 */
export function ConnectionBanner({ pending }: { pending: number }) {
  const { t } = useI18n();
  const status = useConnectionStatus();
  const troubled = status === 'offline' || status === 'reconnecting' || status === 'connecting';
  const [shown, setShown] = useState(false);

  useEffect(() => {
    if (!troubled) return setShown(false);
    if (status === 'offline') return setShown(true);
    const timer = setTimeout(() => setShown(true), GRACE_MS);
    return () => clearTimeout(timer);
  }, [troubled, status]);

  const visible = shown && troubled;
  return (
    <div role="status" aria-live="polite" data-testid="connection-banner" data-status={status}>
      {visible && (
        <div className={`flex items-center justify-center gap-2 px-4 py-1.5 text-center text-sm font-medium text-white ${status === 'offline' ? 'bg-danger' : 'bg-[#b5561a]'}`}>
          <Icon name={status === 'offline' ? 'wifiOff' : 'clock'} className="size-4" />
          <span>
            {status === 'offline' ? t('connection.offline') : status === 'connecting' ? t('connection.connecting') : t('connection.reconnecting')}
            {pending > 0 && ` ${t(pending === 1 ? 'connection.pending.one' : 'connection.pending.other', { count: pending })}`}
          </span>
        </div>
      )}
    </div>
  );
}

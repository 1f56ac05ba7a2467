import { Button } from '../../../components/button.component';
import { Icon } from '../../../components/icon.component';
import { useI18n } from '../../../lib/i18n/use-i18n.hook';
import { usePushSetting } from '../hooks/use-push-setting.hook';

/** The opt-in for notifications while the app is closed: a clear button, never an automatic prompt. */
export function PushSetting() {
  const { t } = useI18n();
  const push = usePushSetting();
  const note: Partial<Record<typeof push.status, string>> = {
    unsupported: t('notifications.push.unsupported'),
    'server-off': t('notifications.push.serverOff'),
    denied: t('notifications.push.denied'),
  };
  return (
    <section aria-labelledby="push-heading" className="border-t border-surface-950/60 px-3 py-3" data-testid="push-setting" data-status={push.status}>
      <div className="flex items-center gap-3">
        <Icon name={push.status === 'on' ? 'bell' : 'bellOff'} className="size-5 text-fg-subtle" />
        <div className="min-w-0 flex-1">
          <h3 id="push-heading" className="text-sm font-semibold text-fg">
            {t('notifications.push.title')}
          </h3>
          <p className="text-xs text-fg-subtle">{note[push.status] ?? (push.status === 'on' ? t('notifications.push.on') : t('notifications.push.offHint'))}</p>
        </div>
        {push.status === 'off' && (
          <Button className="min-h-8! px-3! py-1!" pending={push.busy} onClick={() => push.enable.mutate()}>
            {t('notifications.push.enable')}
          </Button>
        )}
        {push.status === 'on' && (
          <Button variant="secondary" className="min-h-8! px-3! py-1!" pending={push.busy} onClick={() => push.disable.mutate()}>
            {t('notifications.push.disable')}
          </Button>
        )}
      </div>
      {push.failed && (
        <p role="alert" className="mt-2 text-xs text-danger">
          {t('notifications.push.failed')}
        </p>
      )}
    </section>
  );
}

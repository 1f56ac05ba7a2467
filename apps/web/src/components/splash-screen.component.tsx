import { useI18n } from '../lib/i18n/use-i18n.hook';
import { AppLogo } from './app-logo.component';

/** Shown while the session is restored from the refresh cookie; usually for a blink. */
export function SplashScreen() {
  const { t } = useI18n();
  return (
    <div className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-surface-900" role="status" aria-live="polite">
      <AppLogo className="size-16 animate-pulse" />
      <p className="text-sm text-fg-subtle">{t('app.loading')}</p>
    </div>
  );
}

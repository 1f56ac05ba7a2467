import { useSearchParams } from 'react-router';
import { Alert } from '../components/alert.component';
import { LoginForm } from '../features/auth/components/login-form.component';
import { AuthLayout } from '../features/auth/components/auth-layout.component';
import { useAuthState } from '../lib/auth/auth-session.store';
import { banText } from '../lib/i18n/error-text';
import { useI18n } from '../lib/i18n/use-i18n.hook';

export function LoginPage() {
  const { t, errors, locale } = useI18n();
  const auth = useAuthState();
  const [params] = useSearchParams();
  const next = params.get('next');
  const sessionEnded = auth.status === 'signed-out' && auth.reason === 'session-ended';
  const ban = auth.status === 'signed-out' && auth.reason === 'banned' ? auth.ban : undefined;
  return (
    <AuthLayout title={t('login.title')} subtitle={t('login.subtitle')}>
      {ban && (
        <Alert tone="error" className="mb-5">
          <span data-testid="ban-notice">{banText(errors, ban, locale)}</span>
        </Alert>
      )}
      {sessionEnded && (
        <Alert tone="info" className="mb-5">
          {t('login.sessionEnded')}
        </Alert>
      )}
      <LoginForm registerHref={next ? `/register?next=${encodeURIComponent(next)}` : '/register'} />
    </AuthLayout>
  );
}

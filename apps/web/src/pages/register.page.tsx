import { useSearchParams } from 'react-router';
import { AuthLayout } from '../features/auth/components/auth-layout.component';
import { RegisterForm } from '../features/auth/components/register-form.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';

export function RegisterPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const next = params.get('next');
  return (
    <AuthLayout title={t('register.title')} subtitle={t('register.subtitle')}>
      <RegisterForm loginHref={next ? `/login?next=${encodeURIComponent(next)}` : '/login'} />
    </AuthLayout>
  );
}

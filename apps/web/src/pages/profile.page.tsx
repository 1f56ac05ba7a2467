import { Alert } from '../components/alert.component';
import { PageHeader } from '../components/page-header.component';
import { useMe } from '../features/auth/hooks/use-me.hook';
import { ProfileForm } from '../features/profile/components/profile-form.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';

export function ProfilePage() {
  const { t, describeError } = useI18n();
  const me = useMe();
  return (
    <div className="mx-auto w-full max-w-4xl">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      {me.isPending && <p role="status">{t('app.loading')}</p>}
      {me.isError && <Alert tone="error">{describeError(me.error)}</Alert>}
      {me.data && <ProfileForm key={me.data.id} user={me.data} />}
    </div>
  );
}

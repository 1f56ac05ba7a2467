import { Alert } from '../components/alert.component';
import { PageHeader } from '../components/page-header.component';
import { useMe } from '../features/auth/hooks/use-me.hook';
import { ProfileForm } from '../features/profile/components/profile-form.component';
import { PrivacySettings } from '../features/profile/components/privacy-settings.component';
import { StatusSettings } from '../features/people/components/status-settings.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';

export function ProfilePage() {
  const { t, describeError } = useI18n();
  const me = useMe();
  return (
    <div className="mx-auto w-full max-w-4xl">
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      {me.isPending && <p role="status">{t('app.loading')}</p>}
      {me.isError && <Alert tone="error">{describeError(me.error)}</Alert>}
      {me.data && (
        <div className="flex flex-col gap-6">
          <ProfileForm key={me.data.id} user={me.data} />
          <StatusSettings user={me.data} />
          <PrivacySettings user={me.data} />
        </div>
      )}
    </div>
  );
}

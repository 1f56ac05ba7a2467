import { PageHeader } from '../components/page-header.component';
import { FriendsPanel } from '../features/friends/components/friends-panel.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';

export function FriendsPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto w-full max-w-5xl">
      <PageHeader title={t('friends.title')} subtitle={t('friends.subtitle')} />
      <FriendsPanel />
    </div>
  );
}

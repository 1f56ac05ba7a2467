import { SessionList } from '../features/sessions/components/session-list.component';
import { useI18n } from '../lib/i18n/use-i18n.hook';
import { PageHeader } from '../components/page-header.component';

export function SessionsPage() {
  const { t } = useI18n();
  return (
    <div className="mx-auto w-full max-w-3xl">
      <PageHeader title={t('sessions.title')} subtitle={t('sessions.subtitle')} />
      <SessionList />
    </div>
  );
}

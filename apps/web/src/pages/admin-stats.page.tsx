import { PageHeader } from '../components/page-header.component';
import { StatsOverview } from '../features/admin/components/stats-overview.component';
import { useAdminI18n } from '../features/admin/hooks/use-admin-i18n.hook';

export function AdminStatsPage() {
  const { ta } = useAdminI18n();
  return (
    <>
      <PageHeader title={ta('admin.stats.title')} subtitle={ta('admin.stats.subtitle')} />
      <StatsOverview />
    </>
  );
}

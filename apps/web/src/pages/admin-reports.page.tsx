import { PageHeader } from '../components/page-header.component';
import { ReportsQueue } from '../features/admin/components/reports-queue.component';
import { useAdminI18n } from '../features/admin/hooks/use-admin-i18n.hook';

export function AdminReportsPage() {
  const { ta } = useAdminI18n();
  return (
    <>
      <PageHeader title={ta('admin.reports.title')} subtitle={ta('admin.reports.subtitle')} />
      <ReportsQueue />
    </>
  );
}

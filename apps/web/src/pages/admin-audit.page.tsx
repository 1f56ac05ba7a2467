import { PageHeader } from '../components/page-header.component';
import { AuditLogTable } from '../features/admin/components/audit-log-table.component';
import { useAdminI18n } from '../features/admin/hooks/use-admin-i18n.hook';

export function AdminAuditPage() {
  const { ta } = useAdminI18n();
  return (
    <>
      <PageHeader title={ta('admin.audit.title')} subtitle={ta('admin.audit.subtitle')} />
      <AuditLogTable />
    </>
  );
}

import { PageHeader } from '../components/page-header.component';
import { UsersTable } from '../features/admin/components/users-table.component';
import { useAdminI18n } from '../features/admin/hooks/use-admin-i18n.hook';

export function AdminUsersPage() {
  const { ta } = useAdminI18n();
  return (
    <>
      <PageHeader title={ta('admin.users.title')} subtitle={ta('admin.users.subtitle')} />
      <UsersTable />
    </>
  );
}

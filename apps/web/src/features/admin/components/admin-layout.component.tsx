import { Outlet } from 'react-router';
import { TabNav } from '../../../components/tab-nav.component';
import type { AdminMessageKey } from '../admin.messages';
import { useAdminI18n } from '../hooks/use-admin-i18n.hook';

const TABS: ReadonlyArray<{ to: string; label: AdminMessageKey; end?: boolean }> = [
  { to: '/admin', label: 'admin.nav.users', end: true },
  { to: '/admin/reports', label: 'admin.nav.reports' },
  { to: '/admin/audit', label: 'admin.nav.audit' },
  { to: '/admin/stats', label: 'admin.nav.stats' },
];

/** The admin area's frame: its tabs above whichever admin page is open. */
export function AdminLayout() {
  const { ta } = useAdminI18n();
  return (
    <div className="mx-auto w-full max-w-6xl">
      <TabNav label={ta('admin.nav.label')} tabs={TABS.map((tab) => ({ ...tab, label: ta(tab.label) }))} />
      <Outlet />
    </div>
  );
}

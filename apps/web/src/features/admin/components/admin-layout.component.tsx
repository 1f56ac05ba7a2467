import { NavLink, Outlet } from 'react-router';
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
      <nav aria-label={ta('admin.nav.label')} className="mb-6 border-b border-surface-500/60">
        <ul className="-mb-px flex flex-wrap gap-1">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `inline-flex min-h-10 items-center border-b-2 px-3 text-sm font-medium ${isActive ? 'border-brand text-fg' : 'border-transparent text-fg-subtle hover:text-fg-muted'}`
                }
              >
                {ta(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

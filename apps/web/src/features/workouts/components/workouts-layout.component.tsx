import { NavLink, Outlet } from 'react-router';
import type { WorkoutsMessageKey } from '../workouts.messages';
import { useWorkoutsI18n } from '../hooks/use-workouts-i18n.hook';

const TABS: ReadonlyArray<{ to: string; label: WorkoutsMessageKey; end?: boolean }> = [
  { to: '/workouts', label: 'w.nav.log', end: true },
  { to: '/workouts/history', label: 'w.nav.history' },
  { to: '/workouts/routines', label: 'w.nav.routines' },
  { to: '/workouts/stats', label: 'w.nav.stats' },
  { to: '/workouts/feed', label: 'w.nav.feed' },
  { to: '/workouts/leaderboards', label: 'w.nav.leaderboards' },
  { to: '/workouts/settings', label: 'w.nav.settings' },
];

/** The workout pages' frame: tabs (scrolling sideways on a phone) above the page. */
export function WorkoutsLayout() {
  const { tw } = useWorkoutsI18n();
  return (
    <div className="mx-auto w-full max-w-3xl">
      <nav aria-label={tw('w.nav.label')} className="-mx-4 mb-4 overflow-x-auto border-b border-surface-500/60 px-4 sm:mx-0 sm:px-0">
        <ul className="-mb-px flex gap-1 whitespace-nowrap">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
                className={({ isActive }) =>
                  `inline-flex min-h-10 items-center border-b-2 px-3 text-sm font-medium ${isActive ? 'border-brand text-fg' : 'border-transparent text-fg-subtle hover:text-fg-muted'}`
                }
              >
                {tw(tab.label)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

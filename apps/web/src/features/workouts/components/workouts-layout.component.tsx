import { Outlet } from 'react-router';
import { TabNav } from '../../../components/tab-nav.component';
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
      <TabNav label={tw('w.nav.label')} tabs={TABS.map((tab) => ({ ...tab, label: tw(tab.label) }))} scroll />
      <Outlet />
    </div>
  );
}

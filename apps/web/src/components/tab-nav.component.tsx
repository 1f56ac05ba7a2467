import { NavLink } from 'react-router';

export interface Tab {
  to: string;
  label: string;
  /** Active only on exactly this path (the section's index tab). */
  end?: boolean;
}

/** A section's tabs as links (admin, workouts); `scroll` lets them scroll sideways on a phone instead of wrapping. */
export function TabNav({ label, tabs, scroll = false }: { label: string; tabs: readonly Tab[]; scroll?: boolean }) {
  return (
    <nav
      aria-label={label}
      className={scroll ? '-mx-4 mb-4 overflow-x-auto border-b border-surface-500/60 px-4 sm:mx-0 sm:px-0' : 'mb-6 border-b border-surface-500/60'}
    >
      <ul className={`-mb-px flex gap-1 ${scroll ? 'whitespace-nowrap' : 'flex-wrap'}`}>
        {tabs.map((tab) => (
          <li key={tab.to}>
            <NavLink
              to={tab.to}
              end={tab.end}
              className={({ isActive }) =>
                `inline-flex min-h-10 items-center border-b-2 px-3 text-sm font-medium ${isActive ? 'border-brand text-fg' : 'border-transparent text-fg-subtle hover:text-fg-muted'}`
              }
            >
              {tab.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

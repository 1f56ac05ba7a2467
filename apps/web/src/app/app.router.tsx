import { BrowserRouter } from 'react-router';
import { RedirectIfSignedIn, RequireAuth } from '../features/auth/components/route-guards.component';
import { LazyRoutes, lazyRoute as page } from './lazy-routes';

// Every page is its own chunk: the first load carries the framework and the guards, and
// only the page it lands on. The signed-in pages are fetched in the background once the
// shell is up, so moving between them never waits.
const pages = {
  login: () => import('../pages/login.page').then((m) => ({ Component: m.LoginPage })),
  register: () => import('../pages/register.page').then((m) => ({ Component: m.RegisterPage })),
  shell: () => import('./app-shell.component').then((m) => ({ Component: m.AppShell })),
  home: () => import('../pages/home.page').then((m) => ({ Component: m.HomePage })),
  chat: () => import('../pages/chat.page').then((m) => ({ Component: m.ChatPage })),
  chatRoom: () => import('../pages/chat-room.page').then((m) => ({ Component: m.ChatRoomPage })),
  profile: () => import('../pages/profile.page').then((m) => ({ Component: m.ProfilePage })),
  friends: () => import('../pages/friends.page').then((m) => ({ Component: m.FriendsPage })),
  sessions: () => import('../pages/sessions.page').then((m) => ({ Component: m.SessionsPage })),
  notFound: () => import('../pages/not-found.page').then((m) => ({ Component: m.NotFoundPage })),
  // Albums: their own chunks (thumbhash, the uploader), fetched only when an album page opens.
  albums: () => import('../pages/albums.page').then((m) => ({ Component: m.AlbumsPage })),
  album: () => import('../pages/album.page').then((m) => ({ Component: m.AlbumPage })),
  albumWall: () => import('../pages/album-wall.page').then((m) => ({ Component: m.AlbumWallPage })),
  guestJoin: () => import('../pages/guest-join.page').then((m) => ({ Component: m.GuestJoinPage })),
  // Workouts: their own chunks (their dictionary, chart.js for the stats), never in the login page's JS.
  workoutsLayout: () => import('../features/workouts/components/workouts-layout.component').then((m) => ({ Component: m.WorkoutsLayout })),
  workouts: () => import('../pages/workouts.page').then((m) => ({ Component: m.WorkoutsPage })),
  workoutLog: () => import('../pages/workout-log.page').then((m) => ({ Component: m.WorkoutLogPage })),
  workoutFinished: () => import('../pages/workout-finished.page').then((m) => ({ Component: m.WorkoutFinishedPage })),
  workoutDetail: () => import('../pages/workout-detail.page').then((m) => ({ Component: m.WorkoutDetailPage })),
  workoutHistory: () => import('../pages/workout-history.page').then((m) => ({ Component: m.WorkoutHistoryPage })),
  workoutRoutines: () => import('../pages/workout-routines.page').then((m) => ({ Component: m.WorkoutRoutinesPage })),
  workoutStats: () => import('../pages/workout-stats.page').then((m) => ({ Component: m.WorkoutStatsPage })),
  workoutFeed: () => import('../pages/workout-feed.page').then((m) => ({ Component: m.WorkoutFeedPage })),
  workoutLeaderboards: () => import('../pages/workout-leaderboards.page').then((m) => ({ Component: m.WorkoutLeaderboardsPage })),
  workoutSettings: () => import('../pages/workout-settings.page').then((m) => ({ Component: m.WorkoutSettingsPage })),
  // The admin area: its own chunks (chart.js among them), never preloaded for everyone.
  adminGate: () => import('../pages/admin-gate.page').then((m) => ({ Component: m.AdminGatePage })),
  adminLayout: () => import('../features/admin/components/admin-layout.component').then((m) => ({ Component: m.AdminLayout })),
  adminUsers: () => import('../pages/admin-users.page').then((m) => ({ Component: m.AdminUsersPage })),
  adminReports: () => import('../pages/admin-reports.page').then((m) => ({ Component: m.AdminReportsPage })),
  adminAudit: () => import('../pages/admin-audit.page').then((m) => ({ Component: m.AdminAuditPage })),
  adminStats: () => import('../pages/admin-stats.page').then((m) => ({ Component: m.AdminStatsPage })),
};

export function preloadSignedInPages(): void {
  const idle = window.requestIdleCallback ?? ((fn: () => void) => setTimeout(fn, 200));
  idle(() => {
    for (const load of [pages.home, pages.chat, pages.chatRoom, pages.friends, pages.profile, pages.sessions]) void load().catch(() => undefined);
    // The logger must open in a basement with no signal: its chunks are fetched while there is one.
    for (const load of [pages.workoutsLayout, pages.workouts, pages.workoutLog, pages.workoutFinished]) void load().catch(() => undefined);
  });
}

/**
 * The declarative router with lazy pages (see lazy-routes.tsx) rather than the data router:
 * this app uses no loaders or actions, and the data router's code was 30 KB gzip of the
 * entry chunk, the one every first visit to the login page waits for.
 */
export function createAppRouter() {
  return (
    <BrowserRouter>
      <LazyRoutes
        routes={[
          {
            element: <RedirectIfSignedIn />,
            children: [
              { path: '/login', ...page(pages.login) },
              { path: '/register', ...page(pages.register) },
            ],
          },
          {
            element: <RequireAuth />,
            children: [
              {
                ...page(pages.shell),
                children: [
                  { path: '/', ...page(pages.home) },
                  { path: '/chat', ...page(pages.chat) },
                  { path: '/chat/:roomId', ...page(pages.chatRoom) },
                  { path: '/friends', ...page(pages.friends) },
                  {
                    path: '/workouts',
                    ...page(pages.workoutsLayout),
                    children: [
                      { index: true, ...page(pages.workouts) },
                      { path: 'log', ...page(pages.workoutLog) },
                      { path: 'finished/:clientId', ...page(pages.workoutFinished) },
                      { path: 'history', ...page(pages.workoutHistory) },
                      { path: ':id', ...page(pages.workoutDetail) },
                      { path: 'routines', ...page(pages.workoutRoutines) },
                      { path: 'stats', ...page(pages.workoutStats) },
                      { path: 'feed', ...page(pages.workoutFeed) },
                      { path: 'leaderboards', ...page(pages.workoutLeaderboards) },
                      { path: 'settings', ...page(pages.workoutSettings) },
                    ],
                  },
                  { path: '/albums', ...page(pages.albums) },
                  { path: '/albums/:id', ...page(pages.album) },
                  { path: '/profile', ...page(pages.profile) },
                  { path: '/settings/sessions', ...page(pages.sessions) },
                ],
              },
              {
                // Moderators and admins only; anyone else gets the 404 page (see AdminGatePage).
                path: '/admin',
                ...page(pages.adminGate),
                children: [
                  {
                    ...page(pages.shell),
                    children: [
                      {
                        ...page(pages.adminLayout),
                        children: [
                          { index: true, ...page(pages.adminUsers) },
                          { path: 'reports', ...page(pages.adminReports) },
                          { path: 'audit', ...page(pages.adminAudit) },
                          { path: 'stats', ...page(pages.adminStats) },
                        ],
                      },
                    ],
                  },
                ],
              },
            ],
          },
          // No account needed: a guest's invite link, and the projector's wall (wall link or a signed-in host).
          { path: '/join', ...page(pages.guestJoin) },
          { path: '/join/:token', ...page(pages.guestJoin) },
          { path: '/albums/:id/wall', ...page(pages.albumWall) },
          { path: '*', ...page(pages.notFound) },
        ]}
      />
    </BrowserRouter>
  );
}

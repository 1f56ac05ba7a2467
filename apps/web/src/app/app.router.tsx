import { createBrowserRouter } from 'react-router';
import { SplashScreen } from '../components/splash-screen.component';
import { RedirectIfSignedIn, RequireAuth } from '../features/auth/components/route-guards.component';

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
  });
}

export function createAppRouter() {
  return createBrowserRouter([
    {
      HydrateFallback: SplashScreen,
      children: [
        {
          element: <RedirectIfSignedIn />,
          children: [
            { path: '/login', lazy: pages.login },
            { path: '/register', lazy: pages.register },
          ],
        },
        {
          element: <RequireAuth />,
          children: [
            {
              lazy: pages.shell,
              children: [
                { path: '/', lazy: pages.home },
                { path: '/chat', lazy: pages.chat },
                { path: '/chat/:roomId', lazy: pages.chatRoom },
                { path: '/friends', lazy: pages.friends },
                { path: '/profile', lazy: pages.profile },
                { path: '/settings/sessions', lazy: pages.sessions },
              ],
            },
            {
              // Moderators and admins only; anyone else gets the 404 page (see AdminGatePage).
              path: '/admin',
              lazy: pages.adminGate,
              children: [
                {
                  lazy: pages.shell,
                  children: [
                    {
                      lazy: pages.adminLayout,
                      children: [
                        { index: true, lazy: pages.adminUsers },
                        { path: 'reports', lazy: pages.adminReports },
                        { path: 'audit', lazy: pages.adminAudit },
                        { path: 'stats', lazy: pages.adminStats },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
        { path: '*', lazy: pages.notFound },
      ],
    },
  ]);
}

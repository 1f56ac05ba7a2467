import { Outlet } from 'react-router';
import { SplashScreen } from '../components/splash-screen.component';
import { useStaffRole } from '../features/admin/hooks/use-staff-role.hook';
import { NotFoundPage } from './not-found.page';

/**
 * /admin/…: moderators and admins only. Everyone else gets the app's 404 page, the same
 * as for an unknown address, so the area does not even show that it exists; the API
 * answers them 403 anyway.
 */
export function AdminGatePage() {
  const staff = useStaffRole();
  if (staff.loading) return <SplashScreen />;
  if (!staff.isStaff) return <NotFoundPage />;
  return <Outlet />;
}

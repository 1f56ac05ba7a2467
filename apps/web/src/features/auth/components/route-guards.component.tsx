import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import { SplashScreen } from '../../../components/splash-screen.component';
import { useAuthState } from '../../../lib/auth/auth-session.store';
import { loginPathFor, safeRedirectTarget } from '../../../lib/auth/redirect-target';

/** Pages for signed-in users: anyone else goes to the login page, which brings them back here. */
export function RequireAuth() {
  const auth = useAuthState();
  const location = useLocation();
  if (auth.status === 'restoring') return <SplashScreen />;
  if (auth.status === 'signed-out') {
    // After an explicit logout there is nothing to come back to.
    const wanted = auth.reason === 'logout' ? '/' : `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={loginPathFor(wanted)} replace />;
  }
  return <Outlet />;
}

/** Login and register: a signed-in user is sent on to where they were going. */
export function RedirectIfSignedIn() {
  const auth = useAuthState();
  const [params] = useSearchParams();
  if (auth.status === 'restoring') return <SplashScreen />;
  if (auth.status === 'signed-in') return <Navigate to={safeRedirectTarget(params.get('next'))} replace />;
  return <Outlet />;
}

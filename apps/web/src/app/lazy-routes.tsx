import { type ComponentType, Suspense, use, useEffect, useState } from 'react';
import { matchRoutes, type RouteObject, useLocation, useRoutes } from 'react-router';
import { SplashScreen } from '../components/splash-screen.component';

type PageModule = () => Promise<{ Component: ComponentType }>;

/** A chunk's component, with the `status`/`value` fields React's `use` reads: once there, it renders without suspending. */
type Chunk = Promise<ComponentType> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: ComponentType; reason?: unknown };

const chunks = new Map<PageModule, Chunk>();

function chunkOf(load: PageModule): Chunk {
  let chunk = chunks.get(load);
  if (!chunk) {
    const started: Chunk = load().then((m) => m.Component);
    started.status = 'pending';
    started.then(
      (component) => {
        started.status = 'fulfilled';
        started.value = component;
      },
      (error: unknown) => {
        // Not kept: the next address that needs it asks again (a flaky network, a deploy in between).
        started.status = 'rejected';
        started.reason = error;
        chunks.delete(load);
      },
    );
    chunks.set(load, started);
    chunk = started;
  }
  return chunk;
}

function LazyPage({ load }: { load: PageModule }) {
  const Component = use(chunkOf(load) as Promise<ComponentType>);
  return <Component />;
}

/** A route whose component is its own chunk, fetched when an address first needs it. */
export function lazyRoute(load: PageModule): Pick<RouteObject, 'element' | 'handle'> {
  return { element: <LazyPage load={load} />, handle: { load } };
}

/**
 * The routes of the app. Every chunk the address nests (shell, layout, page) is asked for at
 * once, as the data router did, instead of each one only when its parent has rendered.
 *
 * The first paint shows the splash until they are all there, and only then renders the
 * routes: a Suspense boundary would do the same, but React holds back content revealed after
 * its fallback by up to 300 ms, which the login page would wait on every first visit. Later
 * navigations run in a transition (BrowserRouter's default), so a page not fetched yet keeps
 * the current one on screen until it is ready.
 */
export function LazyRoutes({ routes }: { routes: RouteObject[] }) {
  const location = useLocation();
  const needed = (matchRoutes(routes, location) ?? []).flatMap((match) => {
    const handle = match.route.handle as { load?: PageModule } | undefined;
    return handle?.load ? [chunkOf(handle.load)] : [];
  });
  const [started] = useState(() => needed.filter((chunk) => chunk.status !== 'fulfilled'));
  const [ready, setReady] = useState(started.length === 0);
  useEffect(() => {
    if (ready) return;
    // A chunk that fails is rendered anyway: `use` throws its error, as a lazy route's would.
    const settle = () => setReady(true);
    void Promise.all(started).then(settle, settle);
  }, [ready, started]);

  const element = useRoutes(routes, location);
  if (!ready) return <SplashScreen />;
  return <Suspense fallback={<SplashScreen />}>{element}</Suspense>;
}

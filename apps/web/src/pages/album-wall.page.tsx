import { WALL_SOCKET_AUTH_FIELD } from '@discordgym/contracts';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { AlbumAccess } from '../features/albums/api/album-access';
import { WallSlideshow } from '../features/albums/components/wall-slideshow.component';
import { useAlbumsI18n } from '../features/albums/hooks/use-albums-i18n.hook';
import { useAlbum } from '../features/albums/hooks/use-albums.hook';
import { usePageSocket } from '../features/albums/hooks/use-page-socket.hook';
import { useWall } from '../features/albums/hooks/use-wall.hook';
import { useAuthState } from '../lib/auth/auth-session.store';
import { useConnectionStatus } from '../lib/realtime/realtime';
import { useDocumentTitle } from '../lib/use-document-title.hook';

/**
 * The projector's page, outside the app's frame: opened with a wall link
 * (`/albums/:id/wall#token`, no login) or by a signed-in host.
 */
export function AlbumWallPage() {
  const { id = '' } = useParams();
  const { ta } = useAlbumsI18n();
  const auth = useAuthState();
  const [token] = useState(() => decodeURIComponent(window.location.hash.slice(1)));
  const access: AlbumAccess | null = token ? { kind: 'wall', token } : auth.status === 'signed-in' ? { kind: 'member' } : null;
  const ready = access !== null;
  const album = useAlbum(access ?? { kind: 'member' }, ready ? id : undefined);
  usePageSocket(ready, token ? { [WALL_SOCKET_AUTH_FIELD]: token } : {});
  const wall = useWall(id, ready);
  const connection = useConnectionStatus();
  useDocumentTitle(album.data?.title ?? ta('wall.loading'));

  // Keep the projector awake while the wall runs, where the browser allows it.
  useEffect(() => {
    let lock: WakeLockSentinel | null = null;
    void navigator.wakeLock?.request('screen').then((l) => (lock = l), () => undefined);
    return () => void lock?.release();
  }, []);

  if (!ready) {
    return (
      <main id="main" className="flex h-dvh items-center justify-center bg-black px-4 text-center text-xl text-white/80">
        {auth.status === 'restoring' ? ta('wall.loading') : ta('wall.noAccess')}
      </main>
    );
  }
  return (
    <main id="main" data-testid="album-wall" data-synced={wall.synced} className="relative h-dvh overflow-hidden bg-black">
      <WallSlideshow title={album.data?.title ?? ''} photos={wall.photos} latestId={wall.latestId} />
      <div className="absolute top-4 right-4 flex items-center gap-2">
        {connection !== 'connected' && connection !== 'idle' && (
          <span role="status" className="rounded bg-warning px-3 py-1 text-sm font-medium text-black">
            {ta('wall.reconnecting')}
          </span>
        )}
        <button
          type="button"
          onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}
          className="rounded bg-black/60 px-3 py-1 text-sm text-white hover:bg-black/80"
        >
          {ta('wall.fullscreen')}
        </button>
      </div>
    </main>
  );
}

import { Injectable } from '@nestjs/common';
import type { GuestAuthContext, WallAuthContext } from '../../common/request-context';

/** What the albums feature answers for a guest cookie or a wall token: who it is, or null when it no longer works. */
export interface AlbumVisitorVerifier {
  verifyGuestSession(cookieValue: string): Promise<GuestAuthContext | null>;
  verifyWallToken(token: string): Promise<WallAuthContext | null>;
}

/**
 * The AccessGuard's door for callers without an account. Albums registers its verifier here
 * at start-up, so auth does not import albums (the dependency points one way); with nothing
 * registered every guest cookie and wall token is refused.
 */
@Injectable()
export class AlbumVisitors {
  private verifier: AlbumVisitorVerifier | undefined;

  use(verifier: AlbumVisitorVerifier): void {
    this.verifier = verifier;
  }

  verifyGuestSession(cookieValue: string): Promise<GuestAuthContext | null> {
    return this.verifier ? this.verifier.verifyGuestSession(cookieValue) : Promise.resolve(null);
  }

  verifyWallToken(token: string): Promise<WallAuthContext | null> {
    return this.verifier ? this.verifier.verifyWallToken(token) : Promise.resolve(null);
  }
}

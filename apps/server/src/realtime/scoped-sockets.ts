import { Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error';

/**
 * A socket without an account: a guest of one album, or an album's wall. It reaches its one
 * resource only; it has no `auth`, so every event that goes through `SocketEvents.handle`
 * (chat, presence, friends) refuses it, and only `SocketEvents.handleScoped` lets it in.
 */
export interface SocketScope {
  /** Which authenticator made it (e.g. `album-guest`, `album-wall`). */
  kind: string;
  /** The one resource this socket may reach (an album id). */
  resourceId: string;
  /** Who it is within that kind (a guest id, a wall link id): the channel that ends it. */
  subjectId: string;
}

/** What a scoped socket sent in its handshake. */
export interface ScopedHandshake {
  /** The client's `auth` object. */
  auth: Record<string, unknown>;
  /** The request's cookies, parsed (foreign-origin pages are refused before this: see realtime.io-adapter.ts). */
  cookies: Record<string, string>;
}

export interface ScopedAuthenticator {
  /**
   * null when the handshake carries no credential of this kind; throws an AppError when it
   * carries one that is bad. `expiresAt` closes the socket then (ms since epoch).
   */
  fromHandshake(handshake: ScopedHandshake): Promise<{ scope: SocketScope; expiresAt: number } | null>;
  /** Re-checked on every event (a removed guest, a revoked wall link); throws when no longer valid. */
  assertActive(scope: SocketScope): Promise<void>;
}

/**
 * The handshake's second way in, besides the access token: features register an
 * authenticator per kind (the albums module registers guests and walls).
 */
@Injectable()
export class ScopedSockets {
  private readonly authenticators = new Map<string, ScopedAuthenticator>();

  register(kind: string, authenticator: ScopedAuthenticator): void {
    if (this.authenticators.has(kind)) throw new Error(`scoped socket kind ${kind} registered twice`);
    this.authenticators.set(kind, authenticator);
  }

  /** The first authenticator that recognises the handshake, or null when none does. */
  async authenticate(handshake: ScopedHandshake): Promise<{ scope: SocketScope; expiresAt: number } | null> {
    for (const authenticator of this.authenticators.values()) {
      const found = await authenticator.fromHandshake(handshake);
      if (found) return found;
    }
    return null;
  }

  async assertActive(scope: SocketScope): Promise<void> {
    const authenticator = this.authenticators.get(scope.kind);
    if (!authenticator) throw new AppError('UNAUTHENTICATED', 'This kind of socket is not accepted any more');
    await authenticator.assertActive(scope);
  }
}

/** Cookie header → name/value pairs (first wins); values stay as sent (URL-decoded when they can be). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

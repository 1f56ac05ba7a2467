import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';

/** 256 random bits, base64url (43 characters): invite, guest-session and wall tokens. */
export function newAlbumToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps to find a token: its SHA-256, hex. A 256-bit random token needs no salt or slow hash. */
export function hashAlbumToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Seals invite and wall tokens so a host can see (and print as a QR) a link again, while a
 * copy of the database alone lets nobody join: AES-256-GCM under a key derived from
 * JWT_SECRET. Rotating JWT_SECRET makes old links unshowable (they still work by hash).
 */
@Injectable()
export class AlbumTokenSealer {
  private readonly key: Buffer;

  constructor(@Inject(CONFIG) config: Config) {
    this.key = Buffer.from(hkdfSync('sha256', config.JWT_SECRET, 'discordgym-albums', 'album-link-tokens', 32));
  }

  seal(token: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The token, or null when it was sealed under another secret (or tampered with). */
  open(sealed: string, expectedHash: string): string | null {
    if (!sealed.startsWith('v1.')) return null;
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const token = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const same = timingSafeEqual(Buffer.from(hashAlbumToken(token), 'hex'), Buffer.from(expectedHash, 'hex'));
      return same ? token : null;
    } catch {
      return null;
    }
  }
}

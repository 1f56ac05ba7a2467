import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Id } from '@discordgym/contracts';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../../common/app-error';
import { CONFIG } from '../../config/config.module';
import type { Config } from '../../config/env';

const ISSUER = 'discordgym';
const AUDIENCE = 'discordgym-api';
/** Access tokens say what they are; anything else signed with our key is not one. */
const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export interface VerifiedAccess extends AccessClaims {
  /** The token's `exp`, in ms since the epoch. */
  expiresAt: number;
}

@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
  }

  get accessTtlSeconds(): number {
    return this.config.ACCESS_TOKEN_TTL_SECONDS;
  }

  signAccess(claims: AccessClaims): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.ACCESS_TOKEN_TTL_SECONDS}s`)
      .sign(this.key);
  }

  async verifyAccess(token: string): Promise<VerifiedAccess> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'sub', 'sid'],
      });
      // Both ids go into queries: anything but our UUIDs would be a database error, not a 401.
      const userId = Id.safeParse(payload.sub);
      const sessionId = Id.safeParse(payload.sid);
      if (!userId.success || !sessionId.success) throw new AppError('TOKEN_INVALID', 'Invalid access token');
      return { userId: userId.data, sessionId: sessionId.data, expiresAt: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', 'The access token has expired');
      if (error instanceof AppError) throw error;
      throw new AppError('TOKEN_INVALID', 'Invalid access token');
    }
  }

  /** 256 random bits; only its SHA-256 is stored. */
  newRefreshToken(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: TokenService.hashRefresh(token) };
  }

  static hashRefresh(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}

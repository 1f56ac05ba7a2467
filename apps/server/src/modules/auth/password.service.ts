import { Injectable } from '@nestjs/common';
import { dictionary } from '@zxcvbn-ts/language-common';
import { argon2Pool } from './argon2-pool';

/** OWASP's argon2id minimum (m = 19 MiB, t = 2, p = 1). */
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id: a const enum, not importable under isolatedModules */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** Only the entries a user could actually pick (8+ characters), lower-cased. */
  private readonly common = new Set(
    dictionary['passwords-common'].filter((p) => p.length >= 8).map((p) => p.toLowerCase()),
  );
  /** Verified against when the account does not exist, so both answers take as long. */
  private readonly decoyHash = this.hash('decoy-password-for-unknown-accounts');

  isCommon(password: string): boolean {
    return this.common.has(password.toLowerCase());
  }

  hash(password: string): Promise<string> {
    return argon2Pool().run('hash', [password, ARGON2_OPTIONS]);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    const target = passwordHash ?? (await this.decoyHash);
    const ok = await this.verifyHash(target, password).catch(() => false);
    return ok && passwordHash !== undefined;
  }

  /** The argon2id work itself; a test counts these calls to prove the decoy path does it too. */
  protected verifyHash(passwordHash: string, password: string): Promise<boolean> {
    return argon2Pool().run('verify', [passwordHash, password]);
  }
}

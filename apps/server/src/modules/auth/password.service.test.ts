import { describe, expect, it } from 'vitest';
import { PasswordService } from './password.service';

class CountingPasswordService extends PasswordService {
  readonly verified: string[] = [];
  protected override verifyHash(passwordHash: string, password: string): Promise<boolean> {
    this.verified.push(passwordHash);
    return super.verifyHash(passwordHash, password);
  }
}

describe('PasswordService', () => {
  const sut = new CountingPasswordService();

  it('hashes with argon2id at OWASP parameters or stronger', async () => {
    const hash = await sut.hash('a long enough password');
    const [, algorithm, , params] = hash.split('$');
    expect(algorithm).toBe('argon2id');
    const values = Object.fromEntries(params!.split(',').map((p) => p.split('=')));
    expect(Number(values.m)).toBeGreaterThanOrEqual(19_456);
    expect(Number(values.t)).toBeGreaterThanOrEqual(2);
    expect(await sut.verify(hash, 'a long enough password')).toBe(true);
    expect(await sut.verify(hash, 'another password')).toBe(false);
  });

  // Timing equality is a property of the code path, not of a stopwatch: an unknown account
  // must cost one full argon2id verification, exactly like a wrong password.
  it('verifies an unknown account against a decoy hash and still says no', async () => {
    const real = await sut.hash('a long enough password');
    sut.verified.length = 0;
    expect(await sut.verify(real, 'wrong password')).toBe(false);
    expect(await sut.verify(undefined, 'wrong password')).toBe(false);
    expect(await sut.verify(undefined, 'decoy-password-for-unknown-accounts')).toBe(false);
    expect(sut.verified).toHaveLength(3);
    expect(sut.verified[1]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(sut.verified[1]).not.toBe(real);
  });

  it('refuses the most common passwords whatever their case', () => {
    expect(sut.isCommon('password123')).toBe(true);
    expect(sut.isCommon('PASSWORD123')).toBe(true);
    expect(sut.isCommon('lifting 4f2a heavy things')).toBe(false);
  });
});

import { pbkdf2 } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PasswordService } from './password.service';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceOfThreads(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

describe('argon2 off the libuv threadpool', () => {
  const passwords = new PasswordService();

  // pbkdf2 runs on the libuv threadpool, like the WebCrypto HMAC of every JWT: during a
  // login storm it must not queue behind the verifies (the pool is FIFO, 4 threads).
  it('lets threadpool work through while many verifies are in flight', async () => {
    const hash = await passwords.hash('a long enough password');
    let verified = 0;
    const verifies = Array.from({ length: 16 }, () => passwords.verify(hash, 'a long enough password').then((ok) => (verified += ok ? 1 : 0)));
    const verifiedWhenThreadpoolAnswered = await new Promise<number>((resolve, reject) =>
      pbkdf2('x', 'salt', 1, 32, 'sha256', (error) => (error ? reject(error) : resolve(verified))),
    );
    await Promise.all(verifies);
    expect(verified).toBe(16);
    expect(verifiedWhenThreadpoolAnswered).toBeLessThan(8);
  });

  it('hashes on threads below the event loop in CPU priority, the event loop itself untouched', async () => {
    expect(await passwords.verify(await passwords.hash('a long enough password'), 'a long enough password')).toBe(true);
    const nice = niceOfThreads();
    expect(nice.get(process.pid)).toBe(0);
    expect([...nice.values()].filter((n) => n === 10).length).toBeGreaterThanOrEqual(1);
  });
});

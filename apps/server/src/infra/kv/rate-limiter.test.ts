import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/app-error';
import { toErrorResponse } from '../../common/error-response';
import { MemoryKvStore } from './memory-kv-store';
import { RateLimiter } from './rate-limiter';

function setup() {
  let now = 5_000_000;
  const kv = new MemoryKvStore(() => now);
  return { sut: new RateLimiter(kv), kv, advance: (ms: number) => (now += ms) };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail('expected RATE_LIMITED'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const limit = { max: 3, windowSeconds: 60 };

describe('RateLimiter', () => {
  it('lets max hits through, then refuses with RATE_LIMITED', async () => {
    const { sut } = setup();
    for (let i = 0; i < 3; i++) await sut.consume('login-ip', '10.0.0.1', limit);
    const error = await rejection(sut.consume('login-ip', '10.0.0.1', limit));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.status).toBe(429);
  });

  it('keeps refusing until the window ends, then lets max hits through again', async () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 3; i++) await sut.consume('b', 's', limit);
    advance(59_999);
    await rejection(sut.consume('b', 's', limit));
    advance(1);
    for (let i = 0; i < 3; i++) await sut.consume('b', 's', limit);
    await rejection(sut.consume('b', 's', limit));
  });

  it('says when to retry: whole seconds to the end of the window, in a header and in details', async () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 3; i++) await sut.consume('b', 's', limit);
    advance(10_500); // 49.5 s left
    const error = await rejection(sut.consume('b', 's', limit));
    expect(error.headers).toEqual({ 'retry-after': '50' });
    expect(error.details).toEqual({ retry_after: 50 });
    const response = toErrorResponse(error);
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('50');
    expect(response.body.error.code).toBe('RATE_LIMITED');
  });

  it('never says to retry in less than one second', async () => {
    const { sut, advance } = setup();
    for (let i = 0; i < 3; i++) await sut.consume('b', 's', limit);
    advance(59_990); // 10 ms left
    const error = await rejection(sut.consume('b', 's', limit));
    expect(error.headers).toEqual({ 'retry-after': '1' });
  });

  it('counts each bucket and subject on its own', async () => {
    const { sut } = setup();
    for (let i = 0; i < 3; i++) await sut.consume('login-ip', 'a', limit);
    await sut.consume('login-ip', 'b', limit);
    await sut.consume('register-ip', 'a', limit);
    await rejection(sut.consume('login-ip', 'a', limit));
  });

  it('forgets a subject on reset, and only that subject', async () => {
    const { sut } = setup();
    for (let i = 0; i < 3; i++) {
      await sut.consume('login-account', 'alice', limit);
      await sut.consume('login-account', 'bob', limit);
    }
    await sut.reset('login-account', 'alice');
    for (let i = 0; i < 3; i++) await sut.consume('login-account', 'alice', limit);
    await rejection(sut.consume('login-account', 'alice', limit));
    await rejection(sut.consume('login-account', 'bob', limit));
  });

  it('keeps its counters under rl:<bucket>:<subject> in the store', async () => {
    const { sut, kv } = setup();
    await sut.consume('api-user', 'u1', limit);
    await sut.consume('api-user', 'u1', limit);
    expect(await kv.get('rl:api-user:u1')).toBe('2');
  });
});

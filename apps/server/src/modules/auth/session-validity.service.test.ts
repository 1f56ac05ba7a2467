import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../common/app-error';
import type { Config } from '../../config/env';
import { MemoryKvStore } from '../../infra/kv/memory-kv-store';
import type { RealtimeEmitter } from '../../realtime/realtime-emitter';
import type { AuthRepository, SessionRow } from './auth.repository';
import { SessionValidityService } from './session-validity.service';

const USER = '01900000-0000-7000-8000-000000000001';
const SESSION = '01900000-0000-7000-8000-0000000000aa';

function session(overrides: Partial<SessionRow> = {}): SessionRow {
  return {
    id: SESSION,
    userId: USER,
    userAgent: 'test',
    ip: '127.0.0.1',
    createdAt: new Date(),
    lastUsedAt: new Date(),
    expiresAt: new Date(Date.now() + 86_400_000),
    revokedAt: null,
    revokedReason: null,
    ...overrides,
  };
}

function setup(...args: [row: SessionRow | undefined] | []) {
  const row = args.length ? args[0] : session();
  const kv = new MemoryKvStore();
  let role = 'member';
  const repository = {
    findSessionWithRole: vi.fn(async (): Promise<{ session: SessionRow; role: string } | undefined> => (row ? { session: row, role } : undefined)),
    touchSession: vi.fn(async (): Promise<void> => undefined),
  };
  const config = { ACCESS_TOKEN_TTL_SECONDS: 900 } as Config;
  const emitter = { endSessions: vi.fn() };
  const sut = new SessionValidityService(kv, repository as unknown as AuthRepository, emitter as unknown as RealtimeEmitter, config);
  return { sut, kv, repository, emitter, setRole: (next: string) => (role = next) };
}

async function expectRevoked(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('SESSION_REVOKED');
}

describe('SessionValidityService', () => {
  it('accepts a live session and then answers from the cache', async () => {
    const { sut, repository } = setup();
    await sut.assertActive(USER, SESSION);
    await sut.assertActive(USER, SESSION);
    await sut.assertActive(USER, SESSION);
    expect(repository.findSessionWithRole).toHaveBeenCalledTimes(1);
  });

  it('refuses a session revoked after it was cached, without asking the database', async () => {
    const { sut, repository } = setup();
    await sut.assertActive(USER, SESSION);
    await sut.markRevoked(SESSION);
    await expectRevoked(sut.assertActive(USER, SESSION));
    expect(repository.findSessionWithRole).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a revoked', session({ revokedAt: new Date() })],
    ['an expired', session({ expiresAt: new Date(Date.now() - 1) })],
    ['an unknown', undefined],
  ])('refuses %s session and remembers it', async (_, row) => {
    const { sut, repository } = setup(row);
    await expectRevoked(sut.assertActive(USER, SESSION));
    await expectRevoked(sut.assertActive(USER, SESSION));
    expect(repository.findSessionWithRole).toHaveBeenCalledTimes(1);
  });

  it('keeps a revocation that lands between its database read and its cache write', async () => {
    // Instance B reads the session as live; instance A revokes it and writes "revoked"
    // before B caches its (now stale) answer. B must not overwrite the revocation.
    const { sut, repository } = setup();
    repository.findSessionWithRole.mockImplementationOnce(async () => {
      const live = session();
      await sut.markRevoked(SESSION); // what instance A does meanwhile
      return { session: live, role: 'member' };
    });
    await sut.assertActive(USER, SESSION); // B's in-flight request was admitted before the revoke
    await expectRevoked(sut.assertActive(USER, SESSION));
  });

  it('answers the role with the session, from the cache, and reads it afresh once forgotten', async () => {
    const { sut, repository, setRole } = setup();
    expect(await sut.assertActive(USER, SESSION)).toEqual({ role: 'member' });
    setRole('moderator');
    expect(await sut.assertActive(USER, SESSION)).toEqual({ role: 'member' });
    await sut.forget([SESSION]);
    expect(await sut.assertActive(USER, SESSION)).toEqual({ role: 'moderator' });
    expect(repository.findSessionWithRole).toHaveBeenCalledTimes(2);
  });

  it('revokes ended sessions in the cache and closes their sockets through the emitter', async () => {
    const { sut, emitter } = setup();
    await sut.assertActive(USER, SESSION);
    await sut.ended([SESSION], { reason: 'signed_out', message: 'bye' });
    await expectRevoked(sut.assertActive(USER, SESSION));
    expect(emitter.endSessions).toHaveBeenCalledWith([SESSION], { reason: 'signed_out', message: 'bye' });
  });

  it('records "last used" at most once a minute', async () => {
    const { sut, repository } = setup();
    for (let i = 0; i < 5; i++) await sut.assertActive(USER, SESSION);
    expect(repository.touchSession).toHaveBeenCalledTimes(1);
    expect(repository.touchSession).toHaveBeenCalledWith(SESSION, expect.any(Date));
  });

  it('refuses a token naming another user\'s session without signing that session out', async () => {
    const { sut } = setup();
    const stranger = '01900000-0000-7000-8000-0000000000ff';
    const error = await sut.assertActive(stranger, SESSION).then(() => undefined, (e: unknown) => e);
    expect((error as AppError).code).toBe('TOKEN_INVALID');
    // The real owner is unaffected.
    await sut.assertActive(USER, SESSION);
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/api-client';
import { buildServer, runInPty, runPiped } from '../../test/cli-runner';
import { expectError } from '../../test/expect-error';
import { registerUser } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/harness';
import { connectSocket } from '../../test/sockets';
import { auditLog, users } from '../infra/db/schema';
import { adminSocketPaths } from '../modules/admin/admin-socket.paths';

/**
 * Issue 8 D: the admin CLI (`npm run admin`), built as in production and typed at through a
 * real pseudo-terminal. Embedded mode, both ways: with no server (the CLI opens the data
 * folder itself, under its lock) and with the server running (over its admin socket, the
 * folder never opened a second time).
 */
describe('admin CLI (embedded)', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dg-cli-'));
    dirs.push(dir);
    return dir;
  };
  const login = (api: ApiClient, email: string, password: string) => api.post('/api/auth/login', { email, password });

  beforeAll(async () => {
    await buildServer();
  }, 180_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('create-admin asks on the terminal with hidden input, asks again after a mismatch, and the admin can log in', async () => {
    const dir = dataDir();
    const run = await runInPty(['create-admin'], { DATA_DIR: dir }, [
      ['Email: ', 'root@example.test'],
      ['Username: ', 'rootadmin'],
      ['Password: ', 'first-Try-hunter2-long'],
      ['Repeat password: ', 'typo-Try-hunter2-long'],
      ['Password: ', 'short'],
      ['Password: ', 'the-real-Secret-4711'],
      ['Repeat password: ', 'the-real-Secret-4711'],
    ]);
    expect(run.code, run.output + run.stderr).toBe(0);
    // What was typed visibly is on the screen; no password is, not even one character of it.
    expect(run.output).toContain('root@example.test');
    expect(run.output).toContain('rootadmin');
    for (const secret of ['first-Try', 'typo-Try', 'short', 'the-real-Secret', 'hunter2', '4711']) expect(run.output).not.toContain(secret);
    expect(run.output).toContain('The passwords do not match. Try again.');
    expect(run.output).toContain('The password must be 8 to 128 characters. Try again.');
    expect(run.output).toMatch(/Created admin rootadmin#\d{4} \(root@example\.test\)/);

    // The CLI let go of the folder: a server opens it, and the admin signs in with the password typed last.
    const sut = await startTestServer({ DATA_DIR: dir });
    try {
      const api = new ApiClient(sut.url);
      const signedIn = await login(api, 'root@example.test', 'the-real-Secret-4711');
      expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
      expect(signedIn.body.user.role).toBe('admin');
      expectError(await login(api, 'root@example.test', 'first-Try-hunter2-long'), 401, 'INVALID_CREDENTIALS');
      const [entry] = await sut.server.infra.database.db.select().from(auditLog).where(eq(auditLog.action, 'user.created'));
      expect(entry).toMatchObject({ actorId: null, targetUserId: signedIn.body.user.id, details: { role: 'admin', via: 'cli' } });
    } finally {
      await sut.close();
    }
  }, 240_000);

  it('refuses to ask without a terminal; --password-stdin creates the admin for scripts (npm run admin)', async () => {
    const dir = dataDir();
    const refused = await runPiped(['create-admin'], { DATA_DIR: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--password-stdin');
    const incomplete = await runPiped(['create-admin', '--password-stdin', '--email', 'ci@example.test'], { DATA_DIR: dir }, 'a-scripted-password\n');
    expect(incomplete.code).toBe(2);
    const tooShort = await runPiped(['create-admin', '--email', 'ci@example.test', '--username', 'ci_admin', '--password-stdin'], { DATA_DIR: dir }, 'short\n');
    expect(tooShort.code).toBe(1);
    expect(tooShort.stderr).toMatch(/password/i);
    const common = await runPiped(['create-admin', '--email', 'ci@example.test', '--username', 'ci_admin', '--password-stdin'], { DATA_DIR: dir }, 'password123\n');
    expect(common.code, common.stderr).toBe(1);
    expect(common.stderr).toContain('PASSWORD_TOO_COMMON');

    const made = await runPiped(['run', '-s', 'admin', '--', 'create-admin', '--email', 'ci@example.test', '--username', 'ci_admin', '--password-stdin'], { DATA_DIR: dir }, 'a-scripted-password\n', ['npm']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.output).toMatch(/Created admin ci_admin#\d{4}/);
    expect(made.output).not.toContain('a-scripted-password');
    const again = await runPiped(['create-admin', '--email', 'ci@example.test', '--username', 'ci_admin', '--password-stdin'], { DATA_DIR: dir }, 'a-scripted-password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('EMAIL_TAKEN');

    const sut = await startTestServer({ DATA_DIR: dir });
    try {
      const signedIn = await login(new ApiClient(sut.url), 'ci@example.test', 'a-scripted-password');
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user.role).toBe('admin');
      expect(await sut.server.infra.database.db.select({ id: users.id }).from(users)).toHaveLength(1);
    } finally {
      await sut.close();
    }
  }, 300_000);

  describe('with the embedded server running on the same data folder', () => {
    let dir: string;
    let sut: TestServer;
    let api: ApiClient;
    beforeAll(async () => {
      dir = dataDir();
      sut = await startTestServer({ DATA_DIR: dir });
      api = new ApiClient(sut.url);
    });
    afterAll(() => sut?.close());

    it('listens for the CLI on an owner-only socket, with a token only the owner can read', () => {
      const paths = adminSocketPaths(dir);
      expect(statSync(paths.dir).mode & 0o777).toBe(0o700);
      expect(statSync(paths.token).mode & 0o777).toBe(0o600);
      expect(statSync(paths.socket).isSocket()).toBe(true);
      expect(statSync(paths.socket).mode & 0o777).toBe(0o600);
    });

    it('create-admin, promote, ban and reset-password go through the running server, which applies them at once', async () => {
      // The server holds PGlite: these can only succeed over its socket (opening the folder would wait and fail).
      const created = await runInPty(['create-admin', '--email', 'live@example.test'], { DATA_DIR: dir }, [
        ['Username: ', 'liveadmin'],
        ['Password: ', 'live-Admin-pass-1'],
        ['Repeat password: ', 'live-Admin-pass-1'],
      ]);
      expect(created.code, created.output + created.stderr).toBe(0);
      expect(created.output).not.toContain('live-Admin-pass-1');
      expect((await login(api, 'live@example.test', 'live-Admin-pass-1')).body.user?.role).toBe('admin');

      const member = await registerUser(api);
      const handle = member.auth.user.handle;
      const promoted = await runPiped(['promote', handle, 'moderator'], { DATA_DIR: dir });
      expect(promoted.code, promoted.stderr).toBe(0);
      expect(promoted.output).toContain(`${handle} is now moderator`);
      // The member's current token carries the new role on its very next request.
      expect((await api.get('/api/auth/me', { token: member.auth.token })).body.role).toBe('moderator');
      expect((await api.get('/api/admin/users', { token: member.auth.token })).status).toBe(200);
      expect((await runPiped(['promote', handle, 'member'], { DATA_DIR: dir })).code).toBe(0);
      expect((await runPiped(['promote', handle, 'emperor'], { DATA_DIR: dir })).code).toBe(2);

      const socket = await connectSocket(sut.url, member.auth.token);
      const ended = new Promise<unknown>((resolve) => socket.once('session-ended', resolve));
      const banned = await runPiped(['ban', handle, '--reason', 'spam bot', '--until', '2099-01-01T00:00:00.000Z'], { DATA_DIR: dir });
      expect(banned.code, banned.stderr).toBe(0);
      expect(banned.output).toContain(`Banned ${handle} until 2099-01-01T00:00:00.000Z: spam bot`);
      expect(await ended).toEqual({ reason: 'banned', message: expect.any(String), banned_until: '2099-01-01T00:00:00.000Z', ban_reason: 'spam bot' });
      const refused = await login(api, member.email, member.password);
      expectError(refused, 403, 'ACCOUNT_BANNED');
      expect(refused.body.error.details).toEqual({ banned_until: '2099-01-01T00:00:00.000Z', reason: 'spam bot' });
      expect((await runPiped(['ban', handle], { DATA_DIR: dir })).code).toBe(2);
      expect((await runPiped(['unban', handle], { DATA_DIR: dir })).code).toBe(0);

      const reset = await runInPty(['reset-password', handle], { DATA_DIR: dir }, [
        ['Password: ', 'brand-New-pass-77'],
        ['Repeat password: ', 'brand-New-pass-77'],
      ]);
      expect(reset.code, reset.output + reset.stderr).toBe(0);
      expect(reset.output).not.toContain('brand-New-pass-77');
      expectError(await login(api, member.email, member.password), 401, 'INVALID_CREDENTIALS');
      expect((await login(api, member.email, 'brand-New-pass-77')).status).toBe(200);

      const missing = await runPiped(['promote', 'nobody#0000', 'admin'], { DATA_DIR: dir });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('NOT_FOUND');
      const actions = (await sut.server.infra.database.db.select().from(auditLog)).filter((e) => (e.details as { via?: string }).via === 'cli').map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['user.created', 'user.role_changed', 'user.banned', 'user.unbanned', 'user.password_reset']));
    }, 240_000);
  });
});

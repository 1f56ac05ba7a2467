import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateVAPIDKeys } from 'web-push';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/env';
import { PushEndpointPolicy } from './push-endpoint-policy';
import { DEFAULT_VAPID_SUBJECT, PushKeys, VAPID_FILE } from './push-keys';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dg-vapid-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('VAPID keys', () => {
  it('embedded: generated once into DATA_DIR/vapid.json with mode 0600, and the same pair on the next start', () => {
    const dir = path.join(scratch(), 'data');
    const first = new PushKeys(loadConfig({ DATA_DIR: dir }));
    const file = path.join(dir, VAPID_FILE);
    expect(first.enabled).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ publicKey: first.details!.publicKey, privateKey: first.details!.privateKey });
    expect(Buffer.from(first.publicKey!, 'base64url')).toHaveLength(65);
    expect(first.details!.subject).toBe(DEFAULT_VAPID_SUBJECT);

    const second = new PushKeys(loadConfig({ DATA_DIR: dir }));
    expect(second.details).toEqual(first.details);
  });

  it('embedded: a key file others can read is tightened to 0600; a broken one stops the start', () => {
    const dir = scratch();
    const file = path.join(dir, VAPID_FILE);
    const pair = generateVAPIDKeys();
    writeFileSync(file, JSON.stringify(pair));
    chmodSync(file, 0o644);
    expect(new PushKeys(loadConfig({ DATA_DIR: dir })).publicKey).toBe(pair.publicKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    writeFileSync(file, '{"publicKey": 1}');
    expect(() => new PushKeys(loadConfig({ DATA_DIR: dir }))).toThrow(/not a VAPID key file/);
  });

  it('memory:// keeps a fresh pair in memory and writes nothing', () => {
    const a = new PushKeys(loadConfig({ DATA_DIR: 'memory://' }));
    const b = new PushKeys(loadConfig({ DATA_DIR: 'memory://' }));
    expect(a.enabled && b.enabled).toBe(true);
    expect(a.publicKey).not.toBe(b.publicKey);
  });

  it('the environment wins in either mode; cluster mode without it runs with push off', () => {
    const pair = generateVAPIDKeys();
    const env = { VAPID_PUBLIC_KEY: pair.publicKey, VAPID_PRIVATE_KEY: pair.privateKey, VAPID_SUBJECT: 'https://gym.example.com/contact' };
    const dir = scratch();
    expect(new PushKeys(loadConfig({ DATA_DIR: dir, ...env })).details).toEqual({ subject: env.VAPID_SUBJECT, ...pair });
    expect(() => statSync(path.join(dir, VAPID_FILE))).toThrow();
    const cluster = { DATABASE_URL: 'postgres://u:p@db:5432/dg', REDIS_URL: 'redis://cache:6379' };
    expect(new PushKeys(loadConfig({ ...cluster, ...env })).publicKey).toBe(pair.publicKey);
    const off = new PushKeys(loadConfig(cluster));
    expect(off.enabled).toBe(false);
    expect(off.publicKey).toBeNull();
  });

  it('refuses one key without the other and keys that are not VAPID keys, listing each problem', () => {
    const pair = generateVAPIDKeys();
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: pair.publicKey })).toThrow(/VAPID_PRIVATE_KEY: is required/);
    expect(() => loadConfig({ VAPID_PRIVATE_KEY: pair.privateKey })).toThrow(/VAPID_PUBLIC_KEY: is required/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: pair.privateKey, VAPID_PRIVATE_KEY: pair.publicKey })).toThrow(/VAPID_PUBLIC_KEY: must be a base64url VAPID key of 65 bytes[\s\S]*VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ VAPID_SUBJECT: 'admin@example.com' })).toThrow(/VAPID_SUBJECT/);
  });
});

describe('push endpoint policy (SSRF)', () => {
  const policy = (env: Record<string, string> = {}) => new PushEndpointPolicy(loadConfig(env));

  it('by default, only the browsers\' push services over https on the default port', () => {
    const sut = policy();
    for (const ok of [
      'https://fcm.googleapis.com/fcm/send/abc',
      'https://updates.push.services.mozilla.com/wpush/v2/abc',
      'https://wns2-par02p.notify.windows.com/w/?token=abc',
      'https://web.push.apple.com/QGx',
    ]) {
      expect(sut.refusal(ok), ok).toBeNull();
    }
    for (const bad of [
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://fcm.googleapis.com:444/fcm/send/abc',
      'https://fcm.googleapis.com.evil.test/x',
      'https://notify.windows.com.evil.test/x',
      'https://evilnotify.windows.com/x',
      'https://a:b@fcm.googleapis.com/x',
      'https://127.0.0.1/x',
      'http://127.0.0.1:9/x',
      'https://[::1]/x',
      'https://10.1.2.3/x',
      'https://metadata.google.internal/x',
      'gopher://fcm.googleapis.com/x',
      'no url',
    ]) {
      expect(sut.refusal(bad), bad).not.toBeNull();
    }
  });

  it('a listed loopback host over http outside production only (the tests\' local push service)', () => {
    expect(policy({ PUSH_ENDPOINT_HOSTS: '127.0.0.1', NODE_ENV: 'test' }).refusal('http://127.0.0.1:4321/p')).toBeNull();
    expect(policy({ PUSH_ENDPOINT_HOSTS: '127.0.0.1', NODE_ENV: 'test' }).refusal('http://localhost:4321/p')).not.toBeNull();
    const production = policy({ PUSH_ENDPOINT_HOSTS: '127.0.0.1', NODE_ENV: 'production', JWT_SECRET: 'k3J9vQ2xL8mN4pR7tW1yZ6bC5dF0gH2j' });
    expect(production.refusal('http://127.0.0.1:4321/p')).not.toBeNull();
    expect(production.refusal('https://127.0.0.1/p')).not.toBeNull();
  });

  it('`*` allows any public host name over https, never an IP literal, a single label or an internal name', () => {
    const sut = policy({ PUSH_ENDPOINT_HOSTS: '*' });
    expect(sut.refusal('https://ntfy.example.org/up123')).toBeNull();
    for (const bad of ['https://192.168.1.1/x', 'https://[fd00::1]/x', 'https://intranet/x', 'https://printer.local/x', 'https://db.internal/x', 'http://ntfy.example.org/x']) {
      expect(sut.refusal(bad), bad).not.toBeNull();
    }
  });
});

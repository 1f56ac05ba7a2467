import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, EXAMPLE_SECRETS, loadConfig } from './env';

const STRONG_SECRET = 'k3J9vQ2xL8mN4pR7tW1yZ6bC5dF0gH2j'; // 32 characters, not an example

/** loadConfig's problems, or a failure when it accepted the env. */
function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return expect.fail(`accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with no environment at all, in the embedded mode with the documented defaults', () => {
    const sut = loadConfig({});
    expect(sut).toMatchObject({
      NODE_ENV: 'development',
      HOST: '0.0.0.0',
      PORT: 3000,
      LOG_LEVEL: 'info',
      DATA_DIR: './data',
      DATABASE_POOL_MAX: 10,
      REDIS_KEY_PREFIX: 'dg:',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      REFRESH_TOKEN_TTL_DAYS: 30,
      REFRESH_REUSE_GRACE_SECONDS: 30,
      CORS_ORIGINS: [],
      COOKIE_SECURE: 'auto',
      TRUST_PROXY: false,
      BODY_LIMIT_BYTES: 262_144,
      RATE_LIMIT_LOGIN_PER_IP: 20,
      RATE_LIMIT_LOGIN_PER_ACCOUNT: 10,
      RATE_LIMIT_LOGIN_WINDOW_SECONDS: 900,
      RATE_LIMIT_REGISTER_PER_IP: 10,
      RATE_LIMIT_REGISTER_WINDOW_SECONDS: 3600,
      RATE_LIMIT_API_PER_USER: 600,
      RATE_LIMIT_API_WINDOW_SECONDS: 60,
      SHUTDOWN_GRACE_MS: 10_000,
      embedded: { database: true, redis: true },
    });
    expect(sut.DATABASE_URL).toBeUndefined();
    expect(sut.REDIS_URL).toBeUndefined();
    // Development gets a fixed secret so sessions survive a restart; it is long enough to sign with.
    expect(sut.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it('treats empty strings as unset, as dotenv files write them', () => {
    const sut = loadConfig({ PORT: '', DATABASE_URL: '', REDIS_URL: '', NODE_ENV: '' });
    expect(sut.PORT).toBe(3000);
    expect(sut.NODE_ENV).toBe('development');
    expect(sut.embedded).toEqual({ database: true, redis: true });
  });

  it('converts strings to numbers, booleans and lists', () => {
    const sut = loadConfig({ PORT: '8080', TRUST_PROXY: '1', CORS_ORIGINS: 'https://a.example, https://b.example,,', RATE_LIMIT_API_PER_USER: '5' });
    expect(sut.PORT).toBe(8080);
    expect(sut.TRUST_PROXY).toBe(true);
    expect(sut.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(sut.RATE_LIMIT_API_PER_USER).toBe(5);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('ignores variables it does not know (the process environment has many)', () => {
    expect(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' })).not.toThrow();
  });

  it('reports every problem at once in one ConfigError', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      DATABASE_URL: 'mysql://db:3306/app',
      REDIS_URL: 'http://cache:6379',
      TRUST_PROXY: 'yes',
      RATE_LIMIT_LOGIN_PER_IP: '0',
      // JWT_SECRET missing: must be listed although other variables failed too.
    });
    const variables = problems.map((p) => p.split(':')[0]).sort();
    expect(variables).toEqual(['DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL', 'PORT', 'RATE_LIMIT_LOGIN_PER_IP', 'REDIS_URL', 'TRUST_PROXY']);
  });

  it('puts every problem into the error message, one per line', () => {
    const env = { PORT: '70000', LOG_LEVEL: 'loud' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toMatch(/^Invalid configuration:\n/);
      expect(message).toMatch(/^ {2}- PORT: .+$/m);
      expect(message).toMatch(/^ {2}- LOG_LEVEL: .+$/m);
    }
  });

  it('never echoes a value back: URLs and secrets carry passwords', () => {
    const problems = problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'hunter2-hunter2', DATABASE_URL: 'mysql://admin:s3cr3t-pw@db/app' });
    const text = problems.join('\n');
    expect(problems).toHaveLength(2);
    expect(text).not.toContain('s3cr3t-pw');
    expect(text).not.toContain('hunter2');
  });

  describe('JWT_SECRET with NODE_ENV=production', () => {
    it('is required', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^JWT_SECRET: .*required/)]);
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: '' })).toEqual([expect.stringMatching(/^JWT_SECRET: .*required/)]);
    });

    it('must be at least 32 characters, not counting surrounding blanks', () => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET.slice(0, 31) })).toEqual([
        expect.stringMatching(/^JWT_SECRET: .*32/),
      ]);
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: ' '.repeat(40) })).toEqual([expect.stringMatching(/^JWT_SECRET: /)]);
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: `  ${STRONG_SECRET.slice(0, 20)}           ` })).toEqual([
        expect.stringMatching(/^JWT_SECRET: /),
      ]);
    });

    it.each([...EXAMPLE_SECRETS])('refuses the example value %j', (secret) => {
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: secret })).toEqual([expect.stringMatching(/^JWT_SECRET: /)]);
      expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: ` ${secret}\n` })).toEqual([expect.stringMatching(/^JWT_SECRET: /)]);
    });

    it('names an example value as such, even when it is long enough', () => {
      const longExamples = [...EXAMPLE_SECRETS].filter((s) => s.length >= 32);
      expect(longExamples.length).toBeGreaterThan(0);
      for (const secret of longExamples) {
        expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: secret })).toEqual([expect.stringMatching(/^JWT_SECRET: .*example/)]);
      }
    });

    it('accepts 32 or more characters of your own', () => {
      const sut = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG_SECRET });
      expect(sut.JWT_SECRET).toBe(STRONG_SECRET);
      expect(sut.NODE_ENV).toBe('production');
    });

    it('is only enforced in production', () => {
      expect(loadConfig({ NODE_ENV: 'development', JWT_SECRET: 'short' }).JWT_SECRET).toBe('short');
      expect(loadConfig({ NODE_ENV: 'test' }).JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    });
  });

  describe('service URLs', () => {
    it.each(['postgres://u:p@db.internal:5432/app', 'postgresql://db/app', 'postgres:///app?host=/var/run/postgresql'])(
      'accepts DATABASE_URL %s and leaves the embedded database',
      (url) => {
        const sut = loadConfig({ DATABASE_URL: url });
        expect(sut.DATABASE_URL).toBe(url);
        expect(sut.embedded).toEqual({ database: false, redis: true });
      },
    );

    it.each(['mysql://db:3306/app', 'http://db/app', 'not a url', 'postgres:app', 'db.internal:5432'])('refuses DATABASE_URL %j', (url) => {
      expect(problemsOf({ DATABASE_URL: url })).toEqual([expect.stringMatching(/^DATABASE_URL: /)]);
    });

    it.each(['redis://cache:6379', 'rediss://user:pw@cache.example:6380/2'])('accepts REDIS_URL %s and leaves the in-process store', (url) => {
      const sut = loadConfig({ REDIS_URL: url });
      expect(sut.REDIS_URL).toBe(url);
      expect(sut.embedded).toEqual({ database: true, redis: false });
    });

    it.each(['http://cache:6379', 'localhost:6379', 'redis:cache', 'valkey://cache'])('refuses REDIS_URL %j', (url) => {
      expect(problemsOf({ REDIS_URL: url })).toEqual([expect.stringMatching(/^REDIS_URL: /)]);
    });
  });
});

describe('.env.example', () => {
  const file = readFileSync(path.resolve(__dirname, '../../../../.env.example'), 'utf8');
  const lines = file.split('\n');
  /** `KEY=value` or `# KEY=value`, with the index of the line. */
  const entries = lines.flatMap((line, index) => {
    const match = /^#? ?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    return match ? [{ key: match[1]!, value: match[2]!, index }] : [];
  });
  const schemaKeys = Object.keys(EnvSchema.shape).sort();

  it('lists exactly the variables of EnvSchema, each once', () => {
    expect(entries.map((e) => e.key).sort()).toEqual(schemaKeys);
  });

  it('explains each variable in a comment on the line above', () => {
    for (const { key, index } of entries) {
      const above = lines[index - 1] ?? '';
      expect(above, key).toMatch(/^# \S/);
      expect(/^# ?[A-Z][A-Z0-9_]*=/.test(above), `${key} has no comment of its own`).toBe(false);
    }
  });

  it('shows each variable with a value the server accepts, its default where it has one', () => {
    const defaults = loadConfig({});
    const shown = Object.fromEntries(entries.map((e) => [e.key, e.value]));
    const parsed = loadConfig(shown);
    for (const key of schemaKeys) {
      if (key === 'JWT_SECRET' || defaults[key as keyof typeof defaults] === undefined) continue;
      expect(parsed[key as keyof typeof parsed], key).toEqual(defaults[key as keyof typeof defaults]);
    }
  });

  it('shows an example JWT_SECRET that production refuses', () => {
    const secret = entries.find((e) => e.key === 'JWT_SECRET')?.value ?? '';
    expect(EXAMPLE_SECRETS.has(secret)).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(ConfigError);
  });
});

describe('object storage configuration', () => {
  const s3 = { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'discordgym', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' };

  it('uses the disk without S3_ENDPOINT, S3 with a complete set', () => {
    expect(loadConfig({}).S3_ENDPOINT).toBeUndefined();
    expect(loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'true' })).toMatchObject({ ...s3, S3_REGION: 'us-east-1', S3_FORCE_PATH_STYLE: true });
  });

  it('names every missing piece of an S3 configuration at once, with the other problems', () => {
    const problems = problemsOf({ S3_ENDPOINT: 'http://127.0.0.1:9000', PORT: 'eighty' });
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'PORT']) expect(problems.some((p) => p.startsWith(`${name}: `)), name).toBe(true);
  });

  it('refuses S3 settings without S3_ENDPOINT (they would silently mean disk), a bad endpoint, bucket or region', () => {
    expect(problemsOf({ S3_BUCKET: 'discordgym' })).toEqual([expect.stringMatching(/^S3_BUCKET: is set but S3_ENDPOINT is not/)]);
    const problems = problemsOf({ ...s3, S3_ENDPOINT: 'minio:9000', S3_BUCKET: 'Not_A_Bucket', S3_REGION: 'EU West' });
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION']) expect(problems.some((p) => p.startsWith(`${name}: `)), name).toBe(true);
    expect(problems.join('\n')).not.toContain('secret');
  });
});

import { z } from 'zod';
import { CHAT_ATTACHMENT_BYTES_MAX } from '@discordgym/contracts';

/** Secrets that appear in docs and `.env.example`: refused in production whatever their length. */
export const EXAMPLE_SECRETS: ReadonlySet<string> = new Set([
  'change-me',
  'changeme',
  'secret',
  'dev-secret-change-me-dev-secret-change-me',
  'replace-with-at-least-32-random-characters',
]);

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const positiveInt = z.coerce.number().int().positive();
/**
 * A service URL with one of the given schemes and an authority part (`scheme://…`):
 * `postgres:x` parses as a URL but would silently connect to the driver's defaults.
 * One message per variable, and never the value itself (it may carry a password).
 */
const serviceUrl = (schemes: readonly string[], example: string) =>
  z.string().refine(
    (value) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && URL.canParse(value) && schemes.includes(new URL(value).protocol.slice(0, -1)),
    { message: `must be a ${schemes.join(' or ')} URL like ${example}` },
  );
const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** A VAPID key as `web-push generate-vapid-keys` prints it: base64url of `bytes` bytes. */
const vapidKey = (bytes: number) =>
  z.string().refine((v) => /^[A-Za-z0-9_-]+$/.test(v) && Buffer.from(v, 'base64url').length === bytes, {
    message: `must be a base64url VAPID key of ${bytes} bytes (npx web-push generate-vapid-keys)`,
  });

/**
 * The push services of today's browsers (Chrome and most Chromium browsers, Firefox, Edge,
 * Safari). A subscription to any other host is refused: the server would otherwise POST
 * to whatever URL a client names (SSRF). A leading dot matches every subdomain.
 */
export const DEFAULT_PUSH_ENDPOINT_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  '.notify.windows.com',
  '.push.apple.com',
];

/**
 * Every environment variable the server reads, parsed once at boot. README's
 * configuration table and `.env.example` list the same names (a test keeps them in step).
 */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    INSTANCE_ID: z.string().max(64).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: serviceUrl(['postgres', 'postgresql'], 'postgres://user:password@host:5432/database').optional(),
    DATABASE_POOL_MAX: positiveInt.default(10),
    REDIS_URL: serviceUrl(['redis', 'rediss'], 'redis://host:6379').optional(),
    REDIS_KEY_PREFIX: z.string().max(64).default('dg:'),
    /** Cluster job queue: a running job's lock, and how often workers look for jobs of a dead instance (every instance the same). */
    JOB_LOCK_SECONDS: positiveInt.default(30),
    JWT_SECRET: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    REFRESH_TOKEN_TTL_DAYS: positiveInt.default(30),
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
    CORS_ORIGINS: csv.default([]),
    COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
    TRUST_PROXY: bool.default(false),
    BODY_LIMIT_BYTES: positiveInt.default(256 * 1024),
    RATE_LIMIT_LOGIN_PER_IP: positiveInt.default(20),
    RATE_LIMIT_LOGIN_PER_ACCOUNT: positiveInt.default(10),
    RATE_LIMIT_LOGIN_WINDOW_SECONDS: positiveInt.default(900),
    RATE_LIMIT_REGISTER_PER_IP: positiveInt.default(10),
    RATE_LIMIT_REGISTER_WINDOW_SECONDS: positiveInt.default(3600),
    RATE_LIMIT_API_PER_USER: positiveInt.default(600),
    RATE_LIMIT_GUEST_JOINS_PER_IP: positiveInt.default(120),
    RATE_LIMIT_GUEST_JOINS_WINDOW_SECONDS: positiveInt.default(600),
    RATE_LIMIT_API_WINDOW_SECONDS: positiveInt.default(60),
    RATE_LIMIT_MESSAGES_PER_USER: positiveInt.default(30),
    RATE_LIMIT_MESSAGES_WINDOW_SECONDS: positiveInt.default(10),
    RATE_LIMIT_ROOM_JOINS_PER_USER: positiveInt.default(120),
    RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: positiveInt.default(20),
    PRESENCE_LEASE_SECONDS: positiveInt.default(30),
    WEB_DIST_DIR: z.string().optional(),
    SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
    VAPID_PUBLIC_KEY: vapidKey(65).optional(),
    VAPID_PRIVATE_KEY: vapidKey(32).optional(),
    VAPID_SUBJECT: z
      .string()
      .refine((v) => /^mailto:[^@\s]+@[^@\s]+$/.test(v) || /^https:\/\/\S+$/.test(v), { message: 'must be a mailto: address or an https: URL' })
      .optional(),
    PUSH_ENDPOINT_HOSTS: csv.default(DEFAULT_PUSH_ENDPOINT_HOSTS),
    S3_ENDPOINT: serviceUrl(['http', 'https'], 'https://s3.eu-central-1.amazonaws.com').optional(),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)' }).optional(),
    S3_REGION: z.string().regex(/^[a-z0-9-]{1,32}$/, { message: 'must be a region name like us-east-1' }).default('us-east-1'),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: bool.default(false),
    S3_PUBLIC_ENDPOINT: serviceUrl(['http', 'https'], 'https://files.example.com').optional(),
    /** Upload requests (POST /api/albums/:id/uploads, up to 20 files each) one guest may make per window. */
    RATE_LIMIT_ALBUM_UPLOADS_PER_GUEST: positiveInt.default(60),
    RATE_LIMIT_ALBUM_UPLOADS_WINDOW_SECONDS: positiveInt.default(60),
    /** Photos one instance turns into thumbnails at once (each holds a decoded image in memory). */
    ALBUM_PROCESSING_CONCURRENCY: positiveInt.default(2),
    /** Wait before a photo's processing is tried again; doubles with each further try (6 in all, then the photo is `failed`). */
    ALBUM_PROCESSING_RETRY_MS: positiveInt.default(1_000),
    /** The largest chat attachment accepted (one presigned PUT); may lower CHAT_ATTACHMENT_BYTES_MAX (16 MiB), never raise it. */
    CHAT_ATTACHMENT_MAX_BYTES: positiveInt.max(CHAT_ATTACHMENT_BYTES_MAX).default(CHAT_ATTACHMENT_BYTES_MAX),
    /** Bytes of chat attachments (originals and derivatives, failed ones excepted) one user may keep, all rooms together. */
    CHAT_ATTACHMENT_QUOTA_USER_BYTES: positiveInt.default(1024 * 1024 * 1024),
    /** Bytes of chat attachments one room may keep, all its members together. */
    CHAT_ATTACHMENT_QUOTA_ROOM_BYTES: positiveInt.default(5 * 1024 * 1024 * 1024),
    /** Attachment upload requests (POST /api/chatrooms/:id/attachments, up to 10 files each) one user may make per window. */
    RATE_LIMIT_CHAT_ATTACHMENTS_PER_USER: positiveInt.default(60),
    RATE_LIMIT_CHAT_ATTACHMENTS_WINDOW_SECONDS: positiveInt.default(60),
  })
  .superRefine((env, ctx) => {
    // Half an S3 configuration would silently fall back to the disk: name every missing piece.
    if (env.S3_ENDPOINT === undefined) {
      for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PUBLIC_ENDPOINT'] as const) {
        if (env[name] !== undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is set but S3_ENDPOINT is not (unset S3_ENDPOINT means disk storage)' });
      }
      return;
    }
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (typeof env[name] !== 'string') ctx.addIssue({ code: 'custom', path: [name], message: 'is required when S3_ENDPOINT is set' });
    }
  }, { when: () => true })
  .superRefine((env, ctx) => {
    // One key without the other is a copy-paste slip, not a choice: say so rather than run without push.
    if (typeof env.VAPID_PUBLIC_KEY === 'string' && typeof env.VAPID_PRIVATE_KEY !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['VAPID_PRIVATE_KEY'], message: 'is required when VAPID_PUBLIC_KEY is set' });
    }
    if (typeof env.VAPID_PRIVATE_KEY === 'string' && typeof env.VAPID_PUBLIC_KEY !== 'string') {
      ctx.addIssue({ code: 'custom', path: ['VAPID_PUBLIC_KEY'], message: 'is required when VAPID_PRIVATE_KEY is set' });
    }
  }, { when: () => true })
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV !== 'production') return;
      // When other variables failed, the object holds the raw input: check the type too.
      const secret = typeof env.JWT_SECRET === 'string' ? env.JWT_SECRET.trim() : undefined;
      if (!secret) {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is required when NODE_ENV=production' });
      } else if (EXAMPLE_SECRETS.has(secret)) {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'is an example value; generate your own (openssl rand -base64 48)' });
      } else if (secret.length < 32) {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be at least 32 characters' });
      }
    },
    // Zod skips refinements once a field failed; run anyway so every problem is listed at once.
    { when: () => true },
  );

export type Env = z.infer<typeof EnvSchema>;

export interface Config extends Omit<Env, 'JWT_SECRET'> {
  JWT_SECRET: string;
  /** true when no DATABASE_URL / REDIS_URL is set: PGlite and in-process twins. */
  embedded: { database: boolean; redis: boolean };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A secret for development only: stable across restarts so sessions survive `npm start` twice. */
const DEVELOPMENT_SECRET = 'discordgym-development-only-secret-not-for-production';

export function loadConfig(source: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  // Empty strings in .env files mean "not set", as in every dotenv tool.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const env = parsed.data;
  return {
    ...env,
    JWT_SECRET: env.JWT_SECRET ?? DEVELOPMENT_SECRET,
    embedded: { database: !env.DATABASE_URL, redis: !env.REDIS_URL },
  };
}

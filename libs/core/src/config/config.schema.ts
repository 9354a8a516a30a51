import { isIP } from 'node:net';
import { validateCronExpression } from 'cron';

/**
 * Every environment variable Quire reads, declared once: its parser, default and description.
 * `.env.example` is checked against this list by a test, and the config loader validates it at boot.
 */
export interface ConfigVariable<T> {
  description: string;
  /** The value used when the variable is unset; a function sees the other raw variables. */
  default?: T | ((env: NodeJS.ProcessEnv) => T | undefined);
  /** Parses the raw string, or returns an error text saying what the variable expects. */
  parse(raw: string): { value: T } | { error: string };
  /** Example value written into `.env.example`. */
  example: string;
}

const oneOf =
  <T extends string>(...values: T[]) =>
  (raw: string): { value: T } | { error: string } =>
    (values as string[]).includes(raw) ? { value: raw as T } : { error: `must be one of ${values.join(', ')}` };

const integer =
  (min: number, max: number) =>
  (raw: string): { value: number } | { error: string } => {
    const n = Number(raw);
    return /^\d+$/.test(raw) && n >= min && n <= max
      ? { value: n }
      : { error: `must be an integer between ${min} and ${max}` };
  };

const bool = (raw: string): { value: boolean } | { error: string } =>
  ['true', '1', 'yes'].includes(raw.toLowerCase())
    ? { value: true }
    : ['false', '0', 'no'].includes(raw.toLowerCase())
      ? { value: false }
      : { error: 'must be true or false' };

const postgresUrl = (raw: string): { value: string } | { error: string } => {
  try {
    const url = new URL(raw);
    return ['postgres:', 'postgresql:'].includes(url.protocol)
      ? { value: raw }
      : { error: 'must be a postgres:// or postgresql:// URL' };
  } catch {
    return { error: 'must be a postgres:// or postgresql:// URL' };
  }
};

const byteSize = (raw: string): { value: number } | { error: string } => {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(raw.trim());
  if (!match) return { error: 'must be a size like 512kb or 1mb' };
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  const bytes = Number(match[1]) * unit;
  return bytes >= 1024 && bytes <= 100 * 1024 * 1024 ? { value: bytes } : { error: 'must be between 1kb and 100mb' };
};

/** A file size like 100mb or 2gb (uploads), from 1kb to 1tb. */
const fileSize = (raw: string): { value: number } | { error: string } => {
  const match = /^(\d+)\s*(b|kb|mb|gb|tb)?$/i.exec(raw.trim());
  if (!match) return { error: 'must be a size like 100mb or 2gb' };
  const units = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };
  const bytes = Number(match[1]) * units[(match[2] ?? 'b').toLowerCase() as keyof typeof units];
  return bytes >= 1024 && bytes <= 1024 ** 4 ? { value: bytes } : { error: 'must be between 1kb and 1tb' };
};

const originList = (raw: string): { value: string[] } | { error: string } => {
  const origins = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    try {
      const url = new URL(origin);
      if (url.origin !== origin) return { error: `"${origin}" must be an origin like https://cms.example.com` };
    } catch {
      return { error: `"${origin}" must be an origin like https://cms.example.com` };
    }
  }
  return { value: origins };
};

const isKey = (raw: string): boolean => /^[A-Za-z0-9+/]{43}=?$/.test(raw) && Buffer.from(raw, 'base64').length === 32;
const secretKey = (raw: string): { value: string } | { error: string } =>
  isKey(raw) ? { value: raw } : { error: 'must be 32 random bytes, base64-encoded' };
const secretKeyList = (raw: string): { value: string[] } | { error: string } => {
  const keys = raw
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  return keys.every(isKey) ? { value: keys } : { error: 'must be a comma-separated list of 32-byte base64 keys' };
};

const redisUrl = (raw: string): { value: string } | { error: string } => {
  try {
    const url = new URL(raw);
    return ['redis:', 'rediss:'].includes(url.protocol) && url.hostname
      ? { value: raw }
      : { error: 'must be a redis:// or rediss:// URL' };
  } catch {
    return { error: 'must be a redis:// or rediss:// URL' };
  }
};

/** Express's `trust proxy`: no proxy (false), a number of proxy hops, or the proxies' addresses and subnets. */
export type TrustProxy = false | number | string[];

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrSubnet(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

const trustProxy = (raw: string): { value: TrustProxy } | { error: string } => {
  const value = raw.trim();
  if (value === 'none') return { value: false };
  if (value === 'true') {
    // Express would take the left-most X-Forwarded-For entry, which any client writes itself.
    return { error: 'must not be "true" (every client could choose its own IP); give the hop count or the proxies' };
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? { value: hops } : { error: 'as a hop count must be between 1 and 10' };
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.find((entry) => !PROXY_RANGE_NAMES.includes(entry) && !isAddressOrSubnet(entry));
  if (entries.length === 0 || wrong !== undefined) {
    return {
      error: `must be none, a hop count (1-10) or a comma-separated list of loopback, linklocal, uniquelocal, IP addresses and CIDR subnets${wrong === undefined ? '' : ` ("${wrong}" is none of these)`}`,
    };
  }
  return { value: entries };
};

/** Networks outgoing requests may reach although private: CIDRs or single addresses, comma-separated. */
const networkList = (raw: string): { value: string[] } | { error: string } => {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = entries.find((entry) => !isAddressOrSubnet(entry));
  return wrong === undefined
    ? { value: entries }
    : { error: `must be a comma-separated list of CIDR subnets or IP addresses ("${wrong}" is neither)` };
};

const keyPrefix = (raw: string): { value: string } | { error: string } =>
  /^[A-Za-z0-9:_.-]{1,64}$/.test(raw)
    ? { value: raw }
    : { error: 'must be 1-64 characters of letters, digits and : _ . -' };

/** `<job>=<cron>` pairs separated by `;` (cron expressions hold spaces and commas). Job names are checked at boot. */
const jobSchedules = (raw: string): { value: Record<string, string> } | { error: string } => {
  const schedules: Record<string, string> = {};
  for (const pair of raw
    .split(';')
    .map((entry) => entry.trim())
    .filter(Boolean)) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, Math.max(at, 0)).trim();
    const cron = pair.slice(at + 1).trim();
    if (at < 1 || !/^[a-z0-9-]+\.[a-z0-9-]+$/.test(name))
      return { error: `must be "<plugin>.<job>=<cron>" pairs separated by ";" ("${pair}" is not)` };
    if (!validateCronExpression(cron).valid) return { error: `has an invalid cron expression for ${name}: "${cron}"` };
    schedules[name] = cron;
  }
  return { value: schedules };
};

type Defaulted<T> = ConfigVariable<T> & { default: NonNullable<ConfigVariable<T>['default']> };
const withDefault = <T>(variable: Defaulted<T>): Defaulted<T> => variable;
const optional = <T>(variable: ConfigVariable<T>): ConfigVariable<T> => variable;

const text = (raw: string): { value: string } => ({ value: raw });

const publicUrl = (raw: string): { value: string } | { error: string } => {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) {
      return { value: url.href.replace(/\/+$/, '') };
    }
  } catch {
    // fall through to the message
  }
  return { error: 'must be an http(s) URL without query or fragment, e.g. https://cms.example.com' };
};

const smtpUrl = (raw: string): { value: string } | { error: string } =>
  /^smtps?:\/\/[^\s]+$/.test(raw) ? { value: raw } : { error: 'must be an smtp:// or smtps:// URL' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emailList = (raw: string): { value: string[] } | { error: string } => {
  const emails = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = emails.find((email) => !EMAIL.test(email));
  return wrong === undefined
    ? { value: emails.map((email) => email.toLowerCase()) }
    : { error: `must be comma-separated email addresses ("${wrong}" is not one)` };
};

export type SignInMethod = 'password' | 'email-code';
const SIGN_IN_METHODS: SignInMethod[] = ['password', 'email-code'];
const signInMethods = (raw: string): { value: SignInMethod[] } | { error: string } => {
  const methods = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const wrong = methods.find((method) => !SIGN_IN_METHODS.includes(method as SignInMethod));
  return wrong === undefined
    ? { value: [...new Set(methods)] as SignInMethod[] }
    : { error: `must be a comma-separated list of ${SIGN_IN_METHODS.join(', ')} ("${wrong}" is neither)` };
};

export type MediaStorageDriver = 'local' | 's3';

// S3's rules for bucket names (lower-case letters, digits, dots and hyphens; 3-63; letter or digit at both ends).
const s3Bucket = (raw: string): { value: string } | { error: string } =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(raw) && !raw.includes('..')
    ? { value: raw }
    : { error: 'must be an S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens' };

/** A key prefix inside the bucket: `/`-separated segments that do not start with a dot, up to 200 characters. */
const s3KeyPrefix = (raw: string): { value: string } | { error: string } =>
  raw.length <= 200 && /^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\/?$/.test(raw)
    ? { value: raw.endsWith('/') ? raw : `${raw}/` }
    : {
        error:
          'must be a relative path like quire/production/ (letters, digits, . _ -; no segment starting with a dot)',
      };

const httpUrl = (raw: string): { value: string } | { error: string } => {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username) {
      return { value: url.href.replace(/\/+$/, '') };
    }
  } catch {
    // fall through to the message
  }
  return { error: 'must be an http(s) URL without credentials, query or fragment, e.g. https://s3.example.com' };
};

/** argon2id cost of password hashes: memory in KiB, passes and lanes, written as argon2 writes them in a hash. */
export interface PasswordHashCost {
  memoryKiB: number;
  passes: number;
  lanes: number;
}
const passwordHashCost = (raw: string): { value: PasswordHashCost } | { error: string } => {
  const match = /^m=(\d+),t=(\d+),p=(\d+)$/.exec(raw.replace(/\s+/g, ''));
  const [memoryKiB, passes, lanes] = match ? match.slice(1).map(Number) : [];
  // argon2's own limits: at least 8 KiB per lane; the upper bounds keep a typo from exhausting the machine.
  return match &&
    lanes >= 1 &&
    lanes <= 16 &&
    passes >= 1 &&
    passes <= 20 &&
    memoryKiB >= 8 * lanes &&
    memoryKiB <= 4_194_304
    ? { value: { memoryKiB, passes, lanes } }
    : {
        error:
          'must be m=<KiB>,t=<passes>,p=<lanes> (1–16 lanes, 1–20 passes, 8 KiB a lane up to 4 GiB), e.g. m=65536,t=3,p=4',
      };
};

export const configSchema = {
  NODE_ENV: withDefault<'development' | 'production' | 'test'>({
    description: 'development, production or test. Production requires QUIRE_SECRET_KEY and logs JSON.',
    default: 'development',
    parse: oneOf('development', 'production', 'test'),
    example: 'development',
  }),
  HOST: withDefault<string>({
    description: 'Interface the HTTP server binds to. Use 0.0.0.0 in a container.',
    default: '127.0.0.1',
    parse: text,
    example: '127.0.0.1',
  }),
  PORT: withDefault<number>({
    description: 'HTTP port.',
    default: 3000,
    parse: integer(0, 65535),
    example: '3000',
  }),
  DATABASE_URL: optional<string>({
    description:
      'PostgreSQL connection URL. Unset: an embedded PostgreSQL is started with its data under QUIRE_DATA_DIR.',
    parse: postgresUrl,
    example: 'postgres://quire:secret@127.0.0.1:5432/quire',
  }),
  DATABASE_POOL_SIZE: withDefault<number>({
    description: 'Connections in the pool of each API instance.',
    default: 10,
    parse: integer(1, 200),
    example: '10',
  }),
  EMBEDDED_POSTGRES_PORT: withDefault<number>({
    description: 'Port of the embedded PostgreSQL (only without DATABASE_URL); away from 5432 so it never clashes.',
    default: 54329,
    parse: integer(1024, 65535),
    example: '54329',
  }),
  QUIRE_DATA_DIR: withDefault<string>({
    description: 'Where development state lives: embedded database, generated secret key, local media.',
    default: './.quire',
    parse: text,
    example: './.quire',
  }),
  QUIRE_SECRET_KEY: optional<string>({
    description:
      'Key (32 random bytes, base64) encrypting secrets at rest with AES-256-GCM. Required in production; generated into QUIRE_DATA_DIR in development.',
    parse: secretKey,
    example: "generate with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"",
  }),
  QUIRE_SECRET_KEYS_PREVIOUS: withDefault<string[]>({
    description:
      'Earlier values of QUIRE_SECRET_KEY, comma-separated: secrets sealed under them still decrypt while they are re-encrypted.',
    default: [],
    parse: secretKeyList,
    example: '',
  }),
  LOG_LEVEL: withDefault<'error' | 'warn' | 'info' | 'debug'>({
    description: 'error, warn, info or debug.',
    default: 'info',
    parse: oneOf('error', 'warn', 'info', 'debug'),
    example: 'info',
  }),
  LOG_FORMAT: withDefault<'json' | 'pretty'>({
    description: 'json (one JSON object a line) or pretty. Default: json in production, pretty otherwise.',
    default: (env) => (env.NODE_ENV === 'production' ? 'json' : 'pretty'),
    parse: oneOf('json', 'pretty'),
    example: 'pretty',
  }),
  BODY_LIMIT: withDefault<number>({
    description: 'Largest JSON request body accepted; larger bodies get 413.',
    default: 1024 * 1024,
    parse: byteSize,
    example: '1mb',
  }),
  CORS_ORIGINS: withDefault<string[]>({
    description: 'Comma-separated origins allowed to call the API from a browser. Empty: no cross-origin access.',
    default: [],
    parse: originList,
    example: 'https://cms.example.com,https://www.example.com',
  }),
  SHUTDOWN_TIMEOUT_MS: withDefault<number>({
    description: 'How long a graceful shutdown waits for requests and jobs to finish.',
    default: 10000,
    parse: integer(0, 600000),
    example: '10000',
  }),
  SCHEDULER_ENABLED: withDefault<boolean>({
    description: 'Run scheduled jobs in this instance (they take a cluster-wide lock, so every instance may).',
    default: true,
    parse: bool,
    example: 'true',
  }),
  JOB_SCHEDULES: withDefault<Record<string, string>>({
    description:
      'Overrides of scheduled jobs\' cron expressions, "<job>=<cron>" pairs separated by ";" (six fields with seconds, or five). An unknown job stops the start.',
    default: {},
    parse: jobSchedules,
    example: 'compliance.retention=0 0 2 * * *;content.scheduled-publishing=*/10 * * * * *',
  }),
  QUIRE_DEMO_SEED: withDefault<boolean>({
    description: 'Load the demo workspace into an empty database at start. Default: true in development.',
    default: (env) => (env.NODE_ENV ?? 'development') === 'development',
    parse: bool,
    example: 'true',
  }),
  TRUST_PROXY: withDefault<TrustProxy>({
    description:
      'Proxies in front of Quire whose X-Forwarded-For is believed: none (the default: the header is ignored and the client IP is the peer address), the number of proxy hops, or a comma-separated list of loopback, linklocal, uniquelocal, IPs and CIDR subnets. Rate limits and session records use the resulting client IP.',
    default: false,
    parse: trustProxy,
    example: 'loopback,10.0.0.0/8',
  }),
  REDIS_URL: optional<string>({
    description:
      'Redis shared by all API instances for rate-limit counts (redis:// or rediss://). Unset: each instance counts in its own memory.',
    parse: redisUrl,
    example: 'redis://127.0.0.1:6379',
  }),
  RATE_LIMIT_PREFIX: withDefault<string>({
    description: 'Prefix of the rate-limit keys in Redis, to share one Redis between installations.',
    default: 'quire:rl:',
    parse: keyPrefix,
    example: 'quire:rl:',
  }),
  ROUTE_RATE_LIMITS: withDefault<boolean>({
    description:
      'Enforce the per-route limits of sign-in, sign-up, codes and resets. Turn off only where a gateway in front enforces equivalent limits.',
    default: true,
    parse: bool,
    example: 'true',
  }),
  PUBLIC_URL: withDefault<string>({
    description:
      'The URL users reach this installation at (behind a proxy: the public one): links in mails, SSO redirects. Default: http://HOST:PORT.',
    default: (env) => `http://${env.HOST || '127.0.0.1'}:${env.PORT || '3000'}`,
    parse: publicUrl,
    example: 'https://cms.example.com',
  }),
  SMTP_URL: optional<string>({
    description:
      'Mail server for account mails (smtp:// or smtps://, credentials in the URL). Unset: mails are logged and kept in the mail outbox only.',
    parse: smtpUrl,
    example: 'smtps://user:password@smtp.example.com:465',
  }),
  MAIL_FROM: withDefault<string>({
    description: 'Sender of every mail Quire sends.',
    default: 'Quire <no-reply@quire.local>',
    parse: text,
    example: 'Acme CMS <cms@example.com>',
  }),
  SIGN_IN_METHODS: withDefault<SignInMethod[]>({
    description:
      'Sign-in methods offered on this installation (comma-separated): password, email-code. Two-factor and SSO are configured per account and per workspace.',
    default: ['password', 'email-code'],
    parse: signInMethods,
    example: 'password,email-code',
  }),
  PASSWORD_HASH_COST: withDefault<PasswordHashCost>({
    description:
      'argon2id cost of password hashes (memory KiB, passes, lanes). Production refuses anything weaker than the argon2id configurations OWASP recommends (e.g. m=19456,t=2,p=1). A stored hash made with other values is rehashed at its next sign-in.',
    default: { memoryKiB: 65_536, passes: 3, lanes: 4 },
    parse: passwordHashCost,
    example: 'm=65536,t=3,p=4',
  }),
  QUIRE_PLATFORM_ADMINS: withDefault<string[]>({
    description:
      'Emails of the installation-wide platform administrators (comma-separated); an account becomes one once its email is verified.',
    default: [],
    parse: emailList,
    example: 'ops@example.com',
  }),
  OUTBOUND_ALLOWED_NETWORKS: withDefault<string[]>({
    description:
      'Networks that outgoing requests (webhook deliveries, URL imports) may reach although they are loopback, private, link-local or otherwise not public: comma-separated CIDRs or addresses. Empty (the default): every such address is refused, also after DNS and redirects.',
    default: [],
    parse: networkList,
    example: '10.20.0.0/16,192.168.1.10',
  }),
  OUTBOUND_TIMEOUT_MS: withDefault<number>({
    description:
      'Longest an outgoing request (webhook delivery, URL import) may take, redirects and response body included; a plugin may ask for less.',
    default: 10000,
    parse: integer(100, 300000),
    example: '10000',
  }),
  QUIRE_ADMIN_DIR: withDefault<string>({
    description: 'Folder of the built admin console served at /admin.',
    default: './dist/admin/browser',
    parse: text,
    example: './dist/admin/browser',
  }),
  MEDIA_STORAGE: withDefault<MediaStorageDriver>({
    description:
      'Where media files are stored: local (a folder, MEDIA_LOCAL_ROOT; one machine only) or s3 (S3-compatible object storage, MEDIA_S3_*; required for more than one API instance).',
    default: 'local',
    parse: oneOf('local', 's3'),
    example: 'local',
  }),
  MEDIA_LOCAL_ROOT: withDefault<string>({
    description: 'Folder of the local media driver. Default: QUIRE_DATA_DIR/media.',
    default: (env) => `${(env.QUIRE_DATA_DIR || './.quire').replace(/\/+$/, '')}/media`,
    parse: text,
    example: './.quire/media',
  }),
  MEDIA_S3_BUCKET: optional<string>({
    description: 'Bucket of the s3 media driver (required with MEDIA_STORAGE=s3).',
    parse: s3Bucket,
    example: 'acme-cms-media',
  }),
  MEDIA_S3_REGION: withDefault<string>({
    description: 'Region of the bucket (S3-compatible services usually accept any value, e.g. us-east-1).',
    default: 'us-east-1',
    parse: text,
    example: 'eu-central-1',
  }),
  MEDIA_S3_ENDPOINT: optional<string>({
    description:
      'Endpoint of an S3-compatible service (MinIO, Cloudflare R2, Ceph…). Unset: AWS S3 of MEDIA_S3_REGION.',
    parse: httpUrl,
    example: 'https://minio.internal.example.com:9000',
  }),
  MEDIA_S3_FORCE_PATH_STYLE: withDefault<boolean>({
    description:
      'Address the bucket in the path (endpoint/bucket/key) instead of the host name (bucket.endpoint/key). Default: true when MEDIA_S3_ENDPOINT is set, as most S3-compatible services need.',
    default: (env) => Boolean(env.MEDIA_S3_ENDPOINT),
    parse: bool,
    example: 'true',
  }),
  MEDIA_S3_ACCESS_KEY_ID: optional<string>({
    description:
      'Access key of the s3 media driver, with MEDIA_S3_SECRET_ACCESS_KEY. Unset (both): the AWS default chain (AWS_* variables, instance or task role).',
    parse: text,
    example: 'AKIA…',
  }),
  MEDIA_S3_SECRET_ACCESS_KEY: optional<string>({
    description: 'Secret of MEDIA_S3_ACCESS_KEY_ID.',
    parse: text,
    example: '',
  }),
  MEDIA_S3_KEY_PREFIX: optional<string>({
    description: 'Prefix of every object key in the bucket, so that installations can share one bucket.',
    parse: s3KeyPrefix,
    example: 'quire/production/',
  }),
  MEDIA_CDN_BASE_URL: optional<string>({
    description:
      "Origin (and optional path) of a CDN in front of Quire's public media URLs (originals and variants), e.g. https://media.example.com. Unset: public media URLs use PUBLIC_URL.",
    parse: publicUrl,
    example: 'https://media.example.com',
  }),
  MEDIA_SIGNED_URL_TTL: withDefault<number>({
    description:
      "Default lifetime in seconds of the signed delivery URLs Quire mints for assets (its own HMAC, with either storage driver; never a bucket's presigned URL). Applies to originals and to a private asset's variants.",
    default: 300,
    parse: integer(10, 7 * 24 * 3600),
    example: '300',
  }),
  MEDIA_IMAGE_MAX_PIXELS: withDefault<number>({
    description:
      'Largest image (width × height) Quire decodes, for metadata on upload and for variants; larger images are refused (decompression-bomb guard).',
    default: 60_000_000,
    parse: integer(1_000_000, 1_000_000_000),
    example: '60000000',
  }),
  MEDIA_MAX_UPLOAD_BYTES: withDefault<number>({
    description:
      'Largest file one media upload may carry (e.g. 100mb, 2gb); a larger upload is cut off with a 413 as soon as it passes the limit.',
    default: 100 * 1024 * 1024,
    parse: fileSize,
    example: '100mb',
  }),
} satisfies Record<string, ConfigVariable<unknown>>;

type Schema = typeof configSchema;
type ValueOf<V> = V extends ConfigVariable<infer T> ? T : never;
/** Variables with a default are always set; the others may be undefined. */
export type QuireConfig = {
  readonly [K in keyof Schema]: Schema[K] extends Defaulted<infer T> ? T : ValueOf<Schema[K]> | undefined;
};

import { configSchema, type ConfigVariable, type QuireConfig } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates every variable of the schema. Collects all problems so that one start shows
 * everything to fix; each problem names the variable and what it expects, never the secret's value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): QuireConfig {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, variable] of Object.entries(configSchema) as Array<[string, ConfigVariable<unknown>]>) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      values[name] = typeof variable.default === 'function' ? variable.default(env) : variable.default;
      continue;
    }
    const parsed = variable.parse(raw);
    if ('error' in parsed) problems.push(`${name} ${parsed.error}${isSecret(name) ? '' : ` (got "${raw}")`}`);
    else values[name] = parsed.value;
  }
  if (values.NODE_ENV === 'production' && !values.DATABASE_URL) {
    // Without DATABASE_URL production would silently run on an embedded database in a container layer.
    problems.push('DATABASE_URL is required when NODE_ENV=production');
  }
  if (values.NODE_ENV === 'production' && !values.QUIRE_SECRET_KEY) {
    problems.push('QUIRE_SECRET_KEY is required when NODE_ENV=production');
  }
  if (values.MEDIA_STORAGE === 's3' && !values.MEDIA_S3_BUCKET) {
    problems.push('MEDIA_S3_BUCKET is required when MEDIA_STORAGE=s3');
  }
  if (Boolean(values.MEDIA_S3_ACCESS_KEY_ID) !== Boolean(values.MEDIA_S3_SECRET_ACCESS_KEY)) {
    problems.push('MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY must be set together (or both unset)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as QuireConfig;
}

function isSecret(name: string): boolean {
  return /SECRET|KEY|PASSWORD|URL/.test(name);
}

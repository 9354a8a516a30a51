import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuireConfig } from './config.schema';

/**
 * The key that encrypts secrets at rest. Production must configure QUIRE_SECRET_KEY (config validation
 * refuses to start without it); development generates one into the data folder and keeps it.
 */
export function resolveSecretKey(config: QuireConfig): string {
  if (config.QUIRE_SECRET_KEY) return config.QUIRE_SECRET_KEY;
  const file = join(config.QUIRE_DATA_DIR, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.QUIRE_DATA_DIR, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

import { Logger } from '@nestjs/common';
import { QUIRE_CONFIG, RequestContext, TenantDataSource, type PluginContext, type QuireConfig } from '@quire/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserRepository } from './accounts/user.repository';
import { PasswordHasher } from './credentials/password-hasher';
import { randomToken } from './credentials/token-hash';
import { newUser } from './accounts/new-user';

export const DEMO_ADMIN_EMAIL = 'admin@demo.quire.local';

/**
 * Demo data (development only, into an empty installation): one platform administrator with a verified email.
 * Its password is random, never a constant a scanner could try, and never logged: it is written to
 * `<QUIRE_DATA_DIR>/demo-credentials.txt` (mode 600), whose path is logged.
 */
export async function seedIdentityDemo(context: PluginContext): Promise<void> {
  const db = context.get(TenantDataSource);
  const ctx = RequestContext.system('identity.demo-seed');
  const [{ count }] = (await db.manager(ctx).query('SELECT count(*)::int AS count FROM identity_users')) as Array<{
    count: number;
  }>;
  if (count > 0) return;

  const config = context.get<QuireConfig>(QUIRE_CONFIG);
  const password = randomToken(12);
  const user = newUser({
    email: DEMO_ADMIN_EMAIL,
    displayName: 'Demo Administrator',
    passwordHash: await context.get(PasswordHasher).hash(password),
    emailVerifiedAt: new Date(),
    preferences: { theme: 'system' },
    platformAdmin: true,
  });
  if (!(await context.get(UserRepository).insert(ctx, user))) return;

  mkdirSync(config.QUIRE_DATA_DIR, { recursive: true });
  const file = join(config.QUIRE_DATA_DIR, 'demo-credentials.txt');
  writeFileSync(file, `email: ${DEMO_ADMIN_EMAIL}\npassword: ${password}\n`, { mode: 0o600 });
  new Logger('IdentityDemoSeed').log(
    `Demo platform administrator ${DEMO_ADMIN_EMAIL} created; its password is in ${file}`,
  );
}

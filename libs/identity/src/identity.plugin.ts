import { definePlugin } from '@quire/core';
import { MailMessage } from './entities/mail-message.entity';
import { OneTimeCode } from './entities/one-time-code.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { identityDataInventory } from './identity.data-inventory';
import { IdentityModule } from './identity.module';
import { identityDefaults, identityOptionsSchema, type IdentityOptions } from './identity.options';
import { identityRetention } from './identity.retention';
import { IdentityInit1763900000000 } from './migrations/1763900000000-identity-init';

/** Accounts, credentials, sessions, mail. Work in progress (issue #3): not yet loaded by apps/api. */
export const IdentityPlugin = definePlugin<IdentityOptions>({
  name: 'identity',
  version: '0.1.0',
  description: 'Accounts, passwords, two-factor, email codes, sessions, API keys, SSO, impersonation',
  requires: { core: '^0.1.0' },
  options: { schema: identityOptionsSchema, defaults: identityDefaults },
  module: IdentityModule,
  entities: [User, Session, OneTimeCode, RecoveryCode, MailMessage],
  migrations: [IdentityInit1763900000000],
  dataInventory: identityDataInventory,
  retention: identityRetention,
});

import { definePlugin } from '@quire/core';
import { ApiKey } from './api-keys/api-key.entity';
import { MailMessage } from './entities/mail-message.entity';
import { OneTimeCode } from './entities/one-time-code.entity';
import { RecoveryCode } from './entities/recovery-code.entity';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { identityDataInventory } from './identity.data-inventory';
import { seedIdentityDemo } from './identity.demo-seed';
import { IdentityModule } from './identity.module';
import { identityDefaults, identityOptionsSchema, type IdentityOptions } from './identity.options';
import { identityPermissions } from './identity.permissions';
import { identityProcessors } from './identity.processors';
import { identityRetention } from './identity.retention';
import { IdentityInit1763900000000 } from './migrations/1763900000000-identity-init';
import { IdentityTwoFactorChallenge1763900000200 } from './migrations/1763900000200-identity-two-factor-challenge';
import { IdentityApiKeys1763900000300 } from './migrations/1763900000300-identity-api-keys';
import { IdentityImpersonation1763900000500 } from './migrations/1763900000500-identity-impersonation';
import { IdentitySso1763900000400 } from './migrations/1763900000400-identity-sso';
import { ssoEntities } from './sso/sso.providers';

/** Accounts, credentials, sessions, mail. Work in progress (issue #3): not yet loaded by apps/api. */
export const IdentityPlugin = definePlugin<IdentityOptions>({
  name: 'identity',
  version: '0.1.0',
  description: 'Accounts, passwords, two-factor, email codes, sessions, API keys, SSO, impersonation',
  requires: { core: '^0.1.0' },
  options: { schema: identityOptionsSchema, defaults: identityDefaults },
  module: IdentityModule,
  entities: [User, Session, OneTimeCode, RecoveryCode, MailMessage, ApiKey, ...ssoEntities],
  migrations: [
    IdentityInit1763900000000,
    IdentityTwoFactorChallenge1763900000200,
    IdentityApiKeys1763900000300,
    IdentitySso1763900000400,
    IdentityImpersonation1763900000500,
  ],
  permissions: identityPermissions,
  dataInventory: identityDataInventory,
  processors: identityProcessors,
  retention: identityRetention,
  hooks: { onSeedDemo: seedIdentityDemo },
});

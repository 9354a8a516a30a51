import type { QuireConfig } from '@quire/core';
import type { IdentityOptions } from './identity.options';

/**
 * Identity's options from the installation's environment (validated by the kernel): what apps/api passes to
 * `IdentityPlugin.with()`. Options not listed keep their defaults.
 */
export function identityOptionsFromConfig(config: QuireConfig): Partial<IdentityOptions> {
  const options: Partial<IdentityOptions> = {
    mailFrom: config.MAIL_FROM,
    publicUrl: config.PUBLIC_URL,
    signInMethods: {
      password: config.SIGN_IN_METHODS.includes('password'),
      emailCode: config.SIGN_IN_METHODS.includes('email-code'),
    },
    platformAdminEmails: [...config.QUIRE_PLATFORM_ADMINS],
  };
  if (config.SMTP_URL) options.smtpUrl = config.SMTP_URL;
  return options;
}

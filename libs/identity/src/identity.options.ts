import type { JsonSchema } from '@quire/core';
import { ssoOptionsSchema, type SsoOptions } from './sso/sso.options';

/** How an installation configures identity (set in apps/api/src/quire.config.ts, e.g. from SMTP_URL). */
export interface IdentityOptions {
  /** smtp:// or smtps:// URL; unset: mail is written to the log and the mail outbox only (development). */
  smtpUrl?: string;
  /** From address of every mail. */
  mailFrom: string;
  /** Public URL of the console, for links in mails. */
  publicUrl: string;
  signInMethods: { password: boolean; emailCode: boolean };
  passwordMinLength: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Delivery retries of a mail over SMTP (exponential backoff from the delay). */
  mailRetry: { retryLimit: number; retryDelaySeconds: number };
  /** How often each instance writes API keys' request counts and last-used times (one statement per flush). */
  apiKeyUsageFlushSeconds: number;
  /**
   * Emails of the installation's platform administrators (apps/api: QUIRE_PLATFORM_ADMINS, comma-separated). Such an
   * account becomes one once open and its email verified (at start, and on verification); see PlatformAdminBootstrap.
   */
  platformAdminEmails?: string[];
  /** Single sign-on (docs/identity/sso.md); every member optional. */
  sso?: SsoOptions;
}

export const identityOptionsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    smtpUrl: { type: 'string', pattern: '^smtps?://' },
    mailFrom: { type: 'string', minLength: 3 },
    publicUrl: { type: 'string', pattern: '^https?://' },
    signInMethods: {
      type: 'object',
      additionalProperties: false,
      properties: { password: { type: 'boolean' }, emailCode: { type: 'boolean' } },
      required: ['password', 'emailCode'],
    },
    passwordMinLength: { type: 'integer', minimum: 8, maximum: 128 },
    accessTokenTtlSeconds: { type: 'integer', minimum: 60, maximum: 3600 },
    refreshTokenTtlDays: { type: 'integer', minimum: 1, maximum: 365 },
    mailRetry: {
      type: 'object',
      additionalProperties: false,
      properties: {
        retryLimit: { type: 'integer', minimum: 0, maximum: 20 },
        retryDelaySeconds: { type: 'integer', minimum: 1, maximum: 3600 },
      },
      required: ['retryLimit', 'retryDelaySeconds'],
    },
    apiKeyUsageFlushSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    platformAdminEmails: {
      type: 'array',
      maxItems: 100,
      items: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' },
    },
    sso: ssoOptionsSchema,
  },
  required: [
    'mailFrom',
    'publicUrl',
    'signInMethods',
    'passwordMinLength',
    'accessTokenTtlSeconds',
    'refreshTokenTtlDays',
  ],
};

export const identityDefaults: IdentityOptions = {
  mailFrom: 'Quire <no-reply@quire.local>',
  publicUrl: 'http://127.0.0.1:3000',
  signInMethods: { password: true, emailCode: true },
  passwordMinLength: 12,
  accessTokenTtlSeconds: 600,
  refreshTokenTtlDays: 30,
  mailRetry: { retryLimit: 5, retryDelaySeconds: 30 },
  apiKeyUsageFlushSeconds: 5,
  platformAdminEmails: [],
};

/**
 * Platform administration, for the audit log: who was made or stopped being an installation-wide administrator.
 * The envelope's actor says by whom (a platform administrator, or `system` for the configured list).
 */
declare module '@quire/core' {
  interface QuireEvents {
    /** `via`: `api` by another administrator, `configuration` from QUIRE_PLATFORM_ADMINS (platformAdminEmails). */
    'identity.platform-admin.granted': { userId: string; via: 'api' | 'configuration' };
    'identity.platform-admin.revoked': { userId: string };
  }
}

export {};

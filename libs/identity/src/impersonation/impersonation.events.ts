/**
 * Impersonation, for the audit log. Every event published by a request of an impersonation session carries both
 * identities in its envelope's actor (`id`: the user acted as, `impersonatorId`: the platform administrator).
 */
declare module '@quire/core' {
  interface QuireEvents {
    /** A platform administrator started acting as `userId`, for `reason`, until `expiresAt` (ISO 8601). */
    'identity.impersonation.started': {
      impersonatorId: string;
      userId: string;
      sessionId: string;
      reason: string;
      expiresAt: string;
    };
    /** Ended on demand (`end`) or by signing out (`sign-out`); an impersonation that runs out ends at `expiresAt`. */
    'identity.impersonation.ended': {
      impersonatorId: string;
      userId: string;
      sessionId: string;
      via: 'end' | 'sign-out';
    };
  }
}

export {};

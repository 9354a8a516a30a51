import type { LegalHoldScope } from './entities/legal-hold.entity';

/**
 * Holds are audited: each is published in the transaction that places or releases it, in the chain of the workspace
 * it holds (the installation's for installation-wide holds).
 */
declare module '@quire/core' {
  interface QuireEvents {
    'compliance.legal-hold.placed': {
      holdId: string;
      scope: LegalHoldScope;
      workspaceId: string | null;
      userId: string | null;
      heldFrom: string | null;
      heldUntil: string | null;
      reason: string;
    };
    'compliance.legal-hold.released': { holdId: string; scope: LegalHoldScope; reason: string };
  }
}

export {};

import type { Changes } from '@quire/core';
import type { ConsentSource } from './consent-source';

/**
 * A user's answer changed, published in the transaction of the change (installation-level: the audit log's
 * installation chain records it). `changes.granted` says before (null: never asked) and after.
 */
declare module '@quire/core' {
  interface QuireEvents {
    /** The user opted in to `purpose`. */
    'compliance.consent.granted': { userId: string; purpose: string; source: ConsentSource; changes: Changes };
    /** The user withdrew (or refused) consent to `purpose`; it takes effect at once. */
    'compliance.consent.withdrawn': { userId: string; purpose: string; source: ConsentSource; changes: Changes };
  }
}

export {};

import type { Changes } from '@quire/core';

/**
 * Events of the webhooks plugin (the audit trail of its configuration). `url` never carries the query string, which
 * may hold a receiver's token: it is replaced by `?…`.
 */
declare module '@quire/core' {
  interface QuireEvents {
    'webhooks.subscription.created': { subscriptionId: string; url: string; events: string[] };
    /** `changed` names the fields that changed (url, events, contentTypes, description, enabled). */
    /** `changes`: before/after of url (without its query), events, contentTypes, description, enabled. */
    'webhooks.subscription.updated': { subscriptionId: string; url: string; changed: string[]; changes: Changes };
    'webhooks.subscription.deleted': { subscriptionId: string; url: string };
    /** Disabled by Quire after `deadDeliveries` deliveries in a row failed every attempt; `reason` says the last error. */
    'webhooks.subscription.disabled': { subscriptionId: string; url: string; deadDeliveries: number; reason: string };
    /** A new signing secret; the previous one still signs for `previousValidUntil` (ISO 8601). */
    'webhooks.secret.rotated': { subscriptionId: string; previousValidUntil: string };
    /** A delivery was sent again as a new delivery (`deliveryId`) of the same payload. */
    'webhooks.delivery.replayed': { subscriptionId: string; deliveryId: string; replayOf: string };
  }
}

export {};

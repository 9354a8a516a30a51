import type { ResponseOf } from '../../api/api-client';

export type Webhook = ResponseOf<'/api/v1/workspaces/{workspace}/webhooks/{id}', 'get'>;
export type WebhookEvent = ResponseOf<'/api/v1/webhook-events', 'get'>['data'][number];
export type DeliveryPage = ResponseOf<'/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries', 'get'>;
export type Delivery = DeliveryPage['data'][number];
export type DeliveryDetail = ResponseOf<'/api/v1/workspaces/{workspace}/webhooks/{id}/deliveries/{deliveryId}', 'get'>;

/** Deliveries per page of the log and of the dead letters. */
export const DELIVERIES_PAGE_SIZE = 20;

/** A delivery's status as the member reads it. */
export function deliveryStatusLabel(status: Delivery['status']): string {
  switch (status) {
    case 'pending':
      return $localize`:@@integrations.status.pending:Pending`;
    case 'retrying':
      return $localize`:@@integrations.status.retrying:Retrying`;
    case 'succeeded':
      return $localize`:@@integrations.status.succeeded:Succeeded`;
    case 'dead':
      return $localize`:@@integrations.status.dead:Dead`;
    case 'cancelled':
      return $localize`:@@integrations.status.cancelled:Cancelled`;
  }
}

/**
 * The patterns the events offer, broadest first: `*`, then each prefix of an event name with `.*`
 * (`content.entry.published` gives `content.*` and `content.entry.*`). The API accepts exactly these.
 */
export function eventPatterns(events: readonly WebhookEvent[]): string[] {
  const prefixes = new Set<string>();
  for (const event of events) {
    const parts = event.name.split('.');
    for (let length = 1; length < parts.length; length++) prefixes.add(`${parts.slice(0, length).join('.')}.*`);
  }
  return ['*', ...[...prefixes].sort()];
}

/** "12 Nov 2026, 10:04" in the reader's locale and time zone. */
export function dateTime(value: string | null): string {
  return value ? new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

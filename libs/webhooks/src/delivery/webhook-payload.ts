import type { Actor, QuireEventEnvelope } from '@quire/core';

/** What a receiver gets: the event, where and by whom it happened. `id` is the event's, stable across retries. */
export interface WebhookPayload {
  id: string;
  event: string;
  occurredAt: string;
  workspace: { id: string; slug: string };
  actor: { type: Actor['type']; id: string | null };
  data: unknown;
}

/** The event a test ping sends; receivers should answer it 2xx and do nothing else. */
export const PING_EVENT = 'webhooks.subscription.pinged';

export function payloadOfEvent(event: QuireEventEnvelope, workspace: { id: string; slug: string }): WebhookPayload {
  return {
    id: event.id,
    event: event.name,
    occurredAt: event.occurredAt,
    workspace,
    actor: { type: event.actor.type, id: event.actor.id },
    data: event.payload,
  };
}

/** The body as sent and signed, members in a fixed order. */
export function webhookBody(payload: WebhookPayload): string {
  const { id, event, occurredAt, workspace, actor, data } = payload;
  return JSON.stringify({ id, event, occurredAt, workspace, actor, data });
}

/** `https://hooks.example.com/x?token=…` → `https://hooks.example.com/x?…`: events and logs never carry the query. */
export function urlWithoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
  } catch {
    return '(invalid URL)';
  }
}

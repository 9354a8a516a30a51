// @quire/webhooks: the webhooks plugin's public surface.
// Event names and payloads (declaration merging into QuireEvents).
import './webhooks.events';
export { WebhooksPlugin, WEBHOOKS_PLUGIN } from './webhooks.plugin';
export type { WebhooksOptions } from './webhooks.options';
export { WEBHOOK_SUBJECT } from './webhooks.permissions';
export { signatureHeader, signWebhookBody } from './delivery/webhook-signature';
export type { WebhookPayload } from './delivery/webhook-payload';

import { createHmac, randomBytes } from 'node:crypto';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** 32 random bytes behind a recognisable prefix (secret scanners and people tell it apart from other keys). */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256, keyed with the whole secret string, of `<timestamp>.<body>`. */
export function signWebhookBody(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * The Quire-Signature header: `t=<unix seconds>,v1=<signature>`, with one v1 per secret that signs (two during the
 * grace period after a rotation, the new secret's first). The timestamp is signed too, so a receiver that refuses
 * old timestamps refuses replays of captured requests.
 */
export function signatureHeader(timestamp: number, body: string, secrets: readonly string[]): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signWebhookBody(secret, timestamp, body)}`)].join(',');
}

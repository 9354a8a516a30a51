import { Injectable } from '@nestjs/common';
import { InjectPluginOptions, OutboundHttp, OutboundRequestError, QUIRE_VERSION } from '@quire/core';
import type { AttemptRecord, DeliveryTarget } from '../deliveries/webhook-delivery.store';
import { WebhookSecrets } from '../subscriptions/webhook-secrets';
import type { WebhooksOptions } from '../webhooks.options';
import { signatureHeader } from './webhook-signature';

/** Redirects a delivery follows (307/308 repeat the POST; each hop is checked like the first). */
export const WEBHOOK_MAX_REDIRECTS = 3;
/** How much of a receiver's answer the log keeps. */
export const RESPONSE_EXCERPT_BYTES = 2048;

/**
 * One attempt of a delivery: the signed POST through the kernel's outbound HTTP (address rules, time-out, size cap)
 * and what came of it. Never throws for the receiver's faults: those are a failed attempt to record.
 */
@Injectable()
export class WebhookSender {
  constructor(
    private readonly http: OutboundHttp,
    private readonly secrets: WebhookSecrets,
    @InjectPluginOptions('webhooks') private readonly options: WebhooksOptions,
  ) {}

  async attempt(target: DeliveryTarget, attempt: number): Promise<AttemptRecord> {
    const { delivery } = target;
    const startedAt = new Date();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'user-agent': `Quire-Webhooks/${QUIRE_VERSION}`,
      'quire-webhook-id': delivery.subscriptionId,
      'quire-delivery-id': delivery.id,
      'quire-event': delivery.eventName,
      'quire-attempt': String(attempt),
      'quire-signature': signatureHeader(timestamp, delivery.body, this.signingSecrets(target, startedAt)),
    };
    const base = { attempt, startedAt };
    try {
      const response = await this.http.request(target.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
        maxRedirects: WEBHOOK_MAX_REDIRECTS,
      });
      const succeeded = response.method === 'POST' && response.status >= 200 && response.status < 300;
      return {
        ...base,
        durationMs: response.durationMs,
        url: response.url,
        responseStatus: response.status,
        responseExcerpt: excerpt(response.body),
        error: succeeded
          ? null
          : response.method !== 'POST'
            ? `redirected to a ${response.method} (HTTP ${response.status}): answer 307 or 308 to move an endpoint`
            : `HTTP ${response.status}`,
        succeeded,
      };
    } catch (error) {
      if (!(error instanceof OutboundRequestError)) throw error;
      return {
        ...base,
        durationMs: error.durationMs ?? 0,
        url: error.url ?? target.url,
        responseStatus: error.status ?? null,
        responseExcerpt: error.details.partialBody ? excerpt(error.details.partialBody) : null,
        error: `${error.kind}: ${error.message}`.slice(0, 1000),
        succeeded: false,
      };
    }
  }

  /** The current secret, and during the grace period after a rotation the previous one too. */
  private signingSecrets(target: DeliveryTarget, now: Date): string[] {
    const secrets = [this.secrets.open(target.delivery.subscriptionId, target.secretCiphertext)];
    if (target.previousSecretCiphertext && target.previousSecretExpiresAt && target.previousSecretExpiresAt > now) {
      secrets.push(this.secrets.open(target.delivery.subscriptionId, target.previousSecretCiphertext));
    }
    return secrets;
  }
}

function excerpt(body: Buffer): string | null {
  if (body.length === 0) return null;
  // A multi-byte character cut at the limit decodes as U+FFFD; NUL cannot be stored in a PostgreSQL text column.
  return body.subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8').replaceAll('\0', '\uFFFD');
}

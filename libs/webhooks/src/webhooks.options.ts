/** Installation-wide options of the webhooks plugin (`WebhooksPlugin.with({...})`). */
export interface WebhooksOptions {
  /** Attempts after the first before a delivery is dead (the queue's retry limit). */
  retryLimit: number;
  /** Seconds before the first retry; each next retry waits about twice as long (exponential backoff, jitter). */
  retryDelaySeconds: number;
  /** How long one attempt may take, redirects and response included (at most OUTBOUND_TIMEOUT_MS). */
  timeoutMs: number;
  /** Largest response body read from a receiver; a larger one fails the attempt. */
  maxResponseBytes: number;
  /** A webhook is disabled after this many deliveries in a row end dead (all retries failed); 0 never disables. */
  disableAfterDeadDeliveries: number;
  /** Deliveries one instance sends at the same time. */
  concurrency: number;
  /** Webhooks one workspace may have. */
  maxWebhooksPerWorkspace: number;
}

export const webhooksOptionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    retryLimit: { type: 'integer', minimum: 0, maximum: 20 },
    retryDelaySeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 300000 },
    maxResponseBytes: { type: 'integer', minimum: 256, maximum: 10485760 },
    disableAfterDeadDeliveries: { type: 'integer', minimum: 0, maximum: 1000 },
    concurrency: { type: 'integer', minimum: 1, maximum: 64 },
    maxWebhooksPerWorkspace: { type: 'integer', minimum: 1, maximum: 1000 },
  },
};

/**
 * 8 retries from 30 s, doubling: the last attempt comes 2 to 4 hours after the first, long enough to ride out a
 * receiver's deploy or short outage. Ten dead deliveries in a row — ten events that each failed for hours — mean
 * the receiver is gone, not flaky.
 */
export const webhooksOptionsDefaults: WebhooksOptions = {
  retryLimit: 8,
  retryDelaySeconds: 30,
  timeoutMs: 10000,
  maxResponseBytes: 64 * 1024,
  disableAfterDeadDeliveries: 10,
  concurrency: 4,
  maxWebhooksPerWorkspace: 50,
};

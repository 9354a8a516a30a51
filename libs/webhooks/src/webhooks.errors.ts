import { QuireError } from '@quire/core';

/** A webhook that does not exist in this workspace: one answer, whoever asks. */
export class WebhookNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'webhooks.subscription-not-found',
      status: 404,
      title: 'Webhook not found',
      detail: `No webhook ${id}.`,
    });
  }
}

export class WebhookDeliveryNotFoundError extends QuireError {
  constructor(id: string) {
    super({
      code: 'webhooks.delivery-not-found',
      status: 404,
      title: 'Delivery not found',
      detail: `No delivery ${id} of this webhook.`,
    });
  }
}

/** The URL is not one Quire may send to: a loopback, private or link-local address (also after DNS), or not http(s). */
export class WebhookUrlNotAllowedError extends QuireError {
  constructor(reason: string) {
    super({
      code: 'webhooks.url-not-allowed',
      status: 400,
      title: 'Webhook URL not allowed',
      detail: `The webhook URL is not allowed: ${reason}.`,
      errors: [{ path: 'url', message: reason }],
    });
  }
}

/** A disabled webhook sends nothing: enable it before pinging or replaying. */
export class WebhookDisabledError extends QuireError {
  constructor(id: string) {
    super({
      code: 'webhooks.subscription-disabled',
      status: 409,
      title: 'Webhook disabled',
      detail: `Webhook ${id} is disabled; enable it (PATCH with "enabled": true) first.`,
    });
  }
}

export class WebhookLimitError extends QuireError {
  constructor(limit: number) {
    super({
      code: 'webhooks.limit-reached',
      status: 409,
      title: 'Too many webhooks',
      detail: `This workspace has ${limit} webhooks, the most it may have; delete one first.`,
      extensions: { limit },
    });
  }
}

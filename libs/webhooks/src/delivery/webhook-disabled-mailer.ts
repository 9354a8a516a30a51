import { Injectable } from '@nestjs/common';
import { TenantDataSource, type RequestContext } from '@quire/core';
import { MailSender } from '@quire/identity';
import type { WebhookSubscription } from '../entities/webhook-subscription.entity';
import { urlWithoutQuery } from './webhook-payload';

/**
 * Tells the workspace's owners and admins that Quire disabled one of its webhooks, through identity's mail outbox and
 * queue, in the transaction that disabled it.
 */
@Injectable()
export class WebhookDisabledMailer {
  constructor(
    private readonly db: TenantDataSource,
    private readonly mail: MailSender,
  ) {}

  async send(tx: RequestContext, webhook: WebhookSubscription, reason: string): Promise<number> {
    const manager = this.db.manager(tx);
    const recipients: Array<{ email: string; workspace_name: string }> = await manager.query(
      `SELECT u.email, w.name AS workspace_name
         FROM workspace_members m
         JOIN identity_users u ON u.id = m.user_id
         JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.workspace_id = $1 AND m.role IN ('owner', 'admin') AND u.closed_at IS NULL
        ORDER BY u.email`,
      [tx.workspaceId],
    );
    for (const recipient of recipients) {
      await this.mail.send(
        recipient.email,
        'webhookDisabled',
        {
          workspaceName: recipient.workspace_name,
          url: urlWithoutQuery(webhook.url),
          deadDeliveries: webhook.deadDeliveriesInARow,
          reason,
        },
        { manager },
      );
    }
    return recipients.length;
  }
}
